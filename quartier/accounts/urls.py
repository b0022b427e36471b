from django.urls import path

from quartier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("konto/", views.profile, name="profile"),
    path("verwaltung/benutzer/", views.user_list, name="user_list"),
    path("verwaltung/benutzer/einladen/", views.user_invite, name="user_invite"),
    path("verwaltung/benutzer/<int:pk>/", views.user_detail, name="user_detail"),
    path("verwaltung/benutzer/<int:pk>/rolle/", views.user_role, name="user_role"),
    path("verwaltung/benutzer/<int:pk>/quartiere/", views.user_quarters, name="user_quarters"),
    path("verwaltung/benutzer/<int:pk>/aktiv/", views.user_active, name="user_active"),
    path("verwaltung/benutzer/<int:pk>/zwei-faktor/", views.user_reset_mfa, name="user_reset_mfa"),
]
