"""What routing contributes to core's pages (menu, worklist counts, notifications box), and
how it follows reports (new reports are routed, settled ones withdrawn from partners)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.core import registry
from quartier.core.sweeper import SWEEPERS
from quartier.reports import hooks
from quartier.routing import actions, audit_texts, channels, tasks
from quartier.routing.models import Channel, Forwarding, MailDelivery, Notification


def overdue_count(user) -> int:
    return Forwarding.objects.overdue(timezone.localdate()).count()


def failed_count(user) -> int:
    failed_mail = MailDelivery.objects.filter(status="failed").count()
    return Forwarding.objects.failed().count() + failed_mail


def notifications(request, limit=5) -> dict | None:
    unread = Notification.objects.filter(user=request.user).unread()
    return {"notifications": list(unread[:limit]), "unread": unread.count()}


def _route_new_report(sender, report, **kwargs) -> None:
    # Inside the report's own transaction (reports/actions.py): stored together or not at all.
    actions.route_new_report(report=report)


def _withdraw_when_settled(sender, report, actor, settles=False, **kwargs) -> None:
    # A partner's link must not keep asking for work on a closed or merged report.
    if settles:
        actions.withdraw_forwardings(report=report, actor=actor)


def report_panel(request, report) -> dict:
    return {"report": report}


def register() -> None:
    channels.register_sender(Channel.EMAIL, tasks.send_forwarding_email)
    hooks.report_created.connect(_route_new_report, dispatch_uid="routing.route_new_report")
    hooks.report_status_changed.connect(
        _withdraw_when_settled, dispatch_uid="routing.withdraw_when_settled"
    )
    registry.add("audit_texts", audit_texts.TEXTS)
    registry.add("audit_objects", audit_texts.OBJECTS)
    _register_administration()
    registry.add(
        "inbox_bulk_action",
        registry.MenuItem(
            _("Ausgewählte weiterleiten …"), "routing:bulk_forward", perms.can_manage_reports
        ),
    )
    registry.add_menu_item(
        registry.MenuItem(_("Zuständigkeiten"), "routing:rules", perms.can_manage_routing, order=50)
    )
    registry.add_worklist_count(
        registry.WorklistCount(
            _("Überfällige Weiterleitungen"),
            "routing:overdue",
            overdue_count,
            perms.can_manage_reports,
            order=30,
        )
    )
    registry.add_worklist_count(
        registry.WorklistCount(
            _("Zustellung fehlgeschlagen"),
            "routing:failed",
            failed_count,
            perms.can_manage_reports,
            order=40,
        )
    )
    registry.add(
        "inbox_tab",
        registry.WorklistCount(
            _("Überfällig"), "routing:overdue", overdue_count, perms.can_manage_reports
        ),
    )
    registry.add_page_section(
        registry.PageSection("report_detail", "routing/_report_panel.html", report_panel)
    )
    for page in ("home_helper", "home_coordinator"):
        registry.add_page_section(
            registry.PageSection(
                page,
                "routing/_notifications.html",
                notifications,
                lambda user: user.is_authenticated,
                order=90,
            )
        )
    registry.add_demo_loader(registry.DemoLoader("quartier.routing.demo.load", order=30))
    # Deliveries a dead worker left behind are freed and queued again (core/sweeper.py).
    registry.add(SWEEPERS, tasks.sweep_deliveries)
    # After the reports' demo (50): answers, triage and a year of finished reports.
    registry.add_demo_loader(registry.DemoLoader("quartier.routing.demo_lived_in.load", order=55))


def _register_administration() -> None:
    for label, hint, url_name, order in [
        (_("Partner und Zuständigkeiten"), _("Behörden, Adressen, Fristen, Regeln"),
         "routing:rules", 50),
        (_("Zugänge (Open311)"), _("Schlüssel ausstellen, sperren, letzte Nutzung"),
         "routing_admin:api_keys", 60),
    ]:  # fmt: skip
        registry.add_tile(
            registry.Tile(label, hint, url_name, "", perms.can_administer, order, "administration")
        )
