"""The coordinators' statistics: figures against data with known counts, charts with tables,
downloads (XLSX cells), keyboard use and reflow on a phone."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from quartier.stats.tests import known_data
from testkit.factories import load_needs_taxonomy

pytestmark = pytest.mark.browser


@pytest.fixture
def data(quarters):
    load_needs_taxonomy()
    return known_data.load(quarters)


def show(page):
    """Submit the filter form and wait for the new page (the tables are read right after)."""
    with page.expect_navigation():
        page.get_by_role("button", name="Anzeigen").click()


def row_cells(page, table_name, row_name):
    table = page.get_by_role("table", name=table_name)
    row = table.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=row_name, exact=True)
    )
    return row.get_by_role("cell").all_inner_texts()


def test_dashboard_shows_the_seeded_figures(browsing, coordinator, data):
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/statistik/")
    page.get_by_label("Zeitraum", exact=True).select_option("2025-Q2")
    show(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik")
    expect(
        page.get_by_text("Zeitraum 2. Quartal 2025, verglichen mit 1. Quartal 2025.")
    ).to_be_visible()
    # The months, the sum, the previous quarter (1 report) and the change.
    assert row_cells(page, "Meldungen nach Kategorie – 2. Quartal 2025", "Abfall") == [
        "7", "4", "0", "11", "1", "+10",
    ]  # fmt: skip
    expect(
        page.get_by_text("Das sind 13 Meldungen mehr als im Vorzeitraum (1. Quartal 2025: 1).")
    ).to_be_visible()
    assert row_cells(page, "Weiterleitungen an Behörden und Partner – 2. Quartal 2025", "GSAK")[
        :3
    ] == ["3", "2,0", "4,5"]
    assert row_cells(page, "Gespräche nach Altersgruppe – 2. Quartal 2025", "65–79") == [
        "<5", "0", "–",
    ]  # fmt: skip
    figures = page.get_by_role("region", name="Kennzahlen")
    expect(figures.get_by_role("row", name="Meldungen").get_by_role("cell").first).to_have_text(
        "14"
    )
    expect(
        page.get_by_role("img", name="Im Zeitraum 2. Quartal 2025 gingen 14 Meldungen ein")
    ).to_be_visible()
    session.check(page)


def test_one_quarter_and_the_map_by_contacts(browsing, coordinator, data):
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/statistik/?zeitraum=2025-Q2")
    page.get_by_label("Karte färben nach").select_option("gespraeche")
    show(page)
    assert row_cells(page, "Werte der Karte", "Hardenbergviertel") == ["35"]
    assert row_cells(page, "Werte der Karte", "Bleichpfad") == ["0"]
    # 12 people aged 80+: shown as "•", since with the total of 35 and the 20 under 65 it
    # would give away the 3 people aged 65–79.
    page.get_by_label("Karte färben nach").select_option("gespraeche-80")
    show(page)
    assert row_cells(page, "Werte der Karte", "Hardenbergviertel") == ["•"]
    page.get_by_label("Samtweberviertel").check()
    show(page)
    assert row_cells(page, "Meldungen nach Kategorie – 2. Quartal 2025", "Stadtbild") == [
        "0", "0", "1", "1", "0", "+1",
    ]  # fmt: skip
    session.check(page)


def test_the_xlsx_download_holds_the_figures(browsing, coordinator, data):
    session = browsing("desktop", accept_downloads=True)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/statistik/?zeitraum=2025-Q2")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("link", name="Alle Tabellen als Excel (XLSX)").click(timeout=60_000)
    book = load_workbook(io.BytesIO(info.value.path().read_bytes()), read_only=True)
    reports = list(book["meldungen-kategorien"].iter_rows(values_only=True))
    assert ("Abfall", 7, 4, 0, 11, 1, 10) in reports
    header = next(row for row in reports if row[0] == "Kategorie")
    assert header[-2:] == ("Vorzeitraum 1. Quartal 2025", "Veränderung")
    assert ("65–79", "<5", 0, None) in list(book["gespraeche-alter"].iter_rows(values_only=True))


def test_bad_period_and_per_person_request_are_explained(browsing, coordinator, data):
    session = browsing("phone")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/statistik/?zeitraum=2025-2020&helfer=3")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Der Zeitraum endet, bevor er beginnt.")
    expect(alert).to_contain_text("Zahlen je Person gibt es nicht")
    # Reflow at 320 px: nothing in the page's content but the scrollable tables is wider.
    page.set_viewport_size({"width": 320, "height": 700})
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('main *')]"
        ".filter(e => !e.closest('.table-scroll'))"
        ".filter(e => e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert overflow == []
    page.get_by_label("Zeitraum", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Bleichpfad")).to_be_focused()
    session.check(page)


def test_sachbericht_with_narrative_as_page_and_tagged_pdf(browsing, coordinator, data, tmp_path):
    from quartier.directory.tests.pdf import pdf_text

    session = browsing("desktop", accept_downloads=True)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/statistik/?zeitraum=2025-Q2")
    page.get_by_role("link", name="Sachbericht (Seite und PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sachbericht Quartiershelfer*innen – 2. Quartal 2025"
    )
    page.get_by_role("textbox", name="Bericht der Koordination").fill(
        "Ältere fragen oft nach Begleitung."
    )
    page.get_by_role("button", name="Bericht speichern").click()
    expect(page.get_by_text("Der Bericht der Koordination ist gespeichert.")).to_be_visible()
    session.check(page)
    # WeasyPrint needs a few seconds on a busy machine: wait longer than for a page.
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("link", name="Als PDF herunterladen").click(timeout=90_000)
    text = pdf_text(info.value.path().read_bytes(), tmp_path)
    assert "Sachbericht Quartiershelfer*innen – 2. Quartal 2025" in text
    assert "Ältere fragen oft nach Begleitung." in text
    assert "14 Meldungen" in text and "<5" in text
    assert "13 Meldungen mehr als im Vorzeitraum" in " ".join(text.split())
