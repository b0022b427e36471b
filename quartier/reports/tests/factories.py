"""Test data helpers for reports."""

import importlib


def load_default_categories():
    """The data migration's categories again (tests with a live server empty the tables)."""
    from django.apps import apps

    module = importlib.import_module("quartier.reports.migrations.0003_default_categories")
    module.load(apps, None)
