"""The coordinator finds a report in the inbox, on the map and in the list (desktop)."""

import re

import pytest
from playwright.sync_api import expect

from quartier.reports.models import ReportStatus
from testkit.factories import SAMTWEBER, categories, make_report

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
