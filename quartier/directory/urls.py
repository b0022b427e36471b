from django.urls import path

from quartier.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    # Public, no login: the page behind the QR code on a printed handout.
    path("angebot/<uuid:external_id>/", views.public_entry, name="public"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/handzettel/", views.handout, name="handout"),
    path("<int:pk>/handzettel.pdf", views.handout_pdf, name="handout_pdf"),
    path("pflege/", views.manage, name="manage"),
    path("pflege/neu/", views.create, name="create"),
    path("pflege/<int:pk>/", views.edit, name="edit"),
    path("pflege/import/", views.import_file, name="import"),
    path("pflege/export/<str:file_format>/", views.export_file, name="export"),
]
