import datetime as dt

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "quartier.operations"
    verbose_name = "Einsatz"

    def ready(self):
        from quartier.core import schedule
        from quartier.operations import contributions

        # New reports are linked to hotspots by the report-created hook; this job catches up.
        schedule.register(
            "operations-hotspots",
            "quartier.operations.tasks.detect_hotspots",
            every=dt.timedelta(minutes=15),
        )
        contributions.register()
