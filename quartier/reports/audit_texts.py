"""How report entries read in the audit log (see core/logdisplay.py)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from quartier.reports.models import ReportStatus

OBJECTS = {
    "reports.report": _("Meldung"),
    "reports.reportcategory": _("Kategorie"),
}

TEXTS = {
    "report.submit": _("schickte %(object)s"),
    "report.confirm": _("bestätigte %(object)s („Das ist dasselbe“)"),
    "report.category": _("änderte die Kategorie von %(object)s"),
    "report.merge": _("markierte %(object)s als doppelt"),
    "report.merge_target": _("ordnete %(object)s eine doppelte Meldung zu"),
    "report.note": _("schrieb eine interne Notiz zu %(object)s"),
    "report.assign": _("wies %(object)s zu"),
    "category.create": _("legte %(object)s an"),
    "category.update": _("änderte %(object)s"),
}
for _status, _label in ReportStatus.choices:
    TEXTS[f"report.status.{_status}"] = format_lazy(
        _("setzte %(object)s auf „{status}“"), status=_label
    )
