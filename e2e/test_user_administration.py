"""The admin invites a person, changes role and quarters, and cannot change her own account."""

import pytest
from playwright.sync_api import expect

from quartier.accounts.models import Role, User
from quartier.core.models import AuditEntry

pytestmark = pytest.mark.browser


def test_admin_invites_a_helper_and_changes_her_quarters(browsing, admin_user, quarters):
    session = browsing("desktop")
    session.login(admin_user)
    page = session.new_page()
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Verwaltung"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwaltung")
    session.check(page)
    page.get_by_role("link", name="Benutzer").first.click()
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_role("button", name="Einladung verschicken").click()
    expect(page.locator(".field-error").first).to_be_visible()
    session.check(page)
    page.get_by_label("Anmeldename").fill("nele.neu")
    page.get_by_label("Vorname").fill("Nele")
    page.get_by_label("Nachname").fill("Neu")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill("nele@example.org")
    page.get_by_label("Rolle").select_option(label="Quartiershelfer*in")
    page.get_by_label("Hardenbergviertel").check()
    page.get_by_role("button", name="Einladung verschicken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Konto nele.neu")
    expect(page.get_by_text("Die Einladung an nele@example.org ist verschickt.")).to_be_visible()
    session.check(page)

    page.get_by_label("Samtweberviertel").check()
    page.get_by_role("button", name="Quartiere speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    nele = User.objects.get(username="nele.neu")
    assert sorted(q.slug for q in nele.quarters.all()) == [
        "hardenbergviertel",
        "samtweberviertel",
    ]
    page.get_by_role("button", name="Konto sperren").click()
    expect(page.get_by_role("button", name="Konto wieder freigeben")).to_be_visible()
    actions = AuditEntry.objects.filter(object_id=str(nele.pk), action__startswith="user.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "user.deactivate",
        "user.invite.helper",
        "user.quarters.change",
    ]


def test_admin_cannot_give_an_admin_account_case_access(browsing, admin_user, quarters):
    from testkit.personas import make_user

    colleague = make_user("admin2", Role.ADMIN)
    session = browsing("desktop")
    session.login(admin_user)
    page = session.new_page()
    page.goto(f"/verwaltung/benutzer/{colleague.pk}/")
    page.get_by_label("Neue Rolle").select_option(label="Koordination")
    page.get_by_role("button", name="Rolle speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("eigenes Konto")
    session.check(page)
    colleague.refresh_from_db()
    assert colleague.role == Role.ADMIN

    page.goto(f"/verwaltung/benutzer/{admin_user.pk}/")
    expect(page.get_by_text("Das ist Ihr eigenes Konto.")).to_be_visible()
    assert page.get_by_role("button", name="Rolle speichern").count() == 0


def test_the_data_view_is_read_only(browsing, admin_user, helper):
    session = browsing("desktop")
    session.login(admin_user)
    page = session.new_page()
    page.goto(f"/verwaltung/daten/accounts/user/{helper.pk}/change/")
    expect(page.get_by_text("helferin").first).to_be_visible()
    assert page.get_by_role("button", name="Sichern").count() == 0


def test_mfa_setup_page_explains_what_it_needs(browsing, coordinator):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=coordinator).delete()
    session = browsing("phone")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/")
    expect(page.get_by_text("Was Sie für die Zwei-Faktor-Anmeldung brauchen")).to_be_visible()
    expect(page.locator("img[src^='data:image/svg+xml']")).to_be_visible()  # QR code, CSP ok
    session.check(page)
