"""Demo and test data for residents: the needs taxonomy (idempotent).

The taxonomy is created by migration 0002; tests that flush the database (browser tests with a
live server) and fresh demo installations call `load()` to have it again.
"""

from importlib import import_module

from django.apps import apps


def load() -> None:
    migration = import_module("quartier.residents.migrations.0002_load_needs_taxonomy")
    migration.load(apps, None)
    english = import_module("quartier.residents.migrations.0006_topic_english_name")
    english.add_english_names(apps, None)
