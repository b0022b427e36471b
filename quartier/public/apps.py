from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "quartier.public"
    verbose_name = "Öffentliche Seiten"
