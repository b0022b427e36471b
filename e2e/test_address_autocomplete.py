"""Melden without GPS: the address field suggests addresses from the offline register."""

import pytest
from playwright.sync_api import expect

from quartier.areas.addresses import resolve
from quartier.areas.demo_addresses import load as load_demo_addresses
from quartier.reports.models import Report, ReportCategory
from testkit.factories import load_default_categories

pytestmark = pytest.mark.browser


@pytest.fixture
def categories(transactional_db):
    load_default_categories()
    load_demo_addresses()
    return {c.code: c for c in ReportCategory.objects.all()}


def test_a_helper_picks_a_suggested_address_with_the_keyboard(browsing, helper, categories):
    session = browsing("phone")  # no location permission: the address is all there is
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/neu/")
    field = page.get_by_role("combobox", name="Adresse oder Ort")
    field.fill("Hardenbergstr. 1")
    listbox = page.get_by_role("listbox", name="Adressvorschläge")
    expect(listbox).to_be_visible()
    expect(listbox.get_by_role("option")).to_have_count(8)
    expect(listbox.get_by_role("option").first).to_have_text("Hardenbergstraße 1, 47799 Krefeld")
    expect(field).to_have_attribute("aria-expanded", "true")
    session.check(page)  # axe with the list open

    field.press("ArrowDown")
    field.press("ArrowDown")  # "… 10"
    expect(listbox.get_by_role("option", selected=True)).to_have_text(
        "Hardenbergstraße 10, 47799 Krefeld"
    )
    field.press("Enter")
    expect(field).to_have_value("Hardenbergstraße 10, 47799 Krefeld")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")

    page.locator(f"label[for='category-{categories['abfall'].pk}']").click()
    page.locator(f"label[for='category-{categories['abfall-wilder-muell'].pk}']").click()
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    report = Report.objects.get()
    house = resolve("Hardenbergstraße 10")
    assert (report.latitude, report.longitude) == (house.latitude, house.longitude)
    assert report.address == "Hardenbergstraße 10, 47799 Krefeld"
    assert report.accuracy_m == house.accuracy_m


def test_escape_closes_the_suggestions_and_a_street_is_suggested_by_its_start(
    browsing, helper, categories
):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/neu/")
    field = page.get_by_role("combobox", name="Adresse oder Ort")
    listbox = page.get_by_role("listbox", name="Adressvorschläge")
    field.fill("Lewer")
    expect(listbox.get_by_role("option")).to_have_text(["Lewerentzstraße, 47798 Krefeld"])
    field.press("Escape")
    expect(listbox).to_be_hidden()
    field.press("ArrowDown")
    expect(listbox).to_be_visible()
    listbox.get_by_role("option").first.click()
    expect(field).to_have_value("Lewerentzstraße, 47798 Krefeld")
