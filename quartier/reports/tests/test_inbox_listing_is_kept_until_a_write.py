"""The inbox's listing is kept while the data is unchanged (core.kept_parts, ADR 0023).

Outside a transaction (as in production) a second request for the same inbox page builds no
listing; any write, whichever table, makes the next request build it again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quartier.areas.models import Quarter
from quartier.core import kept_parts
from quartier.reports.actions import close_report
from quartier.reports.models import Report
from quartier.reports.views import inbox as inbox_views
from testkit.factories import categories, make_report


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_parts.clear()
    yield
    kept_parts.clear()


@pytest.fixture
def builds(monkeypatch):
    """How often the listing's reports were read (a build of the listing)."""
    calls = []
    paginate = inbox_views._paginate
    monkeypatch.setattr(inbox_views, "_paginate", lambda *a: calls.append(1) or paginate(*a))
    return calls


def _inbox(client, **params):
    return client.get(reverse("reports:inbox"), params).content.decode()


def test_an_unchanged_inbox_is_not_built_again(
    transactional_db, client_for, coordinator, helper, quarters, builds
):
    make_report(helper, categories()["abfall-wilder-muell"], description="Matratze am Zaun")
    client = client_for(coordinator)
    first = _inbox(client)
    with CaptureQueriesContext(connection) as queries:
        again = _inbox(client)
    assert builds == [1]
    assert "Matratze am Zaun" in again
    assert again.count("bulk-check") == first.count("bulk-check") == 1
    assert not [q for q in queries if "reports_report" in q["sql"] and "LIMIT 50" in q["sql"]]
    _inbox(client, status="")  # another query is another listing
    assert builds == [1, 1]


def test_every_kind_of_write_shows_on_the_next_request(
    transactional_db, client_for, coordinator, helper, quarters, builds
):
    cats = categories()
    report = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    client = client_for(coordinator)
    assert "Matratze am Zaun" in _inbox(client)
    make_report(helper, cats["muelleimer-voll"], description="Papierkorb voll")
    assert "Papierkorb voll" in _inbox(client)
    close_report(report=report, reason="Erledigt", actor=coordinator)
    assert "Matratze am Zaun" not in _inbox(client)
    # A write without the models and in another table: the quarter's name in the table.
    Report.objects.update(status="new")
    quarter = Report.objects.get(pk=report.pk).quarter
    Quarter.objects.filter(pk=quarter.pk).update(name="Umbenanntes Viertel")
    page = _inbox(client)
    assert "Matratze am Zaun" in page and "Umbenanntes Viertel" in page
    assert len(builds) == 4


def test_the_bulk_form_and_its_token_are_per_request(
    transactional_db, client_for, coordinator, admin_user, helper, quarters
):
    make_report(helper, categories()["abfall-wilder-muell"])
    first = client_for(coordinator)
    second = client_for(admin_user)
    pages = [_inbox(first), _inbox(second)]
    tokens = [p.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0] for p in pages]
    assert tokens[0] != tokens[1]
    assert all('id="bulk-form"' in page for page in pages)


def test_inside_a_transaction_nothing_is_kept(db, client_for, coordinator, helper, builds):
    make_report(helper, categories()["abfall-wilder-muell"])
    client = client_for(coordinator)
    _inbox(client)
    _inbox(client)
    assert builds == [1, 1]
