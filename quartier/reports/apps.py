from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "quartier.reports"
    verbose_name = "Meldungen"

    def ready(self):
        from quartier.reports import contributions

        contributions.register()
