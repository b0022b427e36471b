import datetime as dt

from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "quartier.routing"
    verbose_name = "Weiterleitung"

    def ready(self):
        from quartier.core import registry, schedule
        from quartier.reports.actions import REPORT_SUBMITTED
        from quartier.routing.actions import route_new_report

        # New reports are auto-forwarded inside their own transaction (reports/actions.py).
        registry.add(REPORT_SUBMITTED, route_new_report)

        from quartier.core.sweeper import SWEEPERS
        from quartier.routing.tasks import sweep_deliveries

        registry.add(SWEEPERS, sweep_deliveries)

        schedule.register(
            "routing.reminders",
            "quartier.routing.tasks.send_reminders",
            every=dt.timedelta(hours=1),
        )
        schedule.register(
            "routing.weekly_summary",
            "quartier.routing.tasks.send_weekly_summaries",
            at=dt.time(7, 0),
            weekday=0,
        )
