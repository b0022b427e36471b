from django.urls import path

from quartier.operations import views

app_name = "operations"

urlpatterns = [
    path("mein-tag/", views.my_day, name="my_day"),
]
