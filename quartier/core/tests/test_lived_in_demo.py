"""The demo is lived in: people with consent, help due today for `helferin`, a year of
conversations, referrals and finished reports, reports in every status with partners' answers."""

import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from quartier.reports.models import Report, ReportNote, ReportStatus
from quartier.residents.models import Contact, HelpRequest, Referral, Resident
from quartier.routing.models import PartnerAnswer


@pytest.mark.slow
def test_lived_in_demo_fills_every_page_and_loads_once(db, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    elapsed = time.monotonic() - started
    today = timezone.localdate()

    residents = Resident.objects.filter(display_name__endswith="(Beispiel)")
    assert residents.count() >= 5
    assert all(r.consents.valid().exists() for r in residents)
    due = HelpRequest.objects.filter(helpers__username="helferin").due_by(today)
    assert due.filter(due_on=today).count() >= 2
    year_ago = timezone.now() - timezone.timedelta(days=330)
    assert Contact.objects.filter(created_at__lt=year_ago).exists()
    assert Contact.objects.count() > 2000
    assert Referral.objects.filter(resident=None).count() > 200
    statuses = set(Report.objects.values_list("status", flat=True))
    assert {
        ReportStatus.NEW,
        ReportStatus.FORWARDED,
        ReportStatus.ACKNOWLEDGED,
        ReportStatus.RESOLVED,
        ReportStatus.RESOLVED_BY_HELPER,
        ReportStatus.NOT_RESPONSIBLE,
        ReportStatus.DUPLICATE,
        ReportStatus.CLOSED,
    } <= statuses
    assert PartnerAnswer.objects.count() >= 3
    assert Report.objects.filter(assigned_to__username="helferin").exists()
    assert elapsed < 120, elapsed  # generous on a shared CI machine; ~7 s CPU when idle

    counts = (Contact.objects.count(), Report.objects.count(), ReportNote.objects.count())
    call_command("load_demo")
    assert (Contact.objects.count(), Report.objects.count(), ReportNote.objects.count()) == counts
