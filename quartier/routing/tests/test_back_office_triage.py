"""Triage like a back office: notes that never reach a partner, assignment, several reports at
once, a partner's answer taken by phone. Every one is audited and in the report's history."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.reports.models import ReportStatus
from quartier.routing.models import AnswerChannel, ForwardingStatus

from .helpers import partner_path_from


def test_internal_note_stays_with_the_coordination(client_for, coordinator, helper, make_report):
    report = make_report("abfall-wilder-muell")
    client = client_for(coordinator)
    response = client.post(
        reverse("reports:add_note", args=[report.pk]), {"text": "Eigentümer ist schwierig"}
    )
    assert response.status_code == 302
    assert "Eigentümer ist schwierig" in client.get(response.url).content.decode()
    assert AuditEntry.objects.filter(action="report.note").exists()
    helper_page = client_for(helper).get(reverse("reports:mine_detail", args=[report.pk]))
    assert "Eigentümer ist schwierig" not in helper_page.content.decode()
    partner_page = Client().get(partner_path_from(mail.outbox[0]))
    assert "Eigentümer ist schwierig" not in partner_page.content.decode()


def test_assigning_a_report_to_a_helper_is_in_the_history(
    client_for, coordinator, helper, make_report
):
    report = make_report("abfall-wilder-muell")
    response = client_for(coordinator).post(
        reverse("reports:assign", args=[report.pk]),
        {"person": helper.pk, "note": "Nachkontrolle: ist der Müll weg?"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == helper
    assert report.history.last().note == "Zugewiesen an Hanna: Nachkontrolle: ist der Müll weg?"
    assert AuditEntry.objects.filter(action="report.assign").exists()
    my_day = client_for(helper).get("/einsatz/mein-tag/").content.decode()
    assert "Nachkontrolle vor Ort" in my_day and f"#{report.pk}" in my_day


def test_closing_several_reports_at_once_asks_first(client_for, coordinator, make_report):
    reports = [make_report("abfall-wilder-muell") for _ in range(3)]
    client = client_for(coordinator)
    data = {"meldung": [r.pk for r in reports[:2]], "aktion": "close", "grund": "Abgeholt"}
    asked = client.post(reverse("reports:bulk"), data)
    assert "2 Meldungen abschließen?" in asked.content.decode()
    assert all(r.status != ReportStatus.CLOSED for r in reports)

    client.post(reverse("reports:bulk"), {**data, "confirm": "1"})
    statuses = [type(r).objects.get(pk=r.pk).status for r in reports]
    assert statuses == [ReportStatus.CLOSED, ReportStatus.CLOSED, reports[2].status]
    assert AuditEntry.objects.filter(action="report.status.closed").count() == 2


def test_closing_several_without_a_reason_is_refused(client_for, coordinator, make_report):
    report = make_report("abfall-wilder-muell")
    response = client_for(coordinator).post(
        reverse("reports:bulk"),
        {"meldung": [report.pk], "aktion": "close", "grund": " ", "confirm": "1"},
        follow=True,
    )
    assert "Bitte geben Sie einen Grund für den Abschluss an." in response.content.decode()
    report.refresh_from_db()
    assert report.status != ReportStatus.CLOSED


def test_merging_several_into_one(client_for, coordinator, make_report):
    original, *dups = [make_report("abfall-wilder-muell") for _ in range(3)]
    client_for(coordinator).post(
        reverse("reports:bulk"),
        {"meldung": [d.pk for d in dups], "aktion": "merge", "ziel": original.pk, "confirm": "1"},
    )
    for dup in dups:
        dup.refresh_from_db()
        assert dup.duplicate_of_id == original.pk


def test_forwarding_several_reports_at_once(client_for, coordinator, make_report, routing_demo):
    reports = [make_report("problemimmobilie") for _ in range(2)]
    client = client_for(coordinator)
    ids = [r.pk for r in reports]
    step1 = client.post(reverse("routing:bulk_forward"), {"meldung": ids})
    page = step1.content.decode()
    assert "Bitte wählen" in page and "---------" not in page
    kbk = routing_demo["KBK"]
    client.post(reverse("routing:bulk_forward"), {"meldung": ids, "authority": kbk.pk})
    for report in reports:
        assert report.forwardings.filter(authority=kbk).exists()


def test_partner_answer_by_phone_is_recorded(client_for, coordinator, make_report):
    report = make_report("abfall-wilder-muell")
    forwarding = report.forwardings.get()
    response = client_for(coordinator).post(
        reverse("routing:phone_answer", args=[forwarding.pk]),
        {"kind": "resolved", "comment": "Herr Meyer (GSAK) am Telefon: abgeholt"},
    )
    assert response.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.RESOLVED
    answer = forwarding.answers.get()
    assert answer.channel == AnswerChannel.STAFF
    report.refresh_from_db()
    assert "am Telefon: abgeholt" in report.history.last().note
