"""Set category, merge duplicates ("Das ist dasselbe"), close with a reason."""

import pytest
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.reports.actions import ReportError, change_category, close_report, merge_reports
from quartier.reports.models import ReportStatus
from testkit.factories import categories, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cats(quarters):
    return categories()


def test_merging_marks_the_duplicate_and_writes_both_histories(coordinator, helper, cats):
    original = make_report(helper, cats["abfall-wilder-muell"])
    duplicate = make_report(helper, cats["abfall-wilder-muell"])
    merge_reports(duplicate=duplicate, into=original, actor=coordinator)
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.DUPLICATE
    assert duplicate.duplicate_of == original
    assert duplicate.history.last().note == f"Doppelt zu Meldung #{original.pk}"
    assert original.history.last().note == f"Meldung #{duplicate.pk} als doppelt zugeordnet"
    assert original.history.last().status == ReportStatus.NEW
    assert AuditEntry.objects.filter(action="report.merge", object_id=str(duplicate.pk)).exists()


def test_merging_a_report_into_itself_is_refused_in_german(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    with pytest.raises(ReportError, match="nicht mit sich selbst"):
        merge_reports(duplicate=report, into=report, actor=coordinator)
    response = client_for(coordinator).post(
        reverse("reports:merge", args=[report.pk]), {"ziel": report.pk}
    )
    assert response.status_code == 400
    assert "Eine Meldung kann nicht mit sich selbst zusammengeführt werden." in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_merging_into_another_category_is_refused(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    other = make_report(helper, cats["muelleimer-voll"])
    response = client_for(coordinator).post(
        reverse("reports:merge", args=[report.pk]), {"ziel": other.pk}
    )
    assert response.status_code == 400
    assert "Nur Meldungen derselben Kategorie können zusammengeführt werden." in (
        response.content.decode()
    )
    report.refresh_from_db()
    assert report.duplicate_of is None


@pytest.mark.parametrize(("target", "message"), [("999999", "gibt es nicht"), ("", "Nummer")])
def test_merging_into_a_missing_report_is_refused(
    client_for, coordinator, helper, cats, target, message
):
    report = make_report(helper, cats["abfall-wilder-muell"])
    response = client_for(coordinator).post(
        reverse("reports:merge", args=[report.pk]), {"ziel": target}
    )
    assert response.status_code == 400
    assert message in response.content.decode()


def test_merging_into_a_duplicate_points_to_the_original(coordinator, helper, cats):
    original = make_report(helper, cats["abfall-wilder-muell"])
    first = make_report(helper, cats["abfall-wilder-muell"])
    second = make_report(helper, cats["abfall-wilder-muell"])
    merge_reports(duplicate=first, into=original, actor=coordinator)
    with pytest.raises(ReportError, match=f"#{original.pk}"):
        merge_reports(duplicate=second, into=first, actor=coordinator)


def test_coordinator_merges_through_the_detail_page(client_for, coordinator, helper, cats):
    original = make_report(helper, cats["abfall-wilder-muell"])
    duplicate = make_report(helper, cats["abfall-wilder-muell"])
    client = client_for(coordinator)
    url = reverse("reports:merge", args=[duplicate.pk])
    asked = client.post(url, {"ziel": original.pk})
    assert "als doppelt markieren?" in asked.content.decode()
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.NEW  # one tap only asks
    response = client.post(url, {"ziel": original.pk, "confirm": "1"})
    assert response.status_code == 302
    page = client.get(reverse("reports:detail", args=[original.pk])).content.decode()
    assert f"#{duplicate.pk}" in page


def test_closing_without_a_reason_is_refused(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    with pytest.raises(ReportError, match="Grund"):
        close_report(report=report, reason="   ", actor=coordinator)
    response = client_for(coordinator).post(
        reverse("reports:close", args=[report.pk]), {"grund": "  "}
    )
    assert response.status_code == 400
    assert "Bitte geben Sie einen Grund für den Abschluss an." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_closing_with_a_reason_keeps_it_in_report_and_history(
    client_for, coordinator, helper, cats
):
    report = make_report(helper, cats["abfall-wilder-muell"])
    client = client_for(coordinator)
    url = reverse("reports:close", args=[report.pk])
    asked = client.post(url, {"grund": "Privatgrundstück, Eigentümer informiert"})
    assert "Grund: Privatgrundstück, Eigentümer informiert" in asked.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW  # one tap only asks
    response = client.post(
        url, {"grund": "Privatgrundstück, Eigentümer informiert", "confirm": "1"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert report.close_reason == "Privatgrundstück, Eigentümer informiert"
    assert report.history.last().note == "Privatgrundstück, Eigentümer informiert"
    with pytest.raises(ReportError, match="bereits abgeschlossen"):
        close_report(report=report, reason="nochmal", actor=coordinator)


def test_changing_the_category_is_kept_in_the_history(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    response = client_for(coordinator).post(
        reverse("reports:set_category", args=[report.pk]),
        {"kategorie": cats["muelleimer-voll"].pk},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.category == cats["muelleimer-voll"]
    assert "Wilder Müll" in report.history.last().note
    assert AuditEntry.objects.filter(action="report.category").count() == 1
    with pytest.raises(ReportError, match="bereits"):
        change_category(report=report, category=cats["muelleimer-voll"], actor=coordinator)


def test_invalid_category_value_is_refused(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    response = client_for(coordinator).post(
        reverse("reports:set_category", args=[report.pk]), {"kategorie": "x"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.category == cats["abfall-wilder-muell"]


def test_detail_page_shows_facts_escaped_and_history(client_for, coordinator, helper, cats):
    report = make_report(
        helper,
        cats["abfall-wilder-muell"],
        description="<img src=x onerror=alert(1)>",
        address="Ostwall 1",
    )
    response = client_for(coordinator).get(reverse("reports:detail", args=[report.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "Ostwall 1" in body
    assert "Das ist dasselbe" in body
    assert "51.31800, 6.56800" in body


@pytest.mark.parametrize("persona", ["helper", "privacy_officer"])
def test_only_coordinators_act_on_reports(client_for, request, persona, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    client = client_for(request.getfixturevalue(persona))
    # A helper is sent to her read-only page; a privacy officer sees no case content.
    expected = 302 if persona == "helper" else 403
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == expected
    assert (
        client.post(reverse("reports:close", args=[report.pk]), {"grund": "x"}).status_code == 403
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_detail_page_suggests_open_reports_of_the_same_category_nearby(
    client_for, coordinator, helper, cats
):
    report = make_report(helper, cats["abfall-wilder-muell"])
    same_spot = make_report(helper, cats["abfall-wilder-muell"], where=(51.3181, 6.5681))
    other_category = make_report(helper, cats["muelleimer-voll"])
    far_away = make_report(helper, cats["abfall-wilder-muell"], where=(51.3150, 6.5620))
    response = client_for(coordinator).get(reverse("reports:detail", args=[report.pk]))
    assert list(response.context["nearby"]) == [same_spot]
    assert other_category not in response.context["nearby"]
    assert far_away not in response.context["nearby"]


def test_closing_or_merging_withdraws_open_forwardings(coordinator, helper, quarter):
    from quartier.reports.actions import close_report, merge_reports, submit_report
    from quartier.reports.models import ReportCategory
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority, Forwarding, ForwardingStatus

    category = ReportCategory.objects.get_or_create(code="test-withdraw", defaults={"name": "T"})[0]
    authority = Authority.objects.create(name="GSAK Test", emails="gsak@example.org")
    first, _ = submit_report(reporter=helper, category=category, latitude=51.318, longitude=6.568)
    second, _ = submit_report(reporter=helper, category=category, latitude=51.318, longitude=6.568)
    for report in (first, second):
        forward_report(report=report, authority=authority, actor=coordinator)
    assert ForwardingStatus.SUPERSEDED not in set(
        Forwarding.objects.values_list("status", flat=True)
    )
    close_report(report=first, reason="erledigt vor Ort", actor=coordinator)
    merge_reports(duplicate=second, into=first, actor=coordinator)
    assert set(Forwarding.objects.values_list("status", flat=True)) == {ForwardingStatus.SUPERSEDED}
