"""The mySociety servicerequestupdates extension: GET (history) and POST (partner status)."""

import pytest

from quartier.open311.tests.conftest import BASE, read
from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.routing.actions import forward_report
from quartier.routing.models import (
    AnswerChannel,
    Authority,
    Channel,
    ForwardingStatus,
    PartnerAnswer,
)


def test_updates_need_an_api_key(client, make_report, fmt):
    make_report()
    for query in [{}, {"api_key": "falsch"}]:
        response = client.get(f"{BASE}/servicerequestupdates.{fmt}", query)
        assert response.status_code == 403
        assert read(response, fmt)[0]["code"] == "403"


def test_updates_list_the_status_history_oldest_first(
    client, make_report, api_client_key, key_client, fmt
):
    report = make_report(api_client_ref=key_client.pk)
    record_status(report=report, status=ReportStatus.ACKNOWLEDGED, note="intern: Herr X ruft an")
    record_status(report=report, status=ReportStatus.RESOLVED)
    make_report("menschen-in-not")
    response = client.get(f"{BASE}/servicerequestupdates.{fmt}", {"api_key": api_client_key})
    rows = read(response, fmt)
    # the report's creation is not an update (a client would post it back as a comment)
    assert [(r["service_request_id"], r["status"]) for r in rows] == [
        (str(report.pk), "ACTION_SCHEDULED"),
        (str(report.pk), "FIXED"),
    ]
    assert rows[1]["external_status_code"] == "resolved"
    assert rows[1]["description"] == "Erledigt"
    assert set(rows[0]) == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
        "external_status_code",
    }
    assert "Herr X" not in response.content.decode()


def test_updates_are_paged_and_refuse_bad_dates(client, make_report, api_client_key, key_client):
    report = make_report(api_client_ref=key_client.pk)
    for status in [ReportStatus.ACKNOWLEDGED, ReportStatus.RESOLVED, ReportStatus.REOPENED]:
        record_status(report=report, status=status)
    query = {"api_key": api_client_key, "page_size": "2"}
    first = client.get(f"{BASE}/servicerequestupdates.json", query).json()
    second = client.get(f"{BASE}/servicerequestupdates.json", {**query, "page": "2"}).json()
    assert [r["status"] for r in first + second] == ["ACTION_SCHEDULED", "FIXED", "REOPEN"]
    bad = client.get(
        f"{BASE}/servicerequestupdates.json", {"api_key": api_client_key, "start_date": "gestern"}
    )
    assert bad.status_code == 400


def post_update(client, fmt, **form):
    return client.post(f"{BASE}/servicerequestupdates.{fmt}", form)


def test_a_partner_posts_a_status_without_forwarding(client, make_report, api_client_key, fmt):
    report = make_report()
    form = {
        "api_key": api_client_key,
        "service_request_id": str(report.pk),
        "status": "FIXED",
        "updated_datetime": "2026-06-15T10:00:00+02:00",
        "description": "Abgeholt",
        "update_id": "kbk-77",
        "email": "sachbearbeiter@kbk.example.org",
    }
    response = post_update(client, fmt, **form)
    assert response.status_code == 200
    [row] = read(response, fmt)
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    change = report.history.get(pk=row["update_id"])
    assert change.actor_label == "Open311: KBK Mängelmelder (Update kbk-77)"
    assert change.note == "Abgeholt"
    # a replay changes nothing
    again = read(post_update(client, fmt, **form), fmt)
    assert again == [row]
    assert report.history.count() == 2


@pytest.fixture
def kbk_forwarding(make_report, api_client_key):
    from quartier.routing.models import ApiClient

    kbk = Authority.objects.create(
        name="KBK", short_name="KBK", channel=Channel.OPEN311, emails="kbk@example.org"
    )
    ApiClient.objects.update(authority=kbk)
    report = make_report()
    return forward_report(report=report, authority=kbk, actor=None)


@pytest.mark.parametrize(
    "status, report_status, forwarding_status",
    [
        ("IN_PROGRESS", ReportStatus.ACKNOWLEDGED, ForwardingStatus.ACKNOWLEDGED),
        ("fixed", ReportStatus.RESOLVED, ForwardingStatus.RESOLVED),
        ("closed", ReportStatus.RESOLVED, ForwardingStatus.RESOLVED),
        (
            "NOT_COUNCILS_RESPONSIBILITY",
            ReportStatus.NOT_RESPONSIBLE,
            ForwardingStatus.NOT_RESPONSIBLE,
        ),
    ],
)
def test_a_partners_status_answers_its_forwarding(
    client, kbk_forwarding, api_client_key, status, report_status, forwarding_status
):
    form = {
        "api_key": api_client_key,
        "service_request_id": str(kbk_forwarding.report_id),
        "status": status,
        "update_id": "u1",
        "updated_datetime": "2026-06-15T10:00:00Z",
    }
    response = post_update(client, "json", **form)
    assert response.status_code == 200
    kbk_forwarding.refresh_from_db()
    kbk_forwarding.report.refresh_from_db()
    assert kbk_forwarding.status == forwarding_status
    assert kbk_forwarding.report.status == report_status
    answer = PartnerAnswer.objects.get()
    assert (answer.channel, answer.external_id) == (AnswerChannel.OPEN311, "u1")
    post_update(client, "json", **form)
    assert PartnerAnswer.objects.count() == 1


def test_statuses_without_an_answer_become_comments(client, kbk_forwarding, api_client_key):
    form = {"api_key": api_client_key, "service_request_id": str(kbk_forwarding.report_id)}
    post_update(client, "json", **form, status="DUPLICATE", description="siehe 4711")
    answer = PartnerAnswer.objects.get()
    assert answer.kind == "comment"
    assert "DUPLICATE" in answer.comment and "4711" in answer.comment
    # IN_PROGRESS after OPEN: both mean "taken over", the second changes nothing
    post_update(client, "json", **form, status="OPEN")
    post_update(client, "json", **form, status="IN_PROGRESS")
    assert PartnerAnswer.objects.filter(kind="acknowledged").count() == 1


@pytest.mark.parametrize(
    "change, status, words",
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"service_request_id": "999999"}, 404, "999999"),
        ({"service_request_id": ""}, 404, "service_request_id"),
        ({"status": "ERLEDIGT"}, 400, "status"),
        ({"status": ""}, 400, "status"),
        ({"updated_datetime": "15.06.2026"}, 400, "updated_datetime"),
        ({"jurisdiction_id": "duesseldorf.de"}, 404, "jurisdiction_id"),
        ({"description": "x" * 2001}, 400, "description"),
    ],
)
def test_bad_updates_are_refused(client, make_report, api_client_key, fmt, change, status, words):
    report = make_report()
    form = {"api_key": api_client_key, "service_request_id": str(report.pk), "status": "FIXED"}
    form.update(change)
    response = post_update(client, fmt, **form)
    assert response.status_code == status
    [error] = read(response, fmt)
    assert error["code"] == str(status) and words in error["description"]
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_hidden_reports_cannot_be_updated(client, make_report, api_client_key):
    report = make_report("menschen-in-not")
    form = {"api_key": api_client_key, "service_request_id": str(report.pk), "status": "FIXED"}
    assert post_update(client, "json", **form).status_code == 404


def test_the_updates_list_needs_a_fixed_number_of_queries(
    client, make_report, api_client_key, key_client, django_assert_max_num_queries
):
    for _ in range(10):
        report = make_report(api_client_ref=key_client.pk)
        record_status(report=report, status=ReportStatus.RESOLVED)
    with django_assert_max_num_queries(3):
        rows = client.get(f"{BASE}/servicerequestupdates.json", {"api_key": api_client_key}).json()
    assert len(rows) == 10


def test_a_late_status_for_a_withdrawn_forwarding_changes_nothing(
    client, kbk_forwarding, api_client_key
):
    from quartier.routing.actions import withdraw_forwardings

    record_status(report=kbk_forwarding.report, status=ReportStatus.CLOSED)
    withdraw_forwardings(report=kbk_forwarding.report, actor=None)
    form = {
        "api_key": api_client_key,
        "service_request_id": str(kbk_forwarding.report_id),
        "status": "IN_PROGRESS",
    }
    assert post_update(client, "json", **form).status_code == 200
    kbk_forwarding.report.refresh_from_db()
    assert kbk_forwarding.report.status == ReportStatus.CLOSED
