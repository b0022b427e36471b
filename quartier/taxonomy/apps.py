from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "quartier.taxonomy"
    verbose_name = "Themen"
