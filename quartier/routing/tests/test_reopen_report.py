"""A closed report can be reopened; the partner who had it is told, with a fresh link."""

import pytest
from django.core import mail
from django.test import Client

from quartier.reports.models import ReportStatus
from quartier.routing.actions import RoutingError, reopen_report
from quartier.routing.models import AnswerKind, Forwarding, ForwardingStatus

from .helpers import partner_path_from


def test_reopening_tells_the_partner_and_retires_the_old_link(
    make_report, coordinator, client_for, django_capture_on_commit_callbacks
):
    report = make_report("wilder-muell")
    old_path = partner_path_from(mail.outbox[0])
    assert Client().post(old_path, {"kind": AnswerKind.RESOLVED}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(coordinator).post(
            f"/weiterleitung/meldung/{report.pk}/wieder-oeffnen/",
            {"note": "Der Müll liegt wieder da."},
        )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.REOPENED
    forwarding = Forwarding.objects.get()
    assert forwarding.status == ForwardingStatus.SENT
    message = mail.outbox[-1]
    assert message.subject.startswith(f"Wieder geöffnet: Meldung {report.pk}")
    assert "Der Müll liegt wieder da." in message.body
    new_path = partner_path_from(message)
    assert new_path != old_path
    assert Client().get(old_path).status_code == 404
    assert Client().post(new_path, {"kind": AnswerKind.ACKNOWLEDGED}).status_code == 302


def test_open_reports_cannot_be_reopened(make_report, coordinator):
    report = make_report("wilder-muell")
    with pytest.raises(RoutingError):
        reopen_report(report=report, actor=coordinator)


def test_reopen_needs_a_reason(make_report, coordinator, client_for):
    report = make_report("wilder-muell", resolved_by_helper=True)
    response = client_for(coordinator).post(f"/weiterleitung/meldung/{report.pk}/wieder-oeffnen/")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED_BY_HELPER
