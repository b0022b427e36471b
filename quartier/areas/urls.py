from django.urls import path

from quartier.areas import views

app_name = "areas"

urlpatterns = [
    path("quartiere/", views.quarter_list, name="quarter_list"),
    path("quartiere/pruefen/", views.quarter_upload, name="quarter_upload"),
    path("quartiere/speichern/", views.quarter_import, name="quarter_import"),
    path("stuetzpunkte/", views.base_list, name="base_list"),
    path("stuetzpunkte/neu/", views.base_edit, name="base_new"),
    path("stuetzpunkte/<int:pk>/", views.base_edit, name="base_edit"),
]
