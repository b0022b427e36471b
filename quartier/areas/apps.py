from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "quartier.areas"
    verbose_name = "Gebiete"
