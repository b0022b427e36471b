"""The dashboard's tables against data with known counts (see known_data.py)."""

import pytest

from quartier.stats import periods, tables
from quartier.stats.tests import known_data

Q2 = periods.parse("2025-Q2")


@pytest.fixture
def data(quarters):
    return known_data.load(quarters)


def cells(table):
    return {label: values for label, values in table.rows}


def test_reports_by_category_and_month(data):
    table = tables.reports_by_category(Q2)
    assert table.columns == ["04/2025", "05/2025", "06/2025", "Summe"]
    rows = cells(table)
    assert rows["Abfall"] == [7, 4, 0, 11]
    assert rows["Stadtbild"] == [0, 0, 2, 2]
    assert rows["Sicherheit"] == [0, 0, 1, 1]
    assert table.total == ("Alle Kategorien", [7, 4, 3, 14])
    assert "14 Meldungen" in table.sentence and "Abfall" in table.sentence


def test_a_quarter_filter_counts_only_that_quarter(data):
    table = tables.reports_by_category(Q2, [data["sw"].pk])
    assert cells(table) == {"Stadtbild": [0, 0, 1, 1]}


def test_authority_medians_and_overdue(data):
    table = tables.authorities(Q2)
    row = cells(table)["GSAK"]
    assert row[0] == 3
    assert table.display(row[1], 1) == "2,0"
    assert table.display(row[2], 2) == "4,5"
    assert row[3] == 1  # still acknowledged, not resolved
    assert row[4] == 1  # and past its due date
    assert "GSAK" in table.sentence


def test_key_figures(data):
    from quartier.stats import queries

    figures = queries.report_summary(Q2)
    assert figures["total"] == 14
    assert figures["by_helper"] == 1
    assert figures["bags"] == 4


def test_contacts_by_age_band_hide_small_counts_and_their_complement(data):
    table = tables.contacts_by(Q2, "age")
    rows = cells(table)
    assert rows["65–79"] == ["<5"]
    # 35 in all, 20 under 65: the 80+ cell (12) must not be shown, or 35-20-12 = 3.
    assert rows["unter 65"] == [20] or rows["80 und älter"] == ["•"]
    assert table.total[1] == [35]
    shown = [v for v in (rows["unter 65"][0], rows["80 und älter"][0]) if isinstance(v, int)]
    assert len(shown) <= 1


def test_the_same_cells_in_the_month_and_the_year_table_have_the_same_marks(data):
    may = cells(tables.contacts_by(periods.parse("2025-05"), "age"))
    year = cells(tables.contacts_by(periods.parse("2025"), "age"))
    assert may["65–79"] == ["<5"] and year["65–79"] == ["<5"]
    # Only May has contacts: year and May agree, so nothing can be subtracted.
    assert may == year


def test_seniors_over_time(data):
    table = tables.seniors_over_time(Q2, "80_plus")
    assert table.columns == ["04/2025", "05/2025", "06/2025"]
    row = cells(table)["Einsamkeit & soziale Kontakte"]
    assert row == [0, 12, 0]


def test_an_empty_period_says_so(data):
    period = periods.parse("2019")
    assert tables.reports_by_category(period).is_empty
    assert "keine Meldungen" in tables.reports_by_category(period).sentence
    assert "keine Gespräche" in tables.contacts_by(period, "age").sentence


def test_ten_years_give_one_column_per_year(data):
    period = periods.parse("2016-2025")
    table = tables.contacts_by(period, "age")
    assert table.columns == [str(y) for y in range(2016, 2026)]
    assert table.total[1][-1] == 35
    reports = tables.reports_by_category(period)
    assert reports.columns[-1] == "Summe" and reports.total[1][-1] == 15


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("2025-2020", "endet, bevor er beginnt"),
        ("2010-2025", "Höchstens 10 Jahre"),
        ("2025-13", "Einen Monat 13 gibt es nicht"),
        ("letzte Woche", "nicht erkannt"),
    ],
)
def test_bad_periods_are_refused_in_german(code, message):
    with pytest.raises(periods.PeriodError, match=message):
        periods.parse(code)


def test_previous_period():
    assert periods.parse("2025-Q1").previous().code == "2024-Q4"
    assert periods.parse("2025-01").previous().code == "2024-12"
    assert periods.parse("2021-2025").previous().code == "2016-2020"


def test_small_jobs_and_presence_per_quarter_never_per_person(data, helper, other_helper):
    import datetime as dt

    from quartier.operations.models import DutyDay, SmallJob
    from quartier.stats import work

    for day in (2, 3, 4):
        SmallJob.objects.create(kind="litter", quarter=data["hb"], place="Spielplatz", bags=2,
                                done_on=dt.date(2025, 5, day))  # fmt: skip
        DutyDay.objects.create(helper=helper, day=dt.date(2025, 5, day),
                               started_at=known_data.at(2025, 5, day, 8))  # fmt: skip
    DutyDay.objects.create(helper=other_helper, day=dt.date(2025, 5, 2),
                           started_at=known_data.at(2025, 5, 2, 8))  # fmt: skip
    jobs = work.small_jobs(Q2)
    assert cells(jobs)["Müll gesammelt"] == [3, 6]
    assert "3 kleine Einsätze" in jobs.sentence and "6 Säcke" in jobs.sentence
    presence = work.presence(Q2)
    assert cells(presence)["Hardenbergviertel"] == [3]
    assert cells(presence)["Samtweberviertel"] == [1]
    assert presence.row_header == "Quartier"
    assert helper.username not in repr(presence) and other_helper.username not in repr(presence)


def test_tables_compare_with_the_previous_period(data):
    from quartier.stats import dashboard

    found = {s["table"].slug: s["table"] for s in dashboard.sections(Q2)}
    reports = found["meldungen-kategorien"]
    assert reports.columns[-2:] == ["Vorzeitraum 1. Quartal 2025", "Veränderung"]
    assert cells(reports)["Abfall"][-2:] == [1, 10]
    assert reports.display(10, len(reports.columns) - 1) == "+10"
    assert "13 Meldungen mehr als im Vorzeitraum (1. Quartal 2025: 1)" in reports.sentence
    ages = found["gespraeche-alter"]
    assert cells(ages)["65–79"] == ["<5", 0, None]  # the change of a withheld cell is not given
    assert ages.total[1] == [35, 0, 35]
    assert "35 Gespräche mehr als im Vorzeitraum" in ages.sentence
    authorities = found["behoerden"]
    assert cells(authorities)["GSAK"][-2:] == [0, 3]
    assert "3 Weiterleitungen mehr als im Vorzeitraum" in authorities.sentence
    # The chart still shows the period's own figures, not the change.
    assert reports.chart_column == 3


def test_an_unchanged_figure_is_said_as_such(data):
    from quartier.stats import dashboard

    found = {s["table"].slug: s["table"] for s in dashboard.sections(periods.parse("2025-05"))}
    presence = found["praesenz"]
    assert "genauso viele Diensttage wie im Vorzeitraum (April 2025)" in presence.sentence
