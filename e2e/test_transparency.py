"""The public transparency pages in a browser: no login, accessible, and nothing that must
never be shown (people, internal categories, residents' words, photos)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from quartier.reports.models import ReportCategory, ReportSource
from quartier.stats.tests import known_data
from testkit.factories import load_needs_taxonomy

pytestmark = pytest.mark.browser


@pytest.fixture
def data(quarters):
    cache.clear()
    load_needs_taxonomy()
    found = known_data.load(quarters)
    people, _ = ReportCategory.objects.get_or_create(
        code="menschen-in-not", defaults={"name": "Menschen in Not"}
    )
    known_data.report(people, known_data.at(2025, 6, 6), found["hb"],
                      description="Mann schläft im Hauseingang")  # fmt: skip
    known_data.report(found["muell"], known_data.at(2025, 6, 8), found["hb"],
                      source=ReportSource.ON_BEHALF, description="Für Herrn Beispiel")  # fmt: skip
    return found


def test_a_resident_reads_what_happened_and_finds_the_helpers(browsing, data):
    session = browsing("phone")
    page = session.new_page()
    page.goto("/transparenz/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Was im Quartier gemeldet wurde")
    expect(
        page.get_by_text("an GSAK weitergeleitet am 01.04.2025, erledigt am 05.04.2025")
    ).to_be_visible()
    expect(page.get_by_role("img", name="Karte der Quartiere mit den Meldungen")).to_be_visible()
    main = page.get_by_role("main").inner_text()
    for forbidden in ["Menschen in Not", "Mann schläft", "Herrn Beispiel", "Spritzenfund",
                      "Lewerentzstraße"]:  # fmt: skip
        assert forbidden not in main
    session.check(page)
    page.get_by_role("link", name="Hardenbergviertel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hardenbergviertel")
    session.check(page)
    page.get_by_role("link", name="Diese Seite in Einfacher Sprache").click()
    expect(page.get_by_text("Die Hilfe kostet nichts.")).to_be_visible()
    session.check(page)


def test_the_list_is_usable_at_320_pixels(browsing, data):
    session = browsing("phone")
    page = session.new_page()
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto("/transparenz/")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('main *')]"
        ".filter(e => !e.closest('.table-scroll'))"
        ".filter(e => e.getBoundingClientRect().right > 321).map(e => e.tagName)"
    )
    assert wide == []
    session.check(page)
