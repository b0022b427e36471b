"""Inbox search through the database's full-text index (FTS5 on SQLite, the `german`
configuration on PostgreSQL): capital umlauts, word forms, filters, the index kept in step,
and typed syntax that must never break the query."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quartier.reports import search_index
from quartier.reports.models import Report
from testkit.factories import SAMTWEBER, categories, make_report


@pytest.fixture
def cats(quarters):
    return categories()


def test_capital_umlauts_match_small_ones_and_written_out(helper, cats):
    oil = make_report(helper, cats["abfall-wilder-muell"], description="ÖLSPUR vor der Einfahrt")
    street = make_report(helper, cats["abfall-wilder-muell"], description="Ecke Uerdinger Straße")
    reports = Report.objects.all()
    for typed in ("ölspur", "Ölspur", "oelspur", "ÖL"):
        assert list(reports.search(typed)) == [oil], typed
    for typed in ("STRASSE", "straße", "Uerdinger Str"):
        assert list(reports.search(typed)) == [street], typed


def test_word_forms_by_prefix_and_stem(helper, cats):
    mattresses = make_report(helper, cats["abfall-wilder-muell"], description="Zwei Matratzen")
    bulky = make_report(helper, cats["abfall-wilder-muell"], description="Sperrmüll am Zaun")
    tyres = make_report(helper, cats["abfall-wilder-muell"], description="Altreifen im Gebüsch")
    reports = Report.objects.all()
    assert set(reports.search("Matratze")) == {mattresses, bulky}  # "Matratze" is Sperrmüll
    assert list(reports.search("Reifen")) == []  # not a prefix of "Altreifen"
    assert list(reports.search("Altreifens")) == [tyres]
    assert bulky in reports.search("Müll")  # a compound of the synonym groups that ends in it
    assert list(reports.search("die Zwei")) == [mattresses]  # "die" would find everything


def test_reference_number_and_house_numbers(helper, cats):
    first = make_report(helper, cats["abfall-wilder-muell"], description="Hofeinfahrt 12")
    other = make_report(helper, cats["abfall-wilder-muell"], description="Hofeinfahrt 120")
    reports = Report.objects.all()
    assert list(reports.search(f"#{other.pk}")) == [other]
    assert list(reports.search("Hofeinfahrt 12")) == [first]  # numbers are whole numbers


def test_search_combines_with_the_other_filters(client_for, coordinator, helper, cats, quarters):
    old = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Baum")
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    make_report(helper, cats["muelleimer-voll"], description="Matratze neben dem Korb")
    elsewhere = make_report(
        helper, cats["abfall-wilder-muell"], where=SAMTWEBER, description="Matratze im Hof"
    )
    wanted = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    params = {"suche": "matratzen", "status": "open", "kategorie": cats["abfall-wilder-muell"].pk,
              "quartier": wanted.quarter_id, "von": since}  # fmt: skip
    response = client_for(coordinator).get(reverse("reports:inbox"), params)
    shown = {report.pk for report in response.context["page_obj"].object_list}
    assert shown == {wanted.pk}
    assert elsewhere.quarter_id != wanted.quarter_id


def test_the_index_follows_changes_and_deletions(cats):
    report = Report.objects.create(
        category=cats["abfall-wilder-muell"],
        latitude=51.3,
        longitude=6.5,
        description="Glasscherben",
    )
    reports = Report.objects.all()
    Report.objects.filter(pk=report.pk).update(description="Altreifen am Weg")
    assert list(reports.search("Glasscherben")) == []
    assert list(reports.search("Altreifen")) == [report]
    Report.objects.filter(pk=report.pk).update(address="Hülser Straße 5")
    assert list(reports.search("hülser")) == [report]
    Report.objects.filter(pk=report.pk).delete()
    assert list(reports.search("Altreifen")) == []


def test_installing_the_index_indexes_existing_reports(helper, cats):
    """What the migration does for the reports that exist before it."""
    search_index.uninstall(connection)
    report = make_report(helper, cats["abfall-wilder-muell"], description="Bauschutt im Beet")
    if connection.vendor == "postgresql":  # no DDL while this test's foreign keys wait
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    search_index.install(connection)
    assert list(Report.objects.search("Bauschutt")) == [report]


SYNTAX = ['"', '""', "*", "Matratze*", "NEAR(Matratze Zaun)", "-Zaun", "Zaun -", "(", ")",
          "((Matratze", "Matratze OR", "AND", "NOT Zaun", "a:*", "& | !", "'", "\\", "%", "_",
          "^Matratze", "Zaun:", "{doc}: Zaun", "🙂", "x" * 300]  # fmt: skip


@pytest.mark.parametrize("typed", SYNTAX)
def test_query_syntax_is_text_never_an_error(client_for, coordinator, helper, cats, typed):
    make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    list(Report.objects.search(typed))
    response = client_for(coordinator).get(reverse("reports:inbox"), {"suche": typed[:200]})
    assert response.status_code == 200


def test_search_works_inside_a_subquery_under_another_alias(helper, cats):
    mattress = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    make_report(helper, cats["muelleimer-voll"], description="Korb voll")
    found = Report.objects.search("Matratze Abfall").values("pk")  # text and category words
    assert list(Report.objects.filter(pk__in=found)) == [mattress]


@pytest.mark.parametrize("dense_hits", [1, 2000])
def test_many_hits_and_few_hits_give_the_same_reports_newest_first(
    helper, cats, monkeypatch, dense_hits
):
    """Many hits walk the reports newest first, few are collected from the index: the same
    answer either way."""
    monkeypatch.setattr("quartier.reports.models.DENSE_HITS", dense_hits)
    made = [
        make_report(helper, cats["abfall-wilder-muell"], description=f"Matratze Nummer {n}")
        for n in range(3)
    ]
    basket = make_report(helper, cats["muelleimer-voll"], description="Korb voll")
    reports = Report.objects.all()
    assert list(reports.search("Matratze")) == made[::-1]
    assert list(reports.search("Matratze Abfall")) == made[::-1]
    assert list(reports.search("Müll")) == [basket, *made[::-1]]
    assert list(reports.search("Korb Mülleimer")) == [basket]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite drops triggers with a table")
def test_after_migrate_lost_triggers_are_put_back_and_reports_indexed_again(cats):
    """A migration that rebuilds the reports table on SQLite drops its triggers."""
    with connection.cursor() as cursor:
        for trigger in search_index.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {trigger}")
    report = Report.objects.create(
        category=cats["abfall-wilder-muell"], latitude=51.3, longitude=6.5, description="Autowrack"
    )
    assert list(Report.objects.search("Autowrack")) == []
    search_index.ensure(using="default")
    assert list(Report.objects.search("Autowrack")) == [report]
    Report.objects.filter(pk=report.pk).update(description="Fahrradwrack")
    assert list(Report.objects.search("Fahrradwrack")) == [report]
