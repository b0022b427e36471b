"""Quarter and category names are data an admin (or a GeoJSON file) supplies: with markup in
them they are shown as text on every page that names them, maps included. Script that ran, or
markup the policy had to block, fails the test (the CSP listener in e2e/conftest.py)."""

import re

import pytest
from playwright.sync_api import expect

from quartier.areas.models import Quarter
from quartier.reports.models import ReportCategory
from quartier.routing.actions import forward_report
from quartier.routing.links import partner_path
from quartier.routing.models import Authority
from testkit.factories import categories, make_report

pytestmark = pytest.mark.browser

SCRIPT = "<script>injected=1</script>"
IMAGE = '<img src=x onerror="injected=2">'


@pytest.fixture
def marked_up_names(helper, coordinator, quarters):
    kinds = categories()
    report = make_report(helper, kinds["abfall-wilder-muell"], description="Sofa am Straßenrand")
    authority = Authority.objects.create(name="Kommunalbetrieb Krefeld", emails="kbk@example.org")
    forwarding = forward_report(report=report, authority=authority, actor=coordinator)
    for number, quarter in enumerate(Quarter.objects.order_by("pk")):
        Quarter.objects.filter(pk=quarter.pk).update(name=f"{SCRIPT}{number}")
    for category in ReportCategory.objects.all():
        ReportCategory.objects.filter(pk=category.pk).update(name=f"{IMAGE}{category.pk}")
    return report, partner_path(forwarding)


def _shown_as_text(page, session, locator=None):
    """The names' markup is visible text, no element was made from it, nothing ran."""
    scope = locator or page.locator("main")
    expect(
        scope.get_by_text(re.compile(f"{re.escape(SCRIPT)}|{re.escape(IMAGE)}")).first
    ).to_be_attached()
    assert (
        page.locator(
            "main img[src='x'], main script:not([src]):not([type='application/json'])"
        ).count()
        == 0
    )
    assert page.evaluate("() => window.injected") is None
    session.check(page)


def test_names_with_markup_are_text_for_the_coordinator(browsing, coordinator, marked_up_names):
    report, _link = marked_up_names
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    for path in ["/meldungen/eingang/", "/meldungen/liste/", f"/meldungen/{report.pk}/"]:
        page.goto(path)
        _shown_as_text(page, session)
    page.goto("/meldungen/karte/")
    expect(page.locator("#map-status")).to_have_text("Meldungen auf der Karte: 1")
    expect(page.locator(".leaflet-tooltip.quarter-label").first).to_contain_text(SCRIPT)
    _shown_as_text(page, session, page.locator("#report-map"))
    page.locator(".report-marker").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(IMAGE)  # the category's name
    assert page.locator("#report-map img[src='x'], #report-map script").count() == 0
    assert page.evaluate("() => window.injected") is None
    page.keyboard.press("Escape")
    page.goto("/statistik/")
    _shown_as_text(page, session)


def test_names_with_markup_are_text_for_the_admin(browsing, admin_user, marked_up_names):
    session = browsing("desktop")
    session.login(admin_user)
    page = session.new_page()
    page.goto("/verwaltung/kategorien/")
    _shown_as_text(page, session)
    page.goto("/verwaltung/quartiere/")
    # The outline's tooltip (hover) was filled with HTML from the quarter's name.
    page.locator("#quarter-map path.leaflet-interactive").first.hover()
    tooltip = page.locator("#quarter-map .leaflet-tooltip")
    expect(tooltip).to_contain_text(SCRIPT)
    assert tooltip.locator("img, script").count() == 0
    _shown_as_text(page, session)


def test_names_with_markup_are_text_for_helpers_visitors_and_partners(
    browsing, helper, marked_up_names
):
    _report, link = marked_up_names
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    for path in ["/meldungen/neu/", "/meldungen/meine/"]:
        page.goto(path)
        _shown_as_text(page, session)
    visitor = browsing("phone")
    page = visitor.new_page()
    for path in ["/transparenz/", link]:
        page.goto(path)
        _shown_as_text(page, visitor)
