import datetime as dt

from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "quartier.routing"
    verbose_name = "Weiterleitung"

    def ready(self):
        from quartier.core import schedule
        from quartier.routing import contributions

        contributions.register()

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
