"""The coordinator finds a report in the inbox, on the map and in the list (desktop)."""

import re

import pytest
from playwright.sync_api import expect

from e2e.a11y import tab_to
from quartier.reports.models import ReportStatus
from testkit.factories import HARDENBERG, SAMTWEBER, categories, make_report

pytestmark = pytest.mark.browser


@pytest.fixture
def reports(helper, quarters):
    cats = categories()
    sofa = make_report(
        helper,
        cats["abfall-wilder-muell"],
        description="Altes Sofa <script>alert(1)</script> vor dem Haus",
        address="Hardenbergstraße 12, Krefeld",
    )
    other = make_report(helper, cats["muelleimer-voll"], where=SAMTWEBER, description="Korb voll")
    return sofa, other


def test_coordinator_finds_a_report_in_the_inbox_and_closes_it(browsing, coordinator, reports):
    sofa, _ = reports
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/")
    page.get_by_role("link", name="Meldungen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldungen: Eingang")
    session.check(page)
    page.get_by_label("Suche in Beschreibung und Adresse").fill("sofa")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("cell", name=re.compile("Altes Sofa <script>"))).to_be_visible()
    session.check(page)
    page.get_by_role("link", name=f"#{sofa.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Meldung #{sofa.pk}")
    session.check(page)
    page.get_by_label("Grund für den Abschluss").fill("   ")
    page.get_by_role("button", name="Abschließen").click()
    expect(page.get_by_text("Bitte geben Sie einen Grund für den Abschluss an.")).to_be_visible()
    session.check(page)
    page.get_by_label("Grund für den Abschluss").fill("Sperrmüll wurde abgeholt")
    page.get_by_role("button", name="Abschließen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("abschließen?")
    session.check(page)
    page.get_by_role("button", name="Ja, abschließen").click()
    expect(page.get_by_text("Die Meldung wurde abgeschlossen.")).to_be_visible()
    sofa.refresh_from_db()
    assert sofa.status == ReportStatus.CLOSED
    session.check(page)


def test_coordinator_refuses_to_merge_a_report_into_itself(browsing, coordinator, reports):
    sofa, _ = reports
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto(f"/meldungen/{sofa.pk}/")
    page.get_by_label("Nummer der ursprünglichen Meldung").fill(str(sofa.pk))
    page.get_by_role("button", name="Das ist dasselbe").click()
    expect(
        page.get_by_text("Eine Meldung kann nicht mit sich selbst zusammengeführt werden.")
    ).to_be_visible()
    session.check(page)


def test_coordinator_finds_a_report_on_the_map_and_in_the_list(browsing, coordinator, reports):
    sofa, _ = reports
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/meldungen/karte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldungen auf der Karte")
    expect(page.locator("#map-status")).to_have_text("Meldungen auf der Karte: 2")
    page.get_by_label("Kategorie").select_option(label="Abfall → Wilder Müll")
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator("#map-status")).to_have_text("Meldungen auf der Karte: 1")
    session.check(page)
    page.locator(".report-marker").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(f"#{sofa.pk}")
    # With the popup open (after its fade-in, which axe would measure half-transparent).
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    session.check(page)
    popup.get_by_role("link", name="Meldung öffnen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Meldung #{sofa.pk}")

    page.goto("/meldungen/karte/")
    page.get_by_role("link", name="dieselben Meldungen als Liste").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldungen als Liste")
    expect(page.get_by_role("cell", name=re.compile("Hardenbergstraße 12"))).to_be_visible()
    session.check(page)
    page.get_by_role("link", name=f"#{sofa.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Meldung #{sofa.pk}")
    session.check(page)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_a_dense_map_shows_areas_that_open_by_keyboard(
    browsing, helper, coordinator, quarters, settings, kind
):
    """More reports in view than the map shows singly: areas with a count; Enter on an area
    zooms in, and the reports there appear as markers again."""
    settings.REPORT_MAP_POINT_LIMIT = 3
    litter = categories()["abfall-wilder-muell"]
    for where, n in ((HARDENBERG, 3), (SAMTWEBER, 2)):
        for _ in range(n):
            make_report(helper, litter, where=where)
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/meldungen/karte/")
    status = page.locator("#map-status")
    expect(page.locator("#report-map")).to_have_attribute("data-state", "ready")
    expect(status).to_have_text(re.compile(r"^5 Meldungen in 2 Bereichen\."))
    expect(page.locator(".map-area")).to_have_count(2)
    session.check(page)

    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    tab_to(page, "(el) => el.getAttribute('aria-label')?.startsWith('3 Meldungen in diesem')")
    page.keyboard.press("Enter")
    expect(status).to_have_text("Meldungen auf der Karte: 3")
    expect(page.locator(".map-area")).to_have_count(0)
    expect(page.locator("#report-map .leaflet-marker-icon:focus")).to_have_count(1)
    session.check(page)
