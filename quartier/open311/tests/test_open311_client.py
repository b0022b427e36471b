"""The Open311 client against a real HTTP server on 127.0.0.1: sending, polling, failures."""

import datetime as dt
import socket

import pytest

from quartier.accounts.models import Role
from quartier.core import schedule
from quartier.core.models import AuditEntry
from quartier.open311 import client as open311_client
from quartier.open311.client import (
    PartnerUnavailable,
    poll_updates,
    send_forwarding,
)
from quartier.open311.tasks import poll_partners
from quartier.open311.tests.partner_server import FakePartner
from quartier.reports.models import ReportStatus
from quartier.routing.actions import forward_report
from quartier.routing.channels import ChannelNotAvailable
from quartier.routing.models import (
    Authority,
    Channel,
    ForwardingStatus,
    Notification,
    PartnerAnswer,
    RoutingRule,
)
from testkit.personas import make_user


@pytest.fixture
def partner():
    with FakePartner() as server:
        yield server


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/georeport/v2/"


def ngn(url: str, name="NGN") -> Authority:
    return Authority.objects.create(
        name=f"{name} Netzgesellschaft",
        short_name=name,
        channel=Channel.OPEN311,
        open311_endpoint=url,
        open311_api_key="schluessel-beim-partner",
        open311_jurisdiction_id="krefeld.de",
    )


@pytest.fixture
def lamp_report(make_report):
    return make_report(
        "laterne",
        address="Hardenbergstraße 3",
        attributes={
            "lamp_post_number": "K-4711",
            "art": "aus",
            "media_url": "https://f.example/1.jpg",
        },
    )


def forward(report, authority, capture):
    with capture(execute=True):
        forwarding = forward_report(report=report, authority=authority, actor=None)
    forwarding.refresh_from_db()
    return forwarding


def test_a_forwarding_is_posted_as_a_georeport_request(
    partner, lamp_report, django_capture_on_commit_callbacks
):
    authority = ngn(partner.url)
    RoutingRule.objects.create(
        category=lamp_report.category, authority=authority, partner_service_code="STRLAMP"
    )
    forwarding = forward(lamp_report, authority, django_capture_on_commit_callbacks)
    assert forwarding.status == ForwardingStatus.SENT
    assert forwarding.external_id == "P-100"
    [(method, path, form)] = partner.calls
    assert (method, path) == ("POST", "/georeport/v2/requests.json")
    assert form["api_key"] == ["schluessel-beim-partner"]
    assert form["service_code"] == ["STRLAMP"]
    assert form["jurisdiction_id"] == ["krefeld.de"]
    assert (form["lat"], form["long"]) == (["51.318012"], ["6.568034"])
    assert form["address_string"] == ["Hardenbergstraße 3"]
    assert form["attribute[lamp_post_number]"] == ["K-4711"]
    assert form["attribute[art]"] == ["aus"]
    assert form["media_url"] == ["https://f.example/1.jpg"]
    assert f"Meldung Nr. {lamp_report.pk}" in form["description"][0]
    assert "helferin" not in str(form) and "Hanna" not in str(form)


@pytest.mark.parametrize("down", ["closed port", "HTTP 500"])
def test_a_partner_that_is_down_is_retried_and_then_shown_as_failed(
    partner, lamp_report, django_capture_on_commit_callbacks, down
):
    url = closed_port_url() if down == "closed port" else partner.url
    partner.status = 500
    coordinator = make_user("koordination", Role.COORDINATOR)
    forwarding = forward(lamp_report, ngn(url), django_capture_on_commit_callbacks)
    assert forwarding.status == ForwardingStatus.FAILED
    assert forwarding.attempts == 5
    expected = "nicht erreichbar" if down == "closed port" else "HTTP 500"
    assert expected in forwarding.last_error
    if down == "HTTP 500":
        assert len(partner.posts()) == 5
    assert Notification.objects.filter(user=coordinator, text__contains="fehlgeschlagen").exists()


def test_a_refused_key_fails_at_once(partner, lamp_report, django_capture_on_commit_callbacks):
    partner.status = 403
    forwarding = forward(lamp_report, ngn(partner.url), django_capture_on_commit_callbacks)
    assert forwarding.status == ForwardingStatus.FAILED
    assert forwarding.attempts == 1
    assert "HTTP 403" in forwarding.last_error and "Partner sagt nein" in forwarding.last_error


def test_a_slow_partner_times_out(partner, lamp_report, monkeypatch):
    monkeypatch.setattr(open311_client, "TIMEOUT_SECONDS", 0.3)
    partner.delay = 1.0
    forwarding = forward_report(report=lamp_report, authority=ngn(partner.url), actor=None)
    with pytest.raises(PartnerUnavailable, match="nicht erreichbar"):
        send_forwarding(forwarding)


@pytest.mark.parametrize(
    "body, expected",
    [([{"token": "T-9"}], "token:T-9"), ([], ""), ({"service_request_id": 12}, "12")],
)
def test_batch_and_blackbox_answers(partner, lamp_report, body, expected):
    partner.body = body
    forwarding = forward_report(report=lamp_report, authority=ngn(partner.url), actor=None)
    assert send_forwarding(forwarding) == expected


def test_garbage_and_bad_endpoints_raise(partner, lamp_report):
    partner.body = "kein Vorgang"
    forwarding = forward_report(report=lamp_report, authority=ngn(partner.url), actor=None)
    with pytest.raises(PartnerUnavailable):
        send_forwarding(forwarding)
    forwarding.authority.open311_endpoint = "file:///etc/passwd"
    with pytest.raises(ChannelNotAvailable, match="Open311-Adresse"):
        send_forwarding(forwarding)


@pytest.fixture
def sent(partner, lamp_report, django_capture_on_commit_callbacks):
    return forward(lamp_report, ngn(partner.url), django_capture_on_commit_callbacks)


def test_polled_updates_answer_the_forwarding(partner, sent):
    partner.updates = [
        {
            "update_id": "u2",
            "service_request_id": "P-100",
            "status": "FIXED",
            "updated_datetime": "2026-06-15T11:00:00+02:00",
            "description": "Leuchtmittel getauscht",
        },
        {
            "update_id": "u1",
            "service_request_id": "P-100",
            "status": "IN_PROGRESS",
            "updated_datetime": "2026-06-15T09:00:00+02:00",
        },
        {"update_id": "x", "service_request_id": "FREMD-1", "status": "FIXED"},
        {"update_id": "y", "service_request_id": "P-100", "status": "GEHEIM"},
    ]
    now = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)
    assert poll_updates(sent.authority, now=now) == {"applied": 2, "skipped": 2}
    method, path, query = partner.calls[-1]
    assert (method, path) == ("GET", "/georeport/v2/servicerequestupdates.json")
    assert query["api_key"] == ["schluessel-beim-partner"]
    assert query["start_date"] == ["2026-06-14T12:00:00Z"]
    assert query["end_date"] == ["2026-06-15T12:01:00Z"]
    sent.refresh_from_db()
    sent.report.refresh_from_db()
    assert sent.status == ForwardingStatus.RESOLVED
    assert sent.report.status == ReportStatus.RESOLVED
    assert [a.kind for a in PartnerAnswer.objects.order_by("id")] == ["acknowledged", "resolved"]
    assert PartnerAnswer.objects.get(kind="resolved").comment == "Leuchtmittel getauscht"
    # the next poll sees the same updates again and changes nothing
    poll_updates(sent.authority, now=now)
    assert PartnerAnswer.objects.count() == 2


def test_the_poll_job_survives_a_partner_that_is_down(partner, sent):
    coordinator = make_user("koordination", Role.COORDINATOR)
    down = ngn(closed_port_url(), name="KBK")
    partner.updates = [{"update_id": "u1", "service_request_id": "P-100", "status": "OPEN"}]
    result = poll_partners.call()
    assert result["NGN"] == {"applied": 1, "skipped": 0}
    assert "nicht erreichbar" in result["KBK"]["error"]
    assert AuditEntry.objects.filter(action="open311.poll.failed", object_id=str(down.pk)).exists()
    poll_partners.call()
    assert Notification.objects.filter(user=coordinator, text__contains="KBK").count() == 1


def test_polling_is_a_periodic_job_every_15_minutes():
    [job] = [j for j in schedule.jobs() if j.name == "open311.poll_updates"]
    assert job.every == dt.timedelta(minutes=15)
    assert job.task_path == "quartier.open311.tasks.poll_partners"


def test_an_xml_partner_is_spoken_to_in_xml(
    partner, lamp_report, django_capture_on_commit_callbacks
):
    authority = ngn(partner.url)
    authority.open311_format = "xml"
    authority.save()
    forwarding = forward(lamp_report, authority, django_capture_on_commit_callbacks)
    assert forwarding.external_id == "P-100"
    assert partner.calls[-1][:2] == ("POST", "/georeport/v2/requests.xml")
    partner.updates = [
        {"update_id": "u1", "service_request_id": "P-100", "status": "FIXED", "description": "Ok"}
    ]
    assert poll_updates(authority) == {"applied": 1, "skipped": 0}
    assert partner.calls[-1][1] == "/georeport/v2/servicerequestupdates.xml"
    assert PartnerAnswer.objects.get().comment == "Ok"


def test_every_page_of_updates_is_read(partner, sent, monkeypatch):
    monkeypatch.setattr(open311_client, "UPDATES_PAGE_SIZE", 2)
    partner.updates = [
        {"update_id": f"u{i}", "service_request_id": "FREMD", "status": "OPEN"} for i in range(5)
    ]
    partner.updates.append({"update_id": "last", "service_request_id": "P-100", "status": "FIXED"})
    partner.paged = True
    assert poll_updates(sent.authority) == {"applied": 1, "skipped": 5}
    pages = [query["page"] for method, _path, query in partner.calls if method == "GET"]
    assert pages == [["1"], ["2"], ["3"], ["4"]]
    # a partner that ignores paging sends everything at once; it is read once
    partner.paged = False
    partner.calls.clear()
    assert poll_updates(sent.authority) == {"applied": 0, "skipped": 6}
    assert len([c for c in partner.calls if c[0] == "GET"]) == 2
