import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "quartier.operations"
    verbose_name = "Einsatz"

    def ready(self):
        from quartier.accounts import permissions as perms
        from quartier.core import registry, schedule

        # New reports are linked to hotspots by this job (and at once via the report hook).
        schedule.register(
            "operations-hotspots",
            "quartier.operations.tasks.detect_hotspots",
            every=dt.timedelta(minutes=15),
        )
        for item in (
            registry.MenuItem(_("Mein Tag"), "operations:my_day", perms.can_log_contacts, 15),
            registry.MenuItem(_("Einsatzplan"), "operations:rota_week", perms.can_manage_team, 60),
            registry.MenuItem(_("Fachaustausch"), "operations:meetings", perms.can_manage_team, 62),
            registry.MenuItem(_("Hotspots"), "operations:hotspots", perms.can_manage_reports, 64),
        ):
            registry.add_menu_item(item)
        registry.add_tile(
            registry.Tile(
                _("Erledigt"),
                _("Kleiner Einsatz: Müll, Reinigung, Pflege"),
                "operations:job_new",
                "check",
                perms.can_log_contacts,
                order=40,
            )
        )
        registry.add_demo_loader(registry.DemoLoader("quartier.operations.demo.load", order=90))
