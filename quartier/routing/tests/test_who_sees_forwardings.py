"""Helpers see what became of their own reports, but no delivery errors; closing withdraws."""

from django.core import mail
from django.template.loader import render_to_string
from django.test import Client

from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.routing import access
from quartier.routing.actions import withdraw_forwardings
from quartier.routing.models import Forwarding, ForwardingStatus

from .helpers import partner_path_from


def render_panel(report, user, rf):
    request = rf.get("/")
    request.user = user
    return render_to_string("routing/_report_panel.html", {"report": report}, request=request)


def test_reporter_sees_forwardings_of_her_report_others_do_not(
    make_report, helper, other_helper, coordinator, rf
):
    report = make_report("wilder-muell")
    assert access.forwardings_for_report(helper, report).count() == 1
    assert access.forwardings_for_report(other_helper, report).count() == 0
    assert access.forwardings_for_report(coordinator, report).count() == 1
    helper_panel = render_panel(report, helper, rf)
    assert "GSAK: Gesendet" in helper_panel
    assert "/weiterleitung/meldung/" not in helper_panel  # no forward button
    assert "Noch nicht weitergeleitet" in render_panel(report, other_helper, rf)


def test_helpers_do_not_see_delivery_errors(make_report, helper, rf):
    report = make_report("wilder-muell")
    Forwarding.objects.update(status=ForwardingStatus.FAILED, last_error="SMTP 550 intern")
    assert "SMTP 550" not in render_panel(report, helper, rf)


def test_closing_a_report_withdraws_its_forwardings(make_report, coordinator):
    report = make_report("wilder-muell")
    path = partner_path_from(mail.outbox[0])
    record_status(report=report, status=ReportStatus.DUPLICATE, actor=coordinator)
    assert withdraw_forwardings(report=report, actor=coordinator) == 1
    assert "zurückgezogen" in Client().get(path).content.decode()
    assert Client().post(path, {"kind": "acknowledged"}).status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.DUPLICATE


def test_a_late_answer_does_not_reopen_a_closed_report(make_report, coordinator):
    report = make_report("wilder-muell")
    path = partner_path_from(mail.outbox[0])
    record_status(report=report, status=ReportStatus.CLOSED, actor=coordinator, note="erledigt")
    assert Client().post(path, {"kind": "acknowledged"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert report.history.last().actor_label == "GSAK (Partnerlink)"
