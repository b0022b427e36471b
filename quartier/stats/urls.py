from django.urls import path, re_path

from quartier.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.dashboard_page, name="dashboard"),
    re_path(
        r"^tabelle/(?P<slug>[a-z0-9_-]+)\.(?P<fmt>csv|xlsx)$",
        views.export_table,
        name="export_table",
    ),  # fmt: skip
    path("sachbericht/", views.sachbericht, name="sachbericht"),
    path("sachbericht.pdf", views.sachbericht_pdf, name="sachbericht_pdf"),
    path("alle.xlsx", views.export_all, name="export_all"),
    re_path(r"^rohdaten/(?P<kind>meldungen|gespraeche)\.csv$", views.raw_export, name="raw_export"),
]
