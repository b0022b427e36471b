from django.urls import path

from quartier.accounts import views

app_name = "accounts"

urlpatterns = [
    path("konto/", views.profile, name="profile"),
]
