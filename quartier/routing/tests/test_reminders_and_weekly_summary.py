"""Reminders one working day before and after the deadline; one summary per partner a week."""

import datetime as dt

import pytest
from django.core import mail

from quartier.core import schedule
from quartier.routing.actions import forward_report, record_partner_answer
from quartier.routing.models import AnswerKind, Authority, MailDelivery, MailKind
from quartier.routing.tasks import send_reminders, send_weekly_summaries


@pytest.fixture
def forwarded_before_fronleichnam(make_report, django_capture_on_commit_callbacks):
    """A report forwarded to KOD (2 working days) on Tuesday 2 June 2026: due Friday 5 June,
    because Thursday 4 June is Fronleichnam."""
    report = make_report("ordnung-sicherheit")
    with django_capture_on_commit_callbacks(execute=True):
        forwarding = forward_report(
            report=report,
            authority=Authority.objects.get(short_name="KOD"),
            actor=None,
            today=dt.date(2026, 6, 2),
        )
    mail.outbox.clear()
    assert forwarding.due_date == dt.date(2026, 6, 5)
    return forwarding


def run(day, capture):
    with capture(execute=True):
        return send_reminders.call(day)


def test_reminder_before_and_after_the_deadline_each_once(
    forwarded_before_fronleichnam, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    assert run("2026-06-02", capture) == 0
    assert run("2026-06-03", capture) == 1  # the working day before Friday (Thursday: holiday)
    assert mail.outbox[-1].subject.startswith("Erinnerung: Frist endet am 05.06.")
    assert run("2026-06-03", capture) == 0  # hourly job: nothing twice
    assert run("2026-06-04", capture) == 0  # Fronleichnam: no mail on a holiday
    assert run("2026-06-05", capture) == 0
    assert run("2026-06-06", capture) == 0  # Saturday
    assert run("2026-06-08", capture) == 1  # the working day after the deadline
    assert mail.outbox[-1].subject.startswith("Frist abgelaufen")
    assert "/weiterleitung/antwort/" in mail.outbox[-1].body
    assert run("2026-06-09", capture) == 0
    kinds = list(MailDelivery.objects.values_list("kind", flat=True).order_by("pk"))
    assert kinds == [MailKind.REMINDER_BEFORE, MailKind.REMINDER_AFTER]
    assert len(mail.outbox) == 2


def test_answered_forwardings_get_no_reminders(
    forwarded_before_fronleichnam, django_capture_on_commit_callbacks
):
    record_partner_answer(forwarding=forwarded_before_fronleichnam, kind=AnswerKind.RESOLVED)
    assert run("2026-06-03", django_capture_on_commit_callbacks) == 0
    assert run("2026-06-08", django_capture_on_commit_callbacks) == 0


def test_acknowledged_forwardings_are_still_reminded(
    forwarded_before_fronleichnam, django_capture_on_commit_callbacks
):
    record_partner_answer(forwarding=forwarded_before_fronleichnam, kind=AnswerKind.ACKNOWLEDGED)
    assert run("2026-06-08", django_capture_on_commit_callbacks) == 1


def test_monday_summary_lists_each_partners_open_items_once(
    forwarded_before_fronleichnam, make_report, django_capture_on_commit_callbacks
):
    make_report("wilder-muell")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_summaries.call("2026-06-08") == 2
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"kod@krefeld.example.org", "meldungen@gsak.example.org"}
    kod = by_recipient["kod@krefeld.example.org"]
    assert kod.subject.startswith("Wochenübersicht: 1 offene Meldung ")
    assert "(überfällig)" in kod.body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_summaries.call("2026-06-08") == 0
    assert len(mail.outbox) == 2


def test_jobs_are_registered_with_the_scheduler():
    jobs = {job.name: job for job in schedule.jobs()}
    assert jobs["routing.reminders"].every == dt.timedelta(hours=1)
    assert jobs["routing.weekly_summary"].weekday == 0
