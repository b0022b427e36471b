from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "quartier.operations"
    verbose_name = "Einsatz"
