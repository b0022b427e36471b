"""seed_bench: realistic reports spread over quarters and two years, without demo data."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from quartier.areas.models import Quarter
from quartier.reports.models import Report, ReportCategory, ReportStatusChange
from testkit.factories import load_needs_taxonomy

pytestmark = pytest.mark.django_db


def test_seed_bench_creates_what_it_needs_and_spreads_the_reports():
    call_command("seed_bench", reports=600, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Quarter.objects.count() == 8
    assert ReportCategory.objects.filter(code="abfall-wilder-muell").exists()
    assert Report.objects.count() == 600
    assert ReportStatusChange.objects.filter(report__in=Report.objects.all()).count() >= 600
    oldest = Report.objects.order_by("created_at").first().created_at
    assert timezone.now() - oldest > dt.timedelta(days=300)
    quarters_used = Report.objects.exclude(quarter=None).values("quarter").distinct().count()
    assert quarters_used == 8
    assert Report.objects.values("status").distinct().count() >= 5
    assert Report.objects.open().count() < Report.objects.closed().count()


def test_seed_bench_uses_existing_categories_and_can_run_twice(quarters):
    # Only this installation's own categories exist (the default set is switched off).
    ReportCategory.objects.update(is_active=False)
    parent = ReportCategory.objects.create(code="eigene", name="Eigene")
    own = ReportCategory.objects.create(code="eigene-sub", name="Sub", parent=parent)
    before = ReportCategory.objects.count()
    call_command("seed_bench", reports=50, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_bench", reports=50, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Report.objects.count() == 100
    assert set(Report.objects.values_list("category", flat=True)) == {own.pk}
    assert ReportCategory.objects.count() == before


def test_seed_bench_also_seeds_contacts_and_residents(quarters):
    from quartier.residents.models import Contact, Resident

    load_needs_taxonomy()  # as the migration left it, also after a test that emptied the tables
    call_command("seed_bench", contacts=40, residents=6, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Contact.objects.count() == 40
    assert Resident.objects.count() == 6
    assert not Report.objects.exists()


def test_seed_bench_without_options_says_what_it_needs(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--reports"):
        call_command("seed_bench")
