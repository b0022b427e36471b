"""The error pages a person can meet in the browser: a bad request (400), an expired form (CSRF,
403) and a part of the platform that is down for a moment (503). German, calm, with a way on,
axe-clean on a phone and an office PC. And the header and footer never make a page scroll
sideways at 320 px, not even with a long account name, in English, in the demo."""

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from e2e.a11y import horizontal_overflow
from quartier.accounts.models import Role
from testkit.personas import make_user

pytestmark = pytest.mark.browser

SIZES = ["phone", "desktop"]


@pytest.mark.parametrize("kind", SIZES)
def test_a_bad_request_gets_the_german_400_page(browsing, helper, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    # More form fields than Django accepts (DATA_UPLOAD_MAX_NUMBER_FIELDS): refused as a 400.
    query = "&".join(f"feld{i}=1" for i in range(1100))
    response = page.goto(f"/wegweiser/?{query}")
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Ungültige Anfrage")
    expect(page.get_by_role("link", name="Zur Startseite")).to_be_visible()
    session.check(page)


@pytest.mark.parametrize("kind", SIZES)
def test_an_expired_form_gets_the_german_page_and_a_way_back(browsing, transactional_db, kind):
    session = browsing(kind)
    page = session.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername oder E-Mail").fill("helferin")
    session.context.clear_cookies()  # the form was open too long: no CSRF cookie any more
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formular abgelaufen")
    expect(page.get_by_text("Bitte laden Sie die Seite neu")).to_be_visible()
    session.check(page)
    page.get_by_role("link", name="Zur Startseite").click()
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()


@pytest.mark.parametrize("kind", SIZES)
def test_a_database_that_is_down_for_a_moment_gets_the_german_503_page(
    browsing, helper, wegweiser, monkeypatch, kind
):
    from quartier.directory import access

    def database_down(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(access, "get_entry_for", database_down)
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    entry = wegweiser["Pflegeberatung"]
    response = page.goto(f"/wegweiser/{entry.pk}/")
    assert response.status == 503
    assert response.headers["retry-after"] == "30"
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerade nicht verfügbar")
    expect(page.get_by_text("Es wurde nichts gespeichert.")).to_be_visible()
    session.check(page)
    monkeypatch.undo()  # the end-of-test checks open the page again


@pytest.fixture
def long_named_coordinator(quarters):
    return make_user(
        "christiane.mustermann-schmitz-oberhausen",
        Role.COORDINATOR,
        quarters=list(quarters.values()),
        first_name="Christiane",
    )


PAGES = ["/", "/meldungen/eingang/", "/wegweiser/", "/weiterleitung/", "/seiten/impressum/"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_header_and_footer_fit_320_px_with_a_long_name_in_the_demo(
    browsing, long_named_coordinator, settings, language
):
    settings.DEMO_MODE = True
    session = browsing("phone")
    session.login(long_named_coordinator)
    session.context.add_cookies(
        [{"name": "django_language", "value": language, "url": session.live_server.url}]
    )
    page = session.new_page()
    for url in PAGES:
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        for part in ("header", "footer"):
            width = page.evaluate(f"() => document.querySelector('.site-{part}').scrollWidth", None)
            assert width <= page.viewport_size["width"], f"{part} of {url} is {width} px wide"
        assert horizontal_overflow(page, 320) == [], url


@pytest.mark.parametrize("kind", SIZES)
def test_a_helper_opening_the_administration_gets_the_platforms_403(browsing, helper, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    for url in ("/verwaltung/", "/verwaltung/kategorien/", "/verwaltung/daten/"):
        response = page.goto(url)
        assert response.status == 403, url
        expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")
        assert "Django" not in page.content()
        session.check(page)


@pytest.mark.parametrize("kind", SIZES)
def test_english_pages_name_categories_in_english(browsing, helper, kind):
    from testkit.factories import load_default_categories

    load_default_categories()
    session = browsing(kind)
    session.login(helper)
    session.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": session.live_server.url}]
    )
    page = session.new_page()
    page.goto("/meldungen/neu/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Street light out")).to_be_attached()
    assert "Laterne defekt" not in page.locator("main").inner_text()
    session.check(page)
