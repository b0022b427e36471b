from django.urls import path

from quartier.public import views

app_name = "public"

urlpatterns = [
    path("", views.transparency, name="transparency"),
    path("quartier/<slug:slug>/", views.quarter_page, name="quarter"),
    path(
        "quartier/<slug:slug>/einfach/", views.quarter_page, {"simple": True}, name="quarter_simple"
    ),
]
