"""What reports contributes to core's pages: menu, tiles, worklist counts, the offline app."""

from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.core import registry
from quartier.reports.models import Report, ReportStatus


def _count(status):
    return lambda user: Report.objects.filter(status=status).count()


def _assigned_checks(request) -> dict | None:
    from quartier.reports.access import reports_assigned_to

    checks = list(reports_assigned_to(request.user))
    return {"checks": checks} if checks else None


def register() -> None:
    registry.add_tile(
        registry.Tile(
            _("Kategorien"),
            _("Zwei Ebenen, Symbole, Zusatzfelder, Open311"),
            "report_admin:category_list",
            "",
            perms.can_administer,
            40,
            "administration",
        )
    )
    from quartier.reports import audit_texts

    registry.add("audit_texts", audit_texts.TEXTS)
    registry.add("audit_objects", audit_texts.OBJECTS)
    # A coordinator's "Nachkontrolle" for a helper shows up in her day.
    registry.add_page_section(
        registry.PageSection(
            "my_day", "reports/_section_my_day.html", _assigned_checks, perms.can_report, order=20
        )
    )
    registry.add_menu_item(
        registry.MenuItem(_("Melden"), "reports:capture", perms.can_report, order=10)
    )
    registry.add_menu_item(
        registry.MenuItem(_("Meldungen"), "reports:inbox", perms.can_manage_reports, order=20)
    )
    registry.add_tile(
        registry.Tile(
            _("Melden"),
            _("Problem im Quartier mit Foto"),
            "reports:capture",
            "camera",
            perms.can_report,
            order=10,
        )
    )
    registry.add_tile(
        registry.Tile(
            _("Meine Meldungen"),
            _("Was ist daraus geworden?"),
            "reports:mine",
            "inbox",
            perms.can_report,
            order=50,
        )
    )
    registry.add_worklist_count(
        registry.WorklistCount(
            _("Neue Meldungen"),
            "reports:inbox",
            _count(ReportStatus.NEW),
            perms.can_manage_reports,
            order=10,
        )
    )
    registry.add_worklist_count(
        registry.WorklistCount(
            _("Nicht zuständig: neu zuordnen"),
            "reports:inbox",
            _count(ReportStatus.NOT_RESPONSIBLE),
            perms.can_manage_reports,
            query="?status=not_responsible",
            order=20,
        )
    )
    # Capturing a report works without network; the photo waits in the outbox.
    registry.add_offline_page(
        "reports:capture",
        static=["css/capture.css", "js/photo-prep.js", "js/capture.js", "js/address-suggest.js"],
    )
    registry.add("pwa_start_url", "reports:capture")
    registry.add_demo_loader(registry.DemoLoader("quartier.reports.demo.load", order=50))
