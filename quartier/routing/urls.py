from django.urls import path

from quartier.routing.views import backoffice, partner, staff

app_name = "routing"

urlpatterns = [
    path("", staff.rules, name="rules"),
    path("regeln/neu/", staff.rule_edit, name="rule_new"),
    path("regeln/<int:pk>/", staff.rule_edit, name="rule_edit"),
    path("partner/neu/", staff.authority_edit, name="authority_new"),
    path("partner/<int:pk>/", staff.authority_edit, name="authority_edit"),
    path("testen/", staff.preview, name="preview"),
    path("meldung/<int:report_pk>/", staff.forward, name="forward"),
    path("meldung/<int:report_pk>/wieder-oeffnen/", staff.reopen, name="reopen"),
    path("ueberfaellig/", staff.overdue, name="overdue"),
    path("sammel/", backoffice.bulk_forward, name="bulk_forward"),
    path("weiterleitung/<int:pk>/telefon/", backoffice.phone_answer, name="phone_answer"),
    path("fehlgeschlagen/", staff.failed, name="failed"),
    path(
        "fehlgeschlagen/<str:kind>/<int:pk>/erneut/",
        staff.retry,
        name="retry",
    ),
    path("benachrichtigungen/", staff.notifications, name="notifications"),
    path("antwort/<int:pk>/<str:token>/", partner.partner_page, name="partner"),
    path(
        "antwort/<int:pk>/<str:token>/foto/<int:photo_pk>/",
        partner.partner_photo,
        name="partner_photo",
    ),
]
