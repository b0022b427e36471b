from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "quartier.open311"
    verbose_name = "Open311"
