"""The coordinator's inbox and list: tabs, filters, search, escaping, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.core import counting
from quartier.reports.actions import close_report
from testkit.factories import SAMTWEBER, categories, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def cats(quarters):
    return categories()


def test_inbox_shows_new_reports_newest_first(client_for, coordinator, helper, cats):
    older = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    newer = make_report(helper, cats["muelleimer-voll"], description="Papierkorb voll")
    response = client_for(coordinator).get(reverse("reports:inbox"))
    assert response.status_code == 200
    page = list(response.context["page_obj"])
    assert page == [newer, older]
    assert "Matratze am Zaun" in response.content.decode()


def test_closed_reports_leave_the_new_tab_but_stay_in_all(client_for, coordinator, helper, cats):
    report = make_report(helper, cats["abfall-wilder-muell"])
    close_report(report=report, reason="Erledigt", actor=coordinator)
    client = client_for(coordinator)
    assert list(client.get(reverse("reports:inbox")).context["page_obj"]) == []
    everything = client.get(reverse("reports:inbox"), {"status": ""})
    assert list(everything.context["page_obj"]) == [report]


def test_filters_by_category_quarter_source_and_date(
    client_for, coordinator, helper, cats, other_quarter
):
    waste = make_report(helper, cats["abfall-wilder-muell"])
    bin_full = make_report(helper, cats["muelleimer-voll"], where=SAMTWEBER, source="phone")
    client = client_for(coordinator)
    url = reverse("reports:inbox")

    def found(**params):
        return list(client.get(url, {"status": "", **params}).context["page_obj"])

    assert found(kategorie=cats["abfall-wilder-muell"].pk) == [waste]
    # A top-level category includes its sub-categories.
    assert set(found(kategorie=cats["abfall"].pk)) == {waste, bin_full}
    assert found(quartier=other_quarter.pk) == [bin_full]
    assert found(quelle="phone") == [bin_full]
    today = waste.created_at.date().isoformat()
    assert set(found(von=today, bis=today)) == {waste, bin_full}
    assert found(von="2001-01-01", bis="2001-01-31") == []


def test_full_text_search_in_descriptions_ignores_case(client_for, coordinator, helper, cats):
    sofa = make_report(helper, cats["abfall-wilder-muell"], description="Altes SOFA vor dem Haus")
    make_report(helper, cats["abfall-wilder-muell"], description="Kartons")
    client = client_for(coordinator)
    response = client.get(reverse("reports:inbox"), {"status": "", "suche": "sofa"})
    assert list(response.context["page_obj"]) == [sofa]
    by_number = client.get(reverse("reports:inbox"), {"status": "", "suche": f"#{sofa.pk}"})
    assert list(by_number.context["page_obj"]) == [sofa]


def test_description_with_html_is_shown_escaped(client_for, coordinator, helper, cats):
    make_report(
        helper, cats["abfall-wilder-muell"], description='<script>alert("x")</script><b>fett</b>'
    )
    for name in ("reports:inbox", "reports:list"):
        body = client_for(coordinator).get(reverse(name), {"status": ""}).content.decode()
        assert "<script>alert" not in body
        assert "<b>fett</b>" not in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "kaputt"}, "Status"),
        ({"kategorie": "abc"}, "Kategorie"),
        ({"kategorie": "999999"}, "Kategorie"),
        ({"quartier": "-1"}, "Quartier"),
        ({"von": "31.02.2025"}, "Gemeldet ab"),
        ({"von": "2025-03-01", "bis": "2025-01-01"}, "Das Enddatum liegt vor dem Anfangsdatum."),
        ({"quelle": "<x>"}, "Quelle"),
        ({"seite": "zwei"}, None),
        ({"suche": "x" * 300}, "Suche"),
    ],
)
def test_invalid_filter_values_give_a_clear_message_not_a_crash(
    client_for, coordinator, helper, cats, params, message
):
    make_report(helper, cats["abfall-wilder-muell"])
    for name in ("reports:inbox", "reports:list", "reports:map"):
        response = client_for(coordinator).get(reverse(name), params)
        assert response.status_code == 200
        body = response.content.decode()
        if message:
            assert "Einige Filter sind ungültig und wurden nicht angewendet" in body
            assert message in body


def test_inbox_needs_a_bounded_number_of_queries(
    client_for, coordinator, helper, cats, django_assert_max_num_queries
):
    for number in range(60):
        make_report(helper, cats["abfall-wilder-muell"], description=f"Meldung {number}")
    client = client_for(coordinator)
    client.get(reverse("reports:inbox"))
    # session, user, MFA check, 2 tab counts, categories, quarters, count, ids, rows; the
    # search adds the category names it matches and a bounded estimate of its hits
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reports:inbox"), {"status": "", "suche": "Meldung"})
    assert len(response.context["page_obj"]) == 50
    with django_assert_max_num_queries(12):
        client.get(reverse("reports:list"), {"kategorie": cats["abfall-wilder-muell"].pk})


@pytest.mark.parametrize("persona", ["helper", "other_helper", "privacy_officer"])
def test_only_coordinators_and_admins_open_the_inbox(client_for, request, persona, admin_user):
    user = request.getfixturevalue(persona)
    for name in ("reports:inbox", "reports:list", "reports:map", "reports:map_data"):
        assert client_for(user).get(reverse(name)).status_code == 403
        assert client_for(admin_user).get(reverse(name)).status_code == 200


def test_visitors_are_sent_to_the_login(client_for, quarters):
    response = client_for(None).get(reverse("reports:inbox"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_large_totals_in_the_inbox_are_not_counted_on_every_request(
    client_for, coordinator, helper, cats, monkeypatch
):
    """Tab badges and the pager's total: above EXACT_BELOW they come from the cache."""
    monkeypatch.setattr(counting, "EXACT_BELOW", 5)
    for number in range(8):
        make_report(helper, cats["abfall-wilder-muell"], description=f"Meldung {number}")
    client = client_for(coordinator)
    first = client.get(reverse("reports:inbox"), {"status": "open"})
    assert [tab["count"] for tab in first.context["tabs"][:2]] == [8, 8]
    assert first.context["page_obj"].paginator.count == 8
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("reports:inbox"), {"status": "open"})
    full = [q["sql"] for q in queries if "COUNT(" in q["sql"] and "LIMIT" not in q["sql"]]
    full = [sql for sql in full if "reports_report" in sql]
    assert full == []
