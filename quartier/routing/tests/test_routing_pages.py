"""Coordinators edit rules and partners, test a location, forward, see overdue and failures."""

import datetime as dt

import pytest
from django.core import mail

from quartier.core.models import AuditEntry
from quartier.reports.models import ReportStatus
from quartier.routing.models import Authority, Forwarding, Notification, RoutingRule

STAFF_PAGES = [
    "/weiterleitung/",
    "/weiterleitung/regeln/neu/",
    "/weiterleitung/partner/neu/",
    "/weiterleitung/testen/",
    "/weiterleitung/ueberfaellig/",
    "/weiterleitung/fehlgeschlagen/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_helpers_get_the_german_403_and_visitors_the_login(url, helper, client_for, routing_demo):
    assert client_for(helper).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_coordinators_and_admins_open_every_page(url, coordinator, admin_user, client_for):
    assert client_for(coordinator).get(url).status_code == 200
    assert client_for(admin_user).get(url).status_code == 200


def test_helper_cannot_forward_or_reopen(make_report, helper, client_for):
    report = make_report("ordnung-sicherheit")
    client = client_for(helper)
    kod = Authority.objects.get(short_name="KOD")
    assert client.get(f"/weiterleitung/meldung/{report.pk}/").status_code == 403
    response = client.post(f"/weiterleitung/meldung/{report.pk}/", {"authority": kod.pk})
    assert response.status_code == 403
    assert not report.forwardings.exists()


def test_coordinator_creates_and_edits_a_rule(coordinator, client_for, category, quarter):
    client = client_for(coordinator)
    kbk = Authority.objects.get(short_name="KBK")
    data = {
        "category": category("abfall-hundekot").pk,
        "quarter": quarter.pk,
        "authority": kbk.pk,
        "deadline_working_days": "4",
        "auto_forward": "on",
        "note": "Hundekot im Park: KBK",
        "is_active": "on",
    }
    assert client.post("/weiterleitung/regeln/neu/", data).status_code == 302
    rule = RoutingRule.objects.get(category__code="abfall-hundekot")
    assert (rule.quarter, rule.authority, rule.deadline_days) == (quarter, kbk, 4)
    assert AuditEntry.objects.filter(action="routing.rule.create").count() == 1

    duplicate = client.post("/weiterleitung/regeln/neu/", data)
    assert duplicate.status_code == 200
    assert RoutingRule.objects.filter(category__code="abfall-hundekot").count() == 1

    data["deadline_working_days"] = ""
    assert client.post(f"/weiterleitung/regeln/{rule.pk}/", data).status_code == 302
    rule.refresh_from_db()
    assert rule.deadline_days == kbk.sla_working_days
    assert "Hundekot" in client.get("/weiterleitung/").content.decode()


def test_authority_form_checks_addresses_and_channel(coordinator, client_for):
    client = client_for(coordinator)
    base = {"name": "Tiefbau", "channel": "email", "sla_working_days": "5", "is_active": "on"}
    no_address = client.post("/weiterleitung/partner/neu/", base)
    assert "mindestens eine Adresse" in no_address.content.decode()
    bad = client.post("/weiterleitung/partner/neu/", base | {"emails": "a@example.org, kaputt"})
    assert bad.status_code == 200
    assert not Authority.objects.filter(name="Tiefbau").exists()
    open311 = client.post("/weiterleitung/partner/neu/", base | {"channel": "open311"})
    assert "Open311 ist eine Adresse nötig" in open311.content.decode()
    ok = client.post(
        "/weiterleitung/partner/neu/", base | {"emails": " a@example.org ,b@example.org "}
    )
    assert ok.status_code == 302
    assert Authority.objects.get(name="Tiefbau").email_list == ["a@example.org", "b@example.org"]


def test_preview_shows_rule_reason_and_deadline_before_anyone_relies_on_it(
    coordinator, client_for, category, quarters
):
    client = client_for(coordinator)
    page = client.get(
        "/weiterleitung/testen/",
        {"category": category("menschen-in-not").pk, "latitude": "51.333", "longitude": "6.562"},
    ).content.decode()
    assert "Wohnungslosenhilfe Krefeld" in page
    assert "im Quartier Innenstadt (Vier Wälle)" in page
    assert "genauer als 1 weitere" in page
    by_quarter = client.get(
        "/weiterleitung/testen/",
        {
            "category": category("beleuchtung-laterne-defekt").pk,
            "quarter": quarters["bleichpfad"].pk,
        },
    ).content.decode()
    assert "NGN" in by_quarter and "Oberkategorie „Beleuchtung“" in by_quarter
    outside = client.get(
        "/weiterleitung/testen/",
        {"category": category("sonstiges").pk, "latitude": "52.52", "longitude": "13.40"},
    ).content.decode()
    assert "außerhalb von Krefeld" in outside
    assert "Keine Regel passt" in outside
    missing = client.get("/weiterleitung/testen/", {"category": category("sonstiges").pk})
    assert "Bitte ein Quartier wählen" in missing.content.decode()


def test_coordinator_forwards_with_a_message_from_the_forward_page(
    make_report, coordinator, client_for, django_capture_on_commit_callbacks
):
    report = make_report("ordnung-sicherheit")
    client = client_for(coordinator)
    page = client.get(f"/weiterleitung/meldung/{report.pk}/").content.decode()
    assert "Öffentliche Ordnung: KOD" in page  # rule note: why
    kod = Authority.objects.get(short_name="KOD")
    assert f'<option value="{kod.pk}" selected>' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/weiterleitung/meldung/{report.pk}/",
            {"authority": kod.pk, "message": "Bitte abends vorbeischauen."},
        )
    assert response.status_code == 302
    forwarding = Forwarding.objects.get()
    assert forwarding.created_by == coordinator and not forwarding.is_automatic
    assert forwarding.rule.category.code == "ordnung-sicherheit"
    assert "Bitte abends vorbeischauen." in mail.outbox[0].body
    panel = client.get(f"/weiterleitung/meldung/{report.pk}/").content.decode()
    assert "KOD: Gesendet" in panel


def test_closed_reports_cannot_be_forwarded(make_report, coordinator, client_for):
    report = make_report("abfall-wilder-muell", resolved_by_helper=True)
    kod = Authority.objects.get(short_name="KOD")
    response = client_for(coordinator).post(
        f"/weiterleitung/meldung/{report.pk}/", {"authority": kod.pk}
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED_BY_HELPER
    assert not report.forwardings.exists()


def test_overdue_list_shows_late_forwardings_with_few_queries(
    make_report, coordinator, client_for, django_assert_max_num_queries
):
    for _ in range(5):
        make_report("abfall-wilder-muell")
    make_report("strasse-schlagloch")
    Forwarding.objects.filter(report__category__code="abfall-wilder-muell").update(
        due_date=dt.date(2020, 1, 2)
    )
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        page = client.get("/weiterleitung/ueberfaellig/").content.decode()
    assert page.count("02.01.2020") == 5
    assert "Schlagloch" not in page


def test_notifications_show_on_the_home_page_and_can_be_marked_read(
    make_report, helper, client_for
):
    from django.test import Client

    from .helpers import partner_path_from

    make_report("abfall-wilder-muell")
    Client().post(partner_path_from(mail.outbox[0]), {"kind": "resolved"})
    client = client_for(helper)
    home = client.get("/").content.decode()
    assert "Benachrichtigungen" in home and "GSAK zu Meldung" in home
    assert client.post("/weiterleitung/benachrichtigungen/").status_code == 302
    assert not Notification.objects.filter(user=helper).unread().exists()
    assert "Keine neuen Benachrichtigungen" in client.get("/").content.decode()


def test_report_panel_tells_which_rule_matched_and_why(make_report, coordinator, rf):
    from django.template.loader import render_to_string

    report = make_report("abfall-spritzen-gefahrstoffe")
    request = rf.get("/")
    request.user = coordinator
    html = render_to_string("routing/_report_panel.html", {"report": report}, request=request)
    assert "Streetwork" in html
    assert "Regel für die Kategorie „Spritzen / Gefahrstoffe“ in allen Quartieren" in html
    assert f"/weiterleitung/meldung/{report.pk}/" in html


def test_an_authority_can_be_spoken_to_in_open311_xml(coordinator, client_for):
    client = client_for(coordinator)
    form = {
        "name": "NGN",
        "channel": "open311",
        "open311_endpoint": "https://ngn.example.org/georeport/v2/",
        "open311_format": "xml",
        "sla_working_days": "5",
        "is_active": "on",
    }
    assert client.post("/weiterleitung/partner/neu/", form).status_code == 302
    assert Authority.objects.get(name="NGN").open311_format == "xml"
    del form["open311_format"]
    form["name"] = "KBK"
    assert client.post("/weiterleitung/partner/neu/", form).status_code == 302
    assert Authority.objects.get(name="KBK").open311_format == "json"
