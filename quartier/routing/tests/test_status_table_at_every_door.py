"""The status table holds at routing's doors too: a change another person made a moment ago
(the page still showed the old status) is refused with a German message, and nothing of the
refused write is kept. Partner answers by link or phone are kept without breaking the table."""

import pytest
from django.core import mail
from django.test import Client

from quartier.reports.actions import merge_reports, record_status
from quartier.reports.models import Report, ReportStatus
from quartier.routing.actions import (
    RoutingError,
    forward_report,
    record_partner_answer,
    reopen_report,
)
from quartier.routing.models import AnswerChannel, AnswerKind, Forwarding

from .helpers import partner_path_from


def stale(report):
    return Report.objects.get(pk=report.pk)


def test_forwarding_a_report_closed_meanwhile_is_refused(make_report, coordinator, routing_demo):
    report = make_report("abfall-wilder-muell")
    page_copy = stale(report)
    record_status(report=report, status=ReportStatus.CLOSED, actor=coordinator, note="erledigt")
    forwardings = Forwarding.objects.count()
    with pytest.raises(RoutingError, match="nicht vorgesehen"):
        forward_report(report=page_copy, authority=routing_demo["KBK"], actor=coordinator)
    assert Forwarding.objects.count() == forwardings
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED


def test_reopening_a_report_merged_meanwhile_is_refused(make_report, coordinator):
    original = make_report("abfall-wilder-muell", resolved_by_helper=True)
    report = make_report("abfall-wilder-muell", resolved_by_helper=True)
    page_copy = stale(report)
    merge_reports(duplicate=report, into=original, actor=coordinator)
    rows = report.history.count()
    with pytest.raises(RoutingError, match="nicht vorgesehen"):
        reopen_report(report=page_copy, actor=coordinator, note="liegt wieder da")
    report.refresh_from_db()
    assert report.status == ReportStatus.DUPLICATE
    assert report.history.count() == rows


def test_the_reopen_page_shows_the_refusal_instead_of_an_error(
    make_report, coordinator, client_for
):
    original = make_report("abfall-wilder-muell", resolved_by_helper=True)
    report = make_report("abfall-wilder-muell", resolved_by_helper=True)
    merge_reports(duplicate=report, into=original, actor=coordinator)
    response = client_for(coordinator).post(
        f"/weiterleitung/meldung/{report.pk}/wieder-oeffnen/",
        {"note": "Der Müll liegt wieder da."},
        follow=True,
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.DUPLICATE


def test_a_phone_answer_after_not_responsible_is_kept_but_moves_nothing(make_report, coordinator):
    report = make_report("abfall-wilder-muell")
    forwarding = Forwarding.objects.get(report=report)
    record_partner_answer(
        forwarding=forwarding,
        kind=AnswerKind.COMMENT,
        comment="Wir prüfen das.",
        channel=AnswerChannel.STAFF,
        actor=coordinator,
    )
    record_status(report=report, status=ReportStatus.NOT_RESPONSIBLE, actor=coordinator)
    record_partner_answer(
        forwarding=forwarding,
        kind=AnswerKind.RESOLVED,
        comment="Doch erledigt.",
        channel=AnswerChannel.STAFF,
        actor=coordinator,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NOT_RESPONSIBLE
    last = report.history.last()
    assert last.status == ReportStatus.NOT_RESPONSIBLE and "Doch erledigt." in last.note


def test_a_partner_link_answer_moves_a_forwarded_report(make_report):
    report = make_report("abfall-wilder-muell")
    assert report.status == ReportStatus.FORWARDED
    path = partner_path_from(mail.outbox[0])
    assert Client().post(path, {"kind": AnswerKind.ACKNOWLEDGED}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
