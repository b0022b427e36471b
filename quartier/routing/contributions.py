"""What routing contributes to core's pages: menu, worklist counts, notifications box."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts import permissions as perms
from quartier.core import registry
from quartier.core.sweeper import SWEEPERS
from quartier.reports.actions import REPORT_SUBMITTED
from quartier.routing.actions import route_new_report
from quartier.routing.models import Forwarding, MailDelivery, Notification
from quartier.routing.tasks import sweep_deliveries


def overdue_count(user) -> int:
    return Forwarding.objects.overdue(timezone.localdate()).count()


def failed_count(user) -> int:
    failed_mail = MailDelivery.objects.filter(status="failed").count()
    return Forwarding.objects.failed().count() + failed_mail


def notifications(request, limit=5) -> dict | None:
    unread = Notification.objects.filter(user=request.user).unread()
    return {"notifications": list(unread[:limit]), "unread": unread.count()}


def register() -> None:
    from quartier.routing import audit_texts

    registry.add("audit_texts", audit_texts.TEXTS)
    registry.add("audit_objects", audit_texts.OBJECTS)
    _register_administration()
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
    # New reports are auto-forwarded inside their own transaction (reports/actions.py).
    registry.add(REPORT_SUBMITTED, route_new_report)
    # Deliveries a dead worker left behind are freed and queued again (core/sweeper.py).
    registry.add(SWEEPERS, sweep_deliveries)
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
