"""A helper searches the Wegweiser on her phone and prints a large-print handout; the
coordination keeps the entries up to date on the desktop."""

import re

import pytest
from playwright.sync_api import expect

from quartier.directory.handout_labels import LABELS
from quartier.directory.tests.pdf import pdf_text

# Live-server tests flush the database afterwards, the needs taxonomy from the data migration
# included; the `wegweiser` fixture puts it back. pytest-django runs the tests that roll back
# a transaction (`db`) before the live-server ones, so none of them sees the flushed state.
pytestmark = pytest.mark.browser


@pytest.fixture
def helper_at_base(helper, quarter):
    helper.base = quarter.bases.first()
    helper.phone = "0151 000 111 22"
    helper.save()
    return helper


def test_helper_finds_a_service_on_the_phone_and_prints_a_turkish_handout(
    browsing, helper_at_base, wegweiser, tmp_path
):
    session = browsing("phone")
    session.login(helper_at_base)
    page = session.new_page()
    page.goto("/")
    page.get_by_role("link", name=re.compile("Wegweiser")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wegweiser")
    session.check(page)

    page.get_by_label("Thema").select_option("care")
    page.get_by_label("Quartier").select_option("")
    page.get_by_label("Sprache des Angebots").select_option("tr")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_role("heading", name="3 Angebote")).to_be_visible()
    session.check(page)
    call = page.get_by_role("link", name=re.compile("Anrufen"))
    assert call.first.bounding_box()["height"] >= 44

    page.get_by_role("link", name="Pflegeberatung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pflegeberatung")
    session.check(page)

    page.get_by_label("Türkçe").check()
    page.get_by_role("button", name="Handzettel ansehen und drucken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pflegeberatung")
    expect(page.get_by_text("Bakım danışmanlığı")).to_be_visible()
    expect(page.get_by_text(LABELS["tr"]["when"])).to_be_visible()
    session.check(page)

    # Printed: the print stylesheet uses at least 16 pt and hides the site's navigation.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Drucken")).to_be_hidden()
    sizes = page.eval_on_selector_all(
        ".handout p, .handout dd, .handout dt, .handout span, .handout figcaption",
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert min(sizes) >= 16 * 96 / 72 - 0.1  # 16 pt in CSS pixels
    page.emulate_media(media="screen")

    pdf_url = page.get_by_role("link", name="Als PDF").get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body(), tmp_path)
    assert "Pflegeberatung" in text
    assert "Bakım danışmanlığı" in text
    for key in ("where", "when", "phone", "helper", "base"):
        assert LABELS["de"][key] in text
        assert LABELS["tr"][key] in text
    assert "Jugendzentrum SpieDie" in text
    assert "0151 000 111 22" in text


def test_helper_gets_an_arabic_pdf_handout_from_the_entry_page(
    browsing, helper_at_base, wegweiser, tmp_path
):
    entry = wegweiser["Migrationsberatung für Erwachsene"]
    session = browsing("phone")
    session.login(helper_at_base)
    page = session.new_page()
    page.goto(f"/wegweiser/{entry.pk}/")
    session.check(page)
    page.get_by_label("العربية").check()
    # What the "Als PDF" button submits (the PDF itself opens in the phone's viewer).
    url = page.evaluate(
        """() => {
        const form = document.querySelector('.handout-form');
        const button = form.querySelector('[formaction]');
        return button.formAction + '?' + new URLSearchParams(new FormData(form));
    }"""
    )
    assert url.endswith("handzettel.pdf?sprache=ar")
    response = page.request.get(url)
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body(), tmp_path)
    assert "Migrationsberatung für Erwachsene" in text
    assert LABELS["de"]["phone"] in text
    arabic = [char for char in text if "\u0600" <= char <= "\u06ff"]
    assert len(arabic) > 50


def test_arabic_handout_page_is_accessible(browsing, helper_at_base, wegweiser):
    entry = wegweiser["Quartiersbüro Schinkenplatz"]
    session = browsing("phone")
    session.login(helper_at_base)
    page = session.new_page()
    page.goto(f"/wegweiser/{entry.pk}/handzettel/?sprache=ar")
    expect(page.get_by_text("مكتب الحي شينكنبلاتز")).to_be_visible()
    session.check(page)


def test_coordinator_edits_entries_and_sees_import_errors_with_line_numbers(
    browsing, coordinator, wegweiser, tmp_path
):
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/wegweiser/pflege/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wegweiser pflegen")
    session.check(page)

    page.get_by_role("link", name="Neuer Eintrag").click()
    session.check(page)
    page.get_by_label("Name des Angebots").fill("Repair-Café Süd")
    page.get_by_label("Reparaturen").check() if page.get_by_label(
        "Kleine Reparaturen"
    ).count() else None
    page.get_by_label("Türkisch", exact=True).check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Repair-Café Süd")
    session.check(page)

    page.goto("/wegweiser/pflege/import/")
    session.check(page)
    bad = tmp_path / "wegweiser.csv"
    bad.write_text("name;email\r\nTreff;treff@example.org\r\nZweiter Treff;kaputt\r\n")
    page.get_by_label("Datei").set_input_files(str(bad))
    page.get_by_role("button", name="Importieren").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 3: E-Mail")
    session.check(page)


def test_a_resident_scans_the_qr_code_and_reads_the_entry_without_login(browsing, wegweiser):
    entry = wegweiser["Wohngeldstelle"]
    session = browsing("phone")
    page = session.new_page()
    page.goto(f"/wegweiser/angebot/{entry.external_id}/?sprache=ar")
    expect(page.get_by_role("heading", level=1)).to_have_text(entry.name)
    session.check(page)
