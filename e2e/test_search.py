"""Search that finds what people mean, on a phone and an office PC: the Wegweiser by topic,
word form and synonym, the inbox with capital umlauts and filters; typed search syntax is only
text. Every page is axe-checked."""

import pytest
from playwright.sync_api import expect

from testkit.factories import SAMTWEBER, categories, make_report

pytestmark = pytest.mark.browser

KINDS = ["phone", "desktop"]


def search_wegweiser(page, text):
    page.get_by_label("Suchbegriff").fill(text)
    page.get_by_label("Quartier").select_option("")
    with page.expect_navigation():  # the answer page, not the one before it
        page.get_by_role("button", name="Suchen").click()


@pytest.mark.parametrize("kind", KINDS)
def test_wegweiser_finds_topics_word_forms_and_synonyms(browsing, helper, wegweiser, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    page.goto("/wegweiser/")

    search_wegweiser(page, "Einsamkeit")  # a topic of the entries, not in their names
    expect(page.get_by_role("link", name="Seniorenclub rund um St. Josef")).to_be_visible()
    expect(page.get_by_role("link", name="Besuchsdienst „Zeit schenken“")).to_be_visible()
    session.check(page)

    search_wegweiser(page, "Seniorentreff")  # the entry of that name first, then synonyms
    first_title = page.locator(".entry-card").first.locator("h2, h3")
    expect(first_title).to_have_text("Seniorentreff in der Samtweberei")
    expect(page.get_by_role("link", name="Seniorenclub rund um St. Josef")).to_be_visible()

    search_wegweiser(page, "ÄLTERE")  # capital umlaut
    expect(page.get_by_role("link", name="Mittagstisch im Hardenbergviertel")).to_be_visible()

    search_wegweiser(page, '"Senioren* NEAR(-')  # search syntax is only text
    expect(page.get_by_role("heading", level=1)).to_have_text("Wegweiser")
    session.check(page)


@pytest.fixture
def inbox_reports(transactional_db, helper, quarters):
    cats = categories()
    oil = make_report(helper, cats["abfall-wilder-muell"], description="Ölspur vor der Einfahrt")
    mattress = make_report(helper, cats["abfall-wilder-muell"], description="Zwei Matratzen")
    elsewhere = make_report(
        helper, cats["abfall-wilder-muell"], where=SAMTWEBER, description="Matratze im Hof"
    )
    return oil, mattress, elsewhere


@pytest.mark.parametrize("kind", KINDS)
def test_inbox_search_with_umlauts_word_forms_and_filters(
    browsing, coordinator, inbox_reports, kind
):
    oil, mattress, elsewhere = inbox_reports
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/meldungen/eingang/")
    field = page.get_by_label("Suche in Beschreibung und Adresse")

    field.fill("ÖLSPUR")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("link", name=f"#{oil.pk}")).to_be_visible()
    expect(page.get_by_role("link", name=f"#{mattress.pk}")).to_have_count(0)
    session.check(page)

    page.get_by_label("Suche in Beschreibung und Adresse").fill("Matratze")
    page.get_by_label("Quartier").select_option(label="Hardenbergviertel")
    page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("link", name=f"#{mattress.pk}")).to_be_visible()
    expect(page.get_by_role("link", name=f"#{elsewhere.pk}")).to_have_count(0)

    page.get_by_label("Suche in Beschreibung und Adresse").fill('"Matratze* NEAR( -Hof')
    with page.expect_navigation():
        page.get_by_role("button", name="Filtern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldungen: Eingang")
    session.check(page)
