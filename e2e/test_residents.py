"""Residents: contact logging online and offline, a person with consent, the helper's day,
the privacy officer's audit view, Art. 15 export and retention. Every page is axe-checked."""

import datetime as dt
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quartier.residents import actions
from quartier.residents.models import Contact, Resident

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _taxonomy(transactional_db):
    # The live server's database is flushed after each test, migration data included.
    from quartier.residents import demo

    demo.load()


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def fill_contact(page):
    page.locator("label.chip", has_text="Straße").click()
    page.locator("label.chip", has_text="80 und älter").click()
    page.locator("label.chip", has_text="Hilfe im Alltag").click()
    page.locator("label.chip", has_text="Information").click()


def test_helper_logs_a_contact_online(browsing, helper):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/bewohner/kontakt/neu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gespräch erfassen")
    session.check(page)
    for chip in page.locator("label.chip").all()[:5]:
        assert chip.bounding_box()["height"] >= 44
    fill_contact(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#contact-status")).to_have_text("Gespräch gespeichert. Danke!")
    assert wait_for(lambda: Contact.objects.count() == 1)
    contact = Contact.objects.get()
    assert (contact.place, contact.age_band, contact.outcomes) == (
        "street",
        "80_plus",
        ["information"],
    )
    session.check(page)


def test_helper_logs_a_contact_offline_and_it_is_sent_when_online(browsing, helper):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/bewohner/kontakt/neu/")
    session.context.set_offline(True)
    fill_contact(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#contact-status")).to_contain_text("sobald Netz da ist")
    expect(page.get_by_text("1 Gespräch wartet auf Netz")).to_be_visible()
    session.check(page)
    assert Contact.objects.count() == 0
    session.context.set_offline(False)
    assert wait_for(lambda: Contact.objects.count() == 1)
    expect(page.get_by_text("1 Gespräch wartet auf Netz")).to_be_hidden()
    session.check(page)


def test_missing_topic_is_explained_before_anything_is_queued(browsing, helper):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/bewohner/kontakt/neu/")
    page.get_by_text("Telefon", exact=True).click()
    page.locator("label.chip", has_text="unter 65").click()
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator("#contact-form-topics-error")).to_have_text(
        "Bitte mindestens ein Thema wählen."
    )
    expect(page.locator("[data-error-summary]")).to_be_focused()
    session.check(page)
    assert Contact.objects.count() == 0


def test_helper_creates_a_resident_with_consent_and_a_recurring_help_request_for_her_day(
    browsing, helper
):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/bewohner/personen/neu/")
    session.check(page)
    page.get_by_label("Name oder Rufname").fill("Frau Becker")
    page.get_by_label("Erreichbar über").fill("02151 123456")
    page.get_by_label("Grund für die Erfassung").fill("Einkauf jeden Dienstag")
    page.locator("label.chip", has_text="Einwilligung liegt vor").click()
    page.locator("label.chip", has_text="Mündlich").click()
    page.get_by_label("Zeugin oder Zeuge (mündlich)").fill("Kollege Tom")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frau Becker")
    session.check(page)
    page.get_by_role("link", name="Hilfeanfrage anlegen").click()
    page.get_by_label("Art der Hilfe").select_option("shopping")
    page.locator("label.chip", has_text="Jede Woche").click()
    page.get_by_label("Erster Termin").fill(timezone.localdate().isoformat())
    session.check(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Hilfeanfrage angelegt.")).to_be_visible()
    page.goto("/einsatz/mein-tag/")
    expect(page.get_by_text("Einkaufen: Frau Becker")).to_be_visible()
    session.check(page)
    page.get_by_role("button", name="Erledigt").click()
    expect(page.get_by_text("Erledigt. Danke!")).to_be_visible()
    expect(page.get_by_text("Für heute stehen keine Hilfeanfragen an.")).to_be_visible()
    session.check(page)


def _resident_for(helper):
    return actions.create_resident(
        actor=helper,
        display_name="Frau Becker",
        reach="02151 123456",
        reason="Einkauf",
        quarter=helper.quarters.first(),
        consent={
            "form": "verbal",
            "given_on": dt.date(2026, 11, 2),
            "info_sheet_version": "2026-01",
            "witness": "Kollegin Aylin",
        },
    )


def test_privacy_officer_sees_the_audit_and_exports_an_access_request(
    browsing, helper, privacy_officer
):
    resident = _resident_for(helper)
    session = browsing("desktop")
    session.login(privacy_officer)
    page = session.new_page()
    page.goto("/datenschutz/protokoll/?objekt=residents.resident")
    expect(page.get_by_text("legte Person #").first).to_be_visible()
    session.check(page)
    page.goto("/bewohner/datenschutz/")
    session.check(page)
    page.get_by_label(re.compile("^Name der Person")).fill("Becker")
    page.get_by_role("button", name="Suchen").click()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.").first).to_be_visible()
    session.check(page)
    page.get_by_label(re.compile("^Name der Person")).fill("Frau Beker")
    page.get_by_label("Zweites Merkmal").fill(resident.reach)
    page.get_by_label("Rechtsgrund des Antrags").select_option(label="Auskunft (Art. 15 DSGVO)")
    page.get_by_label("Aktenzeichen des Antrags").fill("DS-2026-041")
    page.get_by_role("button", name="Suchen").click()
    # A misspelt name finds the record but opens nothing: the exact name is needed.
    expect(page.get_by_text(f"Person {resident.pk} (")).to_be_visible()
    expect(page.get_by_role("link", name=f"Person {resident.pk}")).to_have_count(0)
    session.check(page)
    page.get_by_label(re.compile("^Name der Person")).fill("frau  becker")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_role("link", name=f"Person {resident.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Person {resident.pk}")
    expect(page.get_by_text("Aktenzeichen DS-2026-041")).to_be_visible()
    assert "Frau Becker" not in page.content()
    session.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Auskunft als JSON").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert "Frau Becker" in exported and "DS-2026-041" in exported
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Auskunft als PDF").click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF")


def test_retention_anonymises_an_old_record_and_the_privacy_officer_sees_it(
    browsing, helper, privacy_officer
):
    from quartier.residents.tasks import run_retention

    resident = _resident_for(helper)
    Resident.objects.filter(pk=resident.pk).update(
        last_contact_at=timezone.now() - dt.timedelta(days=363)
    )
    session = browsing("desktop")
    session.login(privacy_officer)
    page = session.new_page()
    page.goto("/bewohner/datenschutz/")
    expect(page.get_by_text("1 Person wird anonymisiert")).to_be_visible()
    Resident.objects.filter(pk=resident.pk).update(
        last_contact_at=timezone.now() - dt.timedelta(days=400)
    )
    run_retention.enqueue()
    assert Resident.objects.get().is_anonymised
    page.reload()
    expect(page.get_by_role("cell", name="Aufbewahrungsfrist abgelaufen")).to_be_visible()
    session.check(page)


def test_coordinator_sees_the_anonymous_tally(browsing, coordinator, quarter):
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/bewohner/statistik/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gespräche nach Thema und Alter")
    session.check(page)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_privacy_officer_filters_the_log_in_german_downloads_it_and_sees_what_goes_next(
    browsing, helper, privacy_officer, kind
):
    resident = _resident_for(helper)
    Resident.objects.filter(pk=resident.pk).update(
        last_contact_at=timezone.now() - dt.timedelta(days=363)
    )
    session = browsing(kind)
    session.login(privacy_officer)
    page = session.new_page()
    page.goto("/datenschutz/protokoll/")
    page.get_by_label("Person (Konto)").select_option(str(helper.pk))
    page.get_by_label("Art des Objekts").select_option("residents.resident")
    page.get_by_label("von").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_text(f"legte Person #{resident.pk}").first).to_be_visible()
    assert "residents.resident" not in page.locator("main").inner_text()
    session.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Als CSV herunterladen").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert f"legte Person #{resident.pk}" in exported

    page.goto("/bewohner/datenschutz/")
    expect(page.get_by_text("1 Person wird anonymisiert")).to_be_visible()
    session.check(page)
