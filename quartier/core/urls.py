from django.urls import path

from quartier.core import audit_log, views

app_name = "core"

urlpatterns = [
    path("seiten/impressum/", views.page, {"template": "core/imprint.html"}, name="imprint"),
    path("seiten/datenschutz/", views.page, {"template": "core/privacy.html"}, name="privacy"),
    path("seiten/barrierefreiheit/", views.accessibility, name="accessibility"),
    path("seiten/leichte-sprache/", views.simple_language, name="simple_language"),
    path("datenschutz/protokoll/", audit_log.audit_log, name="audit_log"),
    path("verwaltung/", views.administration, name="administration"),
]
