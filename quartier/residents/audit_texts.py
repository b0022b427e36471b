"""How residents' audit entries read in the privacy officer's log (see core/logdisplay.py)."""

from django.utils.translation import gettext_lazy as _

OBJECTS = {
    "residents.resident": _("Person"),
    "residents.consent": _("Einwilligung"),
    "residents.helprequest": _("Hilfeanfrage"),
    "residents.referral": _("Vermittlung"),
    "residents.contact": _("Gespräch"),
    "residents": _("Bewohnerdaten"),
}

TEXTS = {
    "resident.view": _("öffnete %(object)s (Einsicht)"),
    "resident.create": _("legte %(object)s an"),
    "resident.update": _("änderte Notizen und Themen von %(object)s"),
    "resident.edit": _("öffnete %(object)s zum Bearbeiten"),
    "resident.list": _("sah die Liste der Personen ein"),
    "resident.consent": _("öffnete %(object)s, um eine Einwilligung zu erfassen"),
    "resident.consent_revoke": _("öffnete %(object)s, um einen Widerruf zu erfassen"),
    "resident.help_request": _("öffnete %(object)s, um eine Hilfeanfrage anzulegen"),
    "resident.privacy_view": _("öffnete %(object)s im Datenschutzbereich"),
    "resident.export_json": _("exportierte die Auskunft zu %(object)s (JSON)"),
    "resident.export_pdf": _("exportierte die Auskunft zu %(object)s (PDF)"),
    "resident.erase_request": _("öffnete %(object)s zur Löschung"),
    "resident.erase": _("löschte %(object)s auf Antrag"),
    "resident.flags": _("änderte die Kennzeichen von %(object)s"),
    "resident.data_removed.consent_revoked": _(
        "entfernte Daten von %(object)s nach einem Widerruf"
    ),
    "resident.search.access_request": _("suchte eine Person für ein Auskunftsersuchen"),
    "resident.privacy_match": _("fand %(object)s für ein Auskunftsersuchen (genauer Name)"),
    "consent.record": _("erfasste %(object)s"),
    "consent.revoke": _("erfasste den Widerruf von %(object)s"),
    "contact.log": _("erfasste %(object)s (anonym)"),
    "contact.tally": _("sah die Gesprächsstatistik ein"),
    "help_request.create": _("legte %(object)s an"),
    "help_request.view": _("öffnete %(object)s"),
    "help_request.list": _("sah die fälligen Hilfeanfragen ein"),
    "help_request.complete": _("hakte %(object)s als erledigt ab"),
    "help_request.end": _("beendete %(object)s"),
    "help_request.reopen": _("machte das Beenden von %(object)s rückgängig"),
    "referral.record": _("erfasste %(object)s"),
    "referral.list": _("sah die letzten Vermittlungen ein"),
    "referral.outcome": _("öffnete %(object)s, um das Ergebnis einzutragen"),
    "referral.outcome.taken_up": _("trug bei %(object)s „angenommen“ ein"),
    "referral.outcome.not_taken_up": _("trug bei %(object)s „nicht angenommen“ ein"),
    "referral.outcome.unknown": _("trug bei %(object)s „unbekannt“ ein"),
    "retention.preview": _("sah die Aufbewahrungs-Vorschau ein"),
}
