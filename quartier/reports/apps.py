from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "quartier.reports"
    verbose_name = "Meldungen"
