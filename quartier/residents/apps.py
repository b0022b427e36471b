from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "quartier.residents"
    verbose_name = "Bewohner"
