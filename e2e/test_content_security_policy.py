"""The Content-Security-Policy holds in a real browser, and names from data never become HTML."""

import pytest
from playwright.sync_api import expect

from quartier.areas.models import Quarter

pytestmark = pytest.mark.browser

PAYLOAD = '<img src=x onerror="window.injected=1">'


def test_the_harness_notices_a_policy_violation(browsing):
    session = browsing("desktop")
    page = session.new_page()
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.injected = 1"; document.body.append(s); }"""
    )
    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("() => window.injected") is None
    assert any("script-src" in v for v in session.csp_violations), session.csp_violations
    session.csp_violations.clear()  # the violation was the point of this test


def test_a_quarter_name_with_markup_is_shown_as_text_on_the_map(browsing, coordinator, quarters):
    for number, quarter in enumerate(Quarter.objects.all()):
        Quarter.objects.filter(pk=quarter.pk).update(name=f"{PAYLOAD} {number}")
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    response = page.goto("/meldungen/karte/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#map-status")).to_have_text("Meldungen auf der Karte: 0")
    # Quarter names are permanent labels on the outlines (not focusable, not hover-only).
    tooltip = page.locator(".leaflet-tooltip.quarter-label").first
    expect(tooltip).to_contain_text('<img src=x onerror="window.injected=1">')
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("() => window.injected") is None
    session.check(page)
