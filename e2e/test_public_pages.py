"""Footer pages, the accessibility feedback form and the language switch."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from e2e.a11y import assert_touch_targets, assert_visible_focus
from quartier.core.models import AccessibilityFeedback

pytestmark = pytest.mark.browser


def test_footer_pages_are_reachable_and_accessible(browsing, db):
    session = browsing("phone")
    page = session.new_page()
    page.goto("/")
    for link, heading in [
        ("Impressum", "Impressum"),
        ("Datenschutz", "Datenschutzerklärung"),
        ("Barrierefreiheit", "Erklärung zur Barrierefreiheit"),
        ("Leichte Sprache", "Quartiers·helfer in Krefeld: Infos in Leichter Sprache"),
    ]:
        page.get_by_role("contentinfo").get_by_role("link", name=link).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        session.check(page)
        assert_touch_targets(page, 44)
        assert_visible_focus(page)


def test_accessibility_feedback_is_stored_and_mailed(browsing, db, settings):
    session = browsing("desktop")
    page = session.new_page()
    page.goto("/seiten/barrierefreiheit/")
    page.get_by_role("button", name="Senden").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Dieses Feld ist zwingend erforderlich.")
    expect(page.locator("#id_message_error")).to_have_text("Dieses Feld ist zwingend erforderlich.")
    session.check(page)
    page.get_by_label("Was ist nicht barrierefrei?").fill("Der Kontrast im Menü ist zu schwach.")
    page.get_by_label("Welche Seite ist betroffen? (optional)").fill("/meldungen/")
    page.get_by_role("button", name="Senden").click()
    expect(page.get_by_text("Danke! Ihre Rückmeldung ist angekommen.")).to_be_visible()
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page_url == "/meldungen/"
    assert [m.to for m in mail.outbox] == [[settings.ACCESSIBILITY_FEEDBACK_EMAIL]]


def test_language_switch_to_english_and_back(browsing, db):
    session = browsing("desktop")
    page = session.new_page()
    page.goto("/")
    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Wechseln").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    session.check(page)
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
