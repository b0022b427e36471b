from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "quartier.directory"
    verbose_name = "Wegweiser"
