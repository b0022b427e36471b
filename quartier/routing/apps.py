from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "quartier.routing"
    verbose_name = "Weiterleitung"
