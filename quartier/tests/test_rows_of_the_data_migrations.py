"""A test in a rolled-back transaction finds the data migrations' rows even when it runs after a
test that emptied the tables in the same process (root conftest, `_rows_of_the_data_migrations`)."""

import pytest
from django.core.management import call_command

from quartier.reports.models import ReportCategory
from quartier.taxonomy.models import Topic


@pytest.fixture(scope="module")
def emptied_as_after_a_live_server_test(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        assert not Topic.objects.exists()
        assert not ReportCategory.objects.exists()


def test_categories_and_needs_taxonomy_are_back(emptied_as_after_a_live_server_test, db):
    assert Topic.objects.filter(code="everyday-shopping").exists()
    assert Topic.objects.sensitive().exists()
    assert ReportCategory.objects.filter(code="abfall", name_en__gt="").exists()
