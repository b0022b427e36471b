"""Experience on a phone and an office PC: nothing destructive in one tap, the helper's own
report, coordinator pages that fit a 390 px screen. Every page is axe-checked."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from quartier.reports.actions import record_status
from quartier.reports.models import ReportStatus
from quartier.residents import actions
from quartier.residents.models import ConsentForm, HelpKind
from testkit.factories import categories, make_report

pytestmark = pytest.mark.browser


@pytest.fixture
def person(transactional_db, helper, quarter):
    from quartier.residents import demo

    demo.load()
    resident = actions.create_resident(
        actor=helper,
        display_name="Frau Beispiel",
        reach="02151 000000",
        reason="Einkauf",
        quarter=quarter,
        consent={
            "form": ConsentForm.VERBAL,
            "given_on": dt.date(2026, 11, 2),
            "info_sheet_version": "2026-01",
            "witness": "Kollegin",
        },
    )
    actions.create_help_request(
        actor=helper, resident=resident, kind=HelpKind.SHOPPING, due_on=resident.created_at.date()
    )
    return resident


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_revoking_consent_asks_first_and_says_what_goes(browsing, helper, person, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    page.goto(f"/bewohner/personen/{person.pk}/")
    page.get_by_role("link", name="Widerruf erfassen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Widerruf der Einwilligung erfassen?")
    expect(page.get_by_text("1 Hilfeanfrage wird gelöscht")).to_be_visible()
    session.check(page)
    page.get_by_role("link", name="Abbrechen").click()
    expect(page.get_by_role("link", name="Widerruf erfassen …")).to_be_visible()
    page.get_by_role("link", name="Widerruf erfassen …").click()
    page.get_by_role("button", name="Ja, Widerruf erfassen").click()
    expect(page.get_by_text("Einwilligung widerrufen. Entfernt wurden")).to_be_visible()
    session.check(page)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_ending_help_can_be_undone(browsing, helper, person, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    page.goto(f"/bewohner/personen/{person.pk}/")
    page.get_by_role("button", name="Hilfeanfrage beenden …").click()
    expect(
        page.get_by_text("Sie können das Beenden 15 Minuten lang rückgängig machen.")
    ).to_be_visible()
    session.check(page)
    page.get_by_role("button", name="Ja, beenden").click()
    page.get_by_role("button", name="Beenden rückgängig machen").click()
    expect(page.get_by_text("Rückgängig gemacht")).to_be_visible()
    expect(page.get_by_role("button", name="Hilfeanfrage beenden …")).to_be_visible()
    session.check(page)


@pytest.fixture
def reports(transactional_db, helper, quarters):
    cats = categories()
    report = make_report(
        helper,
        cats["abfall-wilder-muell"],
        description="Matratze am Straßenrand",
        address="Hardenbergstraße 12, Krefeld",
    )
    record_status(
        report=report,
        status=ReportStatus.ACKNOWLEDGED,
        actor=None,
        actor_label="GSAK (Partnerlink)",
        note="Wird am Freitag abgeholt",
    )
    return [report] + [make_report(helper, cats["muelleimer-voll"]) for _ in range(3)]


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_helper_opens_her_report_and_sees_the_partner_answer(browsing, helper, reports, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/meine/")
    page.get_by_role("link", name=f"#{reports[0].pk}").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Meldung #{reports[0].pk}")
    expect(page.get_by_text("Wird am Freitag abgeholt")).to_be_visible()
    session.check(page)


COORDINATOR_PAGES = [
    "/",
    "/meldungen/eingang/",
    "/meldungen/liste/",
    "/weiterleitung/",
    "/weiterleitung/ueberfaellig/",
    "/bewohner/personen/",
    "/bewohner/vermittlung/",
]


TOO_WIDE_JS = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > 394)
  .filter(e => !e.closest('.table-scroll') || e.classList.contains('table-scroll'))
  .slice(0, 5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def too_wide(page) -> list[str]:
    """The outermost elements that stick out of the screen (for the failure message)."""
    return page.evaluate(TOO_WIDE_JS)


def test_coordinator_pages_fit_a_phone(browsing, coordinator, reports):
    session = browsing("phone")
    session.login(coordinator)
    page = session.new_page()
    for url in COORDINATOR_PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{url} is {width} px wide: {too_wide(page)}"
        session.check(page)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_map_without_reachable_tiles_says_so_and_keeps_working(
    browsing, coordinator, reports, settings, kind
):
    # A tile source that answers 404 for every tile (same origin, so the CSP allows it).
    settings.MAP_TILE_URL = "/kacheln-gibt-es-nicht/{z}/{x}/{y}.png"
    settings.MAP_ATTRIBUTION = "Testkarte"
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto(f"/meldungen/{reports[0].pk}/")
    expect(page.get_by_text("Kartenhintergrund nicht erreichbar")).to_be_visible()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Testkarte")
    session.check(page)


def test_logout_is_labelled_on_a_phone(browsing, helper, transactional_db):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/")
    page.get_by_text("Konto · Abmelden").click()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
    session.check(page)


def test_without_network_wegweiser_searches_cached_entries_and_other_pages_explain(
    browsing, helper, wegweiser
):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/neu/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto("/wegweiser/")  # loaded once with network

    session.context.set_offline(True)
    response = page.goto("/wegweiser/")
    assert response.from_service_worker
    page.get_by_label("Suchbegriff").fill("Mittagessen")
    page.get_by_role("button", name="Suchen").click()
    expect(page.locator("#offline-note")).to_contain_text("Ohne Netz:")
    expect(page.get_by_role("link", name="Mittagstisch im Hardenbergviertel")).to_be_visible()
    expect(page.get_by_role("link", name="Pflegeberatung", exact=True)).to_be_hidden()

    page.goto("/meldungen/meine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerade kein Netz")
    expect(page.get_by_role("link", name="Melden").first).to_be_visible()
    session.context.set_offline(False)
    session.check(page)


PDF_FETCH_JS = """async (url) => {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return [response.status, response.headers.get("content-type"),
          String.fromCharCode(...bytes.slice(0, 5))];
}"""


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_handout_opened_with_network_opens_without(browsing, helper, wegweiser, kind):
    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/neu/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto("/wegweiser/")
    page.get_by_role("link", name="Pflegeberatung", exact=True).click()
    entry_url = page.url
    page.get_by_role("button", name="Handzettel ansehen und drucken").click()
    expect(page.get_by_role("button", name="Drucken")).to_be_visible()
    handout_url = page.url
    pdf_url = page.get_by_role("link", name="Als PDF").get_attribute("href")
    assert page.evaluate(PDF_FETCH_JS, pdf_url) == [200, "application/pdf", "%PDF-"]

    session.context.set_offline(True)
    response = page.goto(handout_url)
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Pflegeberatung")
    expect(page.get_by_role("img", name="QR-Code mit der Adresse dieses Eintrags")).to_be_visible()
    assert page.evaluate(PDF_FETCH_JS, pdf_url) == [200, "application/pdf", "%PDF-"]
    session.check(page)
    page.get_by_role("link", name="Zurück zum Eintrag").click()
    expect(page).to_have_url(entry_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Pflegeberatung")

    # An entry never opened with network: the German page that says what works.
    other = wegweiser["Mittagstisch im Hardenbergviertel"]
    page.goto(f"/wegweiser/{other.pk}/handzettel/?sprache=de")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerade kein Netz")
    expect(
        page.get_by_text("Einträge und Handzettel, die Sie mit Netz geöffnet haben")
    ).to_be_visible()
    session.context.set_offline(False)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_prefilled_dates_are_accepted_in_german_and_english(browsing, helper, person, kind):
    """The server used to write "30.11.2026" into <input type="date">: the browser showed an
    empty field and refused to save until a date was picked by hand."""
    from django.utils import timezone

    from quartier.residents.models import HelpRequest

    session = browsing(kind)
    session.login(helper)
    page = session.new_page()
    today = timezone.localdate().isoformat()
    for language in ("de", "en"):
        session.context.add_cookies(
            [{"name": "django_language", "value": language, "url": session.live_server.url}]
        )
        before = HelpRequest.objects.filter(resident=person).count()
        page.goto(f"/bewohner/personen/{person.pk}/hilfe/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("input[name=due_on]")).to_have_value(today)
        session.check(page)
        page.locator("form:has(input[name=due_on]) button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(rf"/bewohner/personen/{person.pk}/$"))
        assert HelpRequest.objects.filter(resident=person).count() == before + 1


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_triage_closes_several_reports_after_asking_notes_and_assigns(
    browsing, coordinator, helper, reports, kind
):
    from quartier.core.models import AuditEntry
    from quartier.reports.models import Report

    first, second, third = reports[1:]
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/meldungen/eingang/")
    page.get_by_label(f"Meldung #{first.pk} auswählen").check()
    page.get_by_label(f"Meldung #{second.pk} auswählen").check()
    page.get_by_label("Was soll geschehen?").select_option("close")
    page.get_by_label("Grund für den Abschluss").fill("Bereits geleert")
    page.get_by_role("button", name="Für ausgewählte ausführen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2 Meldungen abschließen?")
    expect(page.get_by_text(f"Abgeschlossen werden: #{first.pk}, #{second.pk}.")).to_be_visible()
    session.check(page)
    page.get_by_role("button", name="Ja, abschließen").click()
    expect(
        page.get_by_text(f"Erledigt für 2 Meldungen: #{first.pk}, #{second.pk}.")
    ).to_be_visible()
    session.check(page)
    closed = Report.objects.filter(pk__in=[first.pk, second.pk])
    assert {r.status for r in closed} == {ReportStatus.CLOSED}
    assert Report.objects.get(pk=third.pk).status == ReportStatus.NEW

    page.goto(f"/meldungen/{third.pk}/")
    page.get_by_label("Interne Notiz").fill("Anwohner hat angerufen, Korb quillt über")
    page.get_by_role("button", name="Notiz speichern").click()
    expect(page.get_by_text("Interne Notiz gespeichert.")).to_be_visible()
    expect(page.get_by_text("Anwohner hat angerufen, Korb quillt über")).to_be_visible()
    page.get_by_label("Zuweisen an").select_option(str(helper.pk))
    page.get_by_label("Auftrag (optional)").fill("Bitte vor Ort nachsehen")
    page.get_by_role("button", name="Zuweisen", exact=True).click()
    expect(page.get_by_text("Die Meldung ist jetzt")).to_be_visible()
    session.check(page)
    actions = set(
        AuditEntry.objects.filter(object_id=str(third.pk)).values_list("action", flat=True)
    )
    assert {"report.note", "report.assign"} <= actions, actions


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_forward_several_at_once_and_record_a_partners_answer_by_phone(
    browsing, coordinator, reports, kind
):
    from quartier.routing.models import Authority, Forwarding

    Authority.objects.create(name="Abfallbetriebe Test", emails="abfall@example.org")
    first, second = reports[1:3]
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/meldungen/eingang/")
    page.get_by_label(f"Meldung #{first.pk} auswählen").check()
    page.get_by_label(f"Meldung #{second.pk} auswählen").check()
    page.get_by_role("button", name="Ausgewählte weiterleiten …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mehrere Meldungen weiterleiten")
    session.check(page)
    page.get_by_label("An wen?").select_option(label="Abfallbetriebe Test")
    page.get_by_role("button", name="Jetzt weiterleiten").click()
    expect(page.get_by_text("2 Meldungen an Abfallbetriebe Test weitergeleitet.")).to_be_visible()
    assert Forwarding.objects.filter(report__in=[first, second]).count() == 2

    page.goto(f"/weiterleitung/meldung/{first.pk}/")
    page.get_by_text("Antwort per Telefon eintragen").click()
    page.get_by_label("Was hat der Partner gesagt?").select_option("acknowledged")
    page.get_by_label(re.compile("^Was genau")).fill("Herr M. am Telefon: Leerung am Freitag")
    page.get_by_role("button", name="Antwort eintragen").click()
    expect(page.get_by_text("Die Antwort des Partners wurde eingetragen.")).to_be_visible()
    session.check(page)
    first.refresh_from_db()
    assert first.status == ReportStatus.ACKNOWLEDGED
