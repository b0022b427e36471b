"""How routing entries read in the audit log (see core/logdisplay.py)."""

from django.utils.translation import gettext_lazy as _

OBJECTS = {
    "accounts.apiclient": _("Zugang (Open311)"),
    "routing.forwarding": _("Weiterleitung"),
    "routing.authority": _("Partner"),
    "routing.routingrule": _("Zuständigkeitsregel"),
}

TEXTS = {
    "routing.forward": _("legte %(object)s an"),
    "routing.withdraw": _("zog die offenen Weiterleitungen von %(object)s zurück"),
    "routing.reopen": _("öffnete %(object)s wieder"),
    "routing.answer.acknowledged": _("trug „übernommen“ bei %(object)s ein"),
    "routing.answer.resolved": _("trug „erledigt“ bei %(object)s ein"),
    "routing.answer.not_responsible": _("trug „nicht zuständig“ bei %(object)s ein"),
    "routing.answer.comment": _("trug einen Kommentar bei %(object)s ein"),
    "routing.delivery.retry_manual": _("sendete %(object)s erneut"),
    "routing.rule.create": _("legte %(object)s an"),
    "routing.rule.update": _("änderte %(object)s"),
    "routing.rule.deactivate": _("schaltete %(object)s ab"),
    "routing.rule.activate": _("schaltete %(object)s wieder ein"),
    "routing.authority.create": _("legte %(object)s an"),
    "routing.authority.update": _("änderte %(object)s"),
    "routing.authority.deactivate": _("schaltete %(object)s ab"),
    "routing.authority.activate": _("schaltete %(object)s wieder ein"),
    "routing.notifications.read": _("las Benachrichtigungen"),
    "api_key.issue": _("stellte %(object)s aus"),
    "api_key.revoke": _("sperrte %(object)s"),
}
