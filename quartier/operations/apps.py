import datetime as dt

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "quartier.operations"
    verbose_name = "Einsatz"

    def ready(self):
        from quartier.core import schedule
        from quartier.operations import contributions

        # New reports are linked through reports' report_created hook; this job forms new hotspots
        # and catches up on anything the hook missed.
        schedule.register(
            "operations-hotspots",
            "quartier.operations.tasks.detect_hotspots",
            every=dt.timedelta(minutes=15),
        )
        contributions.register()
