from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "quartier.stats"
    verbose_name = "Statistik"
