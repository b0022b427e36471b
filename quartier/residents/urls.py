"""Resident URLs carry ids only, never names or other personal data."""

from django.urls import path

from quartier.residents.views import contacts, people, privacy

app_name = "residents"

urlpatterns = [
    path("kontakt/neu/", contacts.contact_new, name="contact_new"),
    path("personen/", people.resident_list, name="resident_list"),
    path("personen/neu/", people.resident_new, name="resident_new"),
    path("personen/<int:pk>/", people.resident_detail, name="resident_detail"),
    path("personen/<int:pk>/angaben/", people.resident_details_edit, name="resident_details"),
    path("personen/<int:pk>/einwilligung/", people.consent_new, name="consent_new"),
    path("personen/<int:pk>/hilfe/", people.help_request_new, name="help_request_new"),
    path("einwilligung/<int:pk>/widerruf/", people.consent_revoke, name="consent_revoke"),
    path("hilfe/<int:pk>/erledigt/", people.help_request_complete, name="help_request_complete"),
    path("hilfe/<int:pk>/beenden/", people.help_request_end, name="help_request_end"),
    path("hilfe/<int:pk>/fachaustausch/", people.help_request_flag, name="help_request_flag"),
    path("hilfe/<int:pk>/wieder-oeffnen/", people.help_request_reopen, name="help_request_reopen"),
    path("vermittlung/", people.referral_new, name="referral_new"),
    path("vermittlung/<int:pk>/ergebnis/", people.referral_outcome, name="referral_outcome"),
    path("statistik/", people.tally, name="tally"),
    path("datenschutz/", privacy.privacy_home, name="privacy"),
    path("datenschutz/personen/<int:pk>/", privacy.privacy_person, name="privacy_person"),
    path("datenschutz/personen/<int:pk>/auskunft.json", privacy.export_json, name="export_json"),
    path("datenschutz/personen/<int:pk>/auskunft.pdf", privacy.export_pdf, name="export_pdf"),
    path("datenschutz/personen/<int:pk>/loeschen/", privacy.erase, name="erase"),
]
