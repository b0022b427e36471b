"""Each demo role logs in through the real form and lands on its own start page."""

import re

import pytest
from playwright.sync_api import expect

from testkit.personas import totp_code

pytestmark = pytest.mark.browser

PASSWORD = "quartier-test"


def log_in(page, username, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Benutzername oder E-Mail").fill(username)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmelden").click()


def test_helper_logs_in_on_the_phone_and_sees_her_day(browsing, helper):
    session = browsing("phone")
    page = session.new_page()
    page.goto("/")
    session.check(page)
    page.get_by_role("link", name="Anmelden").first.click()
    session.check(page)
    log_in(page, "helferin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Tag")
    expect(page.get_by_text("Hardenbergviertel")).to_be_visible()
    session.check(page)
    # Big touch targets: every tile is at least 44 px high.
    for tile in page.locator(".tile").all():
        assert tile.bounding_box()["height"] >= 44


@pytest.mark.parametrize(
    ("persona", "heading"),
    [
        ("coordinator", "Übersicht Koordination"),
        ("privacy_officer", "Datenschutz"),
        ("admin_user", "Administration"),
    ],
)
def test_staff_roles_log_in_with_a_second_factor_and_see_their_start_page(
    browsing, request, persona, heading
):
    user = request.getfixturevalue(persona)
    session = browsing("desktop")
    page = session.new_page()
    log_in(page, user.username)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    session.check(page)
    page.get_by_label("Code").fill(totp_code(user))
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    session.check(page)


def test_wrong_password_gets_a_clear_german_message(browsing, helper):
    session = browsing("phone")
    page = session.new_page()
    log_in(page, "helferin", "falsch-falsch")
    expect(
        page.get_by_text("Der Anmeldename und/oder das Passwort sind leider falsch.")
    ).to_be_visible()
    session.check(page)


def test_coordinator_must_set_up_two_factor_login_outside_demo_mode(browsing, coordinator):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=coordinator).delete()
    session = browsing("desktop")
    page = session.new_page()
    log_in(page, "koordination")
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    page.goto("/")
    expect(page).to_have_url(re.compile("/accounts/2fa/totp/activate/"))
    session.check(page)


def test_helper_opening_the_audit_log_gets_a_german_403_page(browsing, helper):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    response = page.goto("/datenschutz/protokoll/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")
    assert "Traceback" not in page.content()
    session.check(page)


def test_logout_ends_the_session(browsing, helper):
    session = browsing("desktop")
    session.login(helper)
    page = session.new_page()
    page.goto("/")
    page.get_by_text("helferin").click()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
    page.goto("/konto/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
