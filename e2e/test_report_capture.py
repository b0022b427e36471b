"""Melden on the phone: photo, category tile, GPS, duplicate hint, Selbst erledigt, offline."""

import io
import re

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import expect

from quartier.reports.models import Report, ReportCategory, ReportConfirmation, ReportStatus
from testkit.factories import load_default_categories
from testkit.images import HARDENBERG, jpeg_with_gps

pytestmark = pytest.mark.browser

GPS = {"latitude": HARDENBERG[0], "longitude": HARDENBERG[1], "accuracy": 12}


@pytest.fixture
def categories(transactional_db):
    load_default_categories()
    return {c.code: c for c in ReportCategory.objects.all()}


def phone_with_gps(browsing, helper):
    session = browsing("phone", geolocation=GPS, permissions=["geolocation"])
    session.login(helper)
    return session


def open_capture(session):
    page = session.new_page()
    page.goto("/meldungen/neu/")
    expect(page.locator("#gps-status")).to_have_text("Standort gefunden, Genauigkeit ± 12 m")
    return page


def tap(page, category):
    page.locator(f"label[for='category-{category.pk}']").click()


def add_photo(page):
    page.set_input_files(
        "#photo-gallery",
        files=[{"name": "muell.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    expect(page.locator("#photo-previews img")).to_have_count(1)


def test_helper_reports_litter_with_a_photo(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    session.check(page)

    add_photo(page)
    tap(page, categories["abfall"])
    tap(page, categories["abfall-wilder-muell"])
    page.get_by_label("Notiz (freiwillig)").fill("Matratze neben dem Baum")
    page.get_by_role("button", name="Senden").click()

    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    report = Report.objects.get()
    assert report.category == categories["abfall-wilder-muell"]
    assert report.accuracy_m == 12
    assert report.description == "Matratze neben dem Baum"
    stored = report.photos.get().image.read()
    assert dict(Image.open(io.BytesIO(stored)).getexif()) == {}
    assert b"Secret Model 7" not in stored
    session.check(page)

    page.goto("/meldungen/meine/")
    expect(page.get_by_text(f"#{report.pk} Wilder Müll")).to_be_visible()
    expect(page.get_by_role("img", name=f"Foto zur Meldung #{report.pk}")).to_be_visible()
    session.check(page)


def test_report_says_it_waits_when_the_network_fails_although_the_phone_is_online(
    browsing, helper, categories
):
    """A weak signal: the phone believes it is online, the request never arrives. The helper
    must not be left with "sending" when the report is in fact waiting in the outbox."""
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    api = page.locator("#capture-form").get_attribute("data-api")
    page.route(f"**{api}", lambda route: route.abort("internetdisconnected"))
    add_photo(page)
    tap(page, categories["abfall"])
    tap(page, categories["abfall-wilder-muell"])
    page.get_by_role("button", name="Senden").click()

    result = page.locator("#capture-result")
    expect(result).to_have_text(
        "Gespeichert. Die Meldung wird gesendet, sobald wieder Netz da ist."
    )
    expect(result).to_be_focused()
    expect(page.locator("[data-outbox-count]")).to_have_text("1 Meldung wartet auf Netz")
    assert page.evaluate("navigator.onLine") is True
    assert Report.objects.count() == 0
    session.check(page)

    page.unroute(f"**{api}")
    page.evaluate("window.Outbox.flush()")  # what the outbox does every 30 s
    expect(result).to_contain_text("ist angekommen")
    expect(page.locator("[data-outbox-count]")).to_be_hidden()
    assert Report.objects.get().category == categories["abfall-wilder-muell"]


def test_offline_report_waits_in_the_outbox_and_is_sent_once_when_back_online(
    browsing, helper, categories
):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    session.context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Melden")
    add_photo(page)
    tap(page, categories["beleuchtung"])
    tap(page, categories["beleuchtung-laterne-defekt"])
    page.get_by_label("Mastnummer").fill("KR-4711")
    page.get_by_role("button", name="Senden").click()

    expect(page.locator("[data-outbox-count]")).to_have_text("1 Meldung wartet auf Netz")
    expect(page.locator("#capture-result")).to_contain_text("sobald wieder Netz da ist")
    session.check(page)
    assert Report.objects.count() == 0

    session.context.set_offline(False)
    expect(page.locator("[data-outbox-count]")).to_be_hidden(timeout=15_000)
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    report = Report.objects.get()
    assert report.attributes == {"lamp_post_number": "KR-4711"}
    assert report.photos.count() == 1

    # The same submission again (as after a lost answer): still exactly one report.
    page.evaluate(
        """async ([id, category]) => {
        const data = new FormData();
        for (const [k, v] of Object.entries({client_id: id, category: category,
            latitude: '51.318', longitude: '6.568'})) data.append(k, v);
        const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
        await fetch('/meldungen/neu/senden/', {method: 'POST', body: data,
            headers: {'X-CSRFToken': token}});
    }""",
        [str(report.client_id), str(categories["beleuchtung-laterne-defekt"].pk)],
    )
    assert Report.objects.count() == 1


# Records what the page asks the vibration motor to do (headless Chromium has none).
BUZZ_RECORDER = """
Object.defineProperty(Navigator.prototype, "vibrate", {
  configurable: true,
  value: function (pattern) {
    (window.__buzzes = window.__buzzes || []).push(pattern);
    return true;
  },
});
"""


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_outbox_announces_on_top_and_buzzes_when_a_waiting_report_is_sent(
    browsing, helper, categories, kind
):
    session = browsing(kind, geolocation=GPS, permissions=["geolocation"])
    session.login(helper)
    session.context.add_init_script(BUZZ_RECORDER)
    page = open_capture(session)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    banner = page.locator("#outbox-sent")
    expect(banner).to_have_attribute("role", "status")  # a live region before anything is said

    session.context.set_offline(True)
    tap(page, categories["beleuchtung"])
    tap(page, categories["beleuchtung-laterne-defekt"])
    page.get_by_label("Mastnummer").fill("KR-4711")
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("[data-outbox-count]")).to_have_text("1 Meldung wartet auf Netz")
    expect(banner).to_be_empty()
    assert Report.objects.count() == 0

    session.context.set_offline(False)
    expect(banner).to_have_text(
        re.compile("Ohne Netz gespeichert, jetzt gesendet: Laterne defekt"), timeout=15_000
    )
    assert banner.bounding_box()["y"] <= 1  # at the top of the screen, where the eyes are
    assert page.evaluate("() => window.__buzzes") == [200]
    report = Report.objects.get()
    assert report.category == categories["beleuchtung-laterne-defekt"]
    session.check(page)
    banner.get_by_role("button", name="OK, gelesen").click()
    expect(banner).to_be_empty()


def test_a_report_sent_at_once_needs_no_banner(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    session.context.add_init_script(BUZZ_RECORDER)
    page = open_capture(session)
    tap(page, categories["sonstiges"])
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    expect(page.locator("#outbox-sent")).to_be_empty()
    assert page.evaluate("() => window.__buzzes || []") == []


def test_same_problem_nearby_is_shown_and_confirmed_instead_of_a_duplicate(
    browsing, helper, other_helper, quarter, categories
):
    litter = categories["abfall-wilder-muell"]
    existing = Report.objects.create(
        category=litter,
        reporter=other_helper,
        quarter=quarter,
        latitude=HARDENBERG[0] + 0.0002,  # about 22 m north
        longitude=HARDENBERG[1],
        address="Hardenbergstraße 12",
    )
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    add_photo(page)
    tap(page, categories["abfall"])
    tap(page, litter)

    hint = page.get_by_role("region", name="Schon gemeldet? Ähnliche Meldung in der Nähe")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("22 m entfernt")
    expect(hint).to_contain_text("Hardenbergstraße 12")
    session.check(page)
    hint.get_by_role("button", name="Das ist dasselbe").click()

    expect(page.locator("#capture-result")).to_contain_text(
        f"Bestätigung wurde zu Meldung #{existing.pk} hinzugefügt"
    )
    assert Report.objects.count() == 1
    assert ReportConfirmation.objects.get().report == existing
    assert existing.photos.count() == 1


def test_selbst_erledigt_is_one_tap_with_the_number_of_bags(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    tap(page, categories["abfall"])
    page.get_by_label("Anzahl Säcke").fill("2")
    page.get_by_role("button", name="Selbst erledigt").click()

    expect(page.locator("#capture-result")).to_contain_text("„Selbst erledigt“ ist als Meldung")
    report = Report.objects.get()
    assert report.status == ReportStatus.RESOLVED_BY_HELPER
    assert report.bags_count == 2
    session.check(page)


def test_missing_category_and_location_get_clear_messages(browsing, helper, categories):
    session = browsing("phone")  # no location permission
    session.login(helper)
    page = session.new_page()
    page.goto("/meldungen/neu/")
    expect(page.locator("#gps-status")).to_have_text(
        "Kein Standort. Bitte Adresse oder Ort eintippen."
    )
    page.get_by_role("button", name="Senden").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte eine Kategorie antippen.")
    expect(page.locator("#categories .error")).to_have_text("Bitte eine Kategorie antippen.")
    tap(page, categories["graffiti-vandalismus"])
    page.get_by_role("button", name="Senden").click()
    expect(summary).not_to_contain_text("Kategorie")
    expect(page.locator("#location .error")).to_contain_text("Kein Standort")
    session.check(page)

    page.get_by_label("Adresse oder Ort").fill("Spielplatz Hardenbergstraße")
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    report = Report.objects.get()
    assert report.address == "Spielplatz Hardenbergstraße"
    assert report.quarter == helper.quarters.get()


def test_capture_works_as_a_plain_form_without_javascript(browser, live_server, helper, categories):
    # axe needs JavaScript, so this context is not a `browsing` session; the same template is
    # axe-checked in the tests above.
    from django.conf import settings
    from django.test import Client

    from e2e.conftest import PHONE

    context = browser.new_context(
        viewport=PHONE, locale="de-DE", base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(helper)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    try:
        page = context.new_page()
        page.goto("/meldungen/neu/")
        page.set_input_files(
            "#photo-gallery",
            files=[{"name": "muell.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
        )
        tap(page, categories["abfall-sperrmuell"])
        page.get_by_role("button", name="Senden").click()

        expect(page.get_by_role("heading", level=1)).to_have_text("Meine Meldungen")
        expect(page.get_by_text("ist angekommen")).to_be_visible()
    finally:
        context.close()
    report = Report.objects.get()
    # No GPS without JavaScript: the photo's own position was used.
    assert (report.latitude, report.longitude) == pytest.approx(HARDENBERG, abs=1e-5)


def test_pin_on_the_map_corrects_the_location(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    page.get_by_role("button", name="Ort auf Karte korrigieren").click()
    marker = page.locator("#map .leaflet-marker-icon")
    expect(marker).to_be_visible()
    box = marker.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 80, box["y"] + 60, steps=8)
    page.mouse.up()
    expect(page.locator("#gps-status")).to_have_text("Ort von Hand auf der Karte gesetzt")
    moved_lat = float(page.locator("input[name=latitude]").input_value())
    assert moved_lat < HARDENBERG[0]  # dragged down = south
    session.check(page)

    tap(page, categories["verkehrszeichen"])
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    report = Report.objects.get()
    assert report.latitude == pytest.approx(moved_lat, abs=1e-6)
    assert report.accuracy_m is None  # set by hand, no GPS accuracy


def test_double_tap_on_senden_makes_one_report(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    tap(page, categories["sonstiges"])
    page.get_by_role("button", name="Senden").dblclick()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    # A second send would still be on the wire: wait until the page has no request open.
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-outbox-count]")).to_be_hidden()
    assert Report.objects.count() == 1


def go_offline_and_queue_a_report(session, page, category):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    session.context.set_offline(True)
    tap(page, category)
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("[data-outbox-count]")).to_have_text("1 Meldung wartet auf Netz")


def test_helper_can_delete_a_waiting_report(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    go_offline_and_queue_a_report(session, page, categories["sonstiges"])

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("list", name="Wartende Meldungen").get_by_role(
        "button", name="Löschen"
    ).click()
    expect(page.locator("[data-outbox-count]")).to_be_hidden()

    session.context.set_offline(False)
    page.reload()
    # The outbox sends on load: wait until the page has no request open, then nothing waits.
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-outbox-count]")).to_be_hidden()
    assert Report.objects.count() == 0


def test_waiting_report_survives_an_expired_session(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    go_offline_and_queue_a_report(session, page, categories["sonstiges"])

    # The session ended while the phone was offline.
    session.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    session.context.set_offline(False)
    waiting = page.get_by_role("list", name="Wartende Meldungen")
    expect(waiting).to_contain_text("Bitte erneut anmelden; die Meldung bleibt gespeichert.")
    session.check(page)
    expect(page.locator("[data-outbox-count]")).to_have_text("1 Meldung wartet auf Netz")
    assert Report.objects.count() == 0

    session.login(helper)
    page.goto("/meldungen/neu/")
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen", timeout=15_000)
    expect(page.locator("[data-outbox-count]")).to_be_hidden()
    assert Report.objects.count() == 1


def test_refused_submission_without_a_json_answer_stays_with_a_german_hint(
    browsing, helper, categories
):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    go_offline_and_queue_a_report(session, page, categories["sonstiges"])

    session.context.clear_cookies()  # no session and no CSRF cookie: Django's HTML 403
    session.context.set_offline(False)
    expect(page.get_by_role("list", name="Wartende Meldungen")).to_contain_text(
        "Nicht angenommen. Bitte neu anmelden"
    )
    expect(page.locator("#capture-result")).to_contain_text("Nicht angenommen")
    assert Report.objects.count() == 0


def test_large_photo_is_shrunk_on_the_phone_and_its_position_used_without_gps(
    browsing, helper, categories
):
    original = jpeg_with_gps(size=(4000, 3000), noisy=True)
    assert len(original) > 2_000_000
    session = browsing("phone")  # no location permission
    session.login(helper)
    page = session.new_page()
    uploads = []
    page.on("requestfinished", lambda r: "senden" in r.url and uploads.append(r))
    page.goto("/meldungen/neu/")
    page.set_input_files(
        "#photo-gallery",
        files=[{"name": "gross.jpg", "mimeType": "image/jpeg", "buffer": original}],
    )
    expect(page.locator("#gps-status")).to_have_text("Ort aus dem Foto übernommen")
    tap(page, categories["sonstiges"])
    page.get_by_role("button", name="Senden").click()

    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")
    sizes = [r.sizes()["requestBodySize"] for r in uploads]
    assert sizes and sizes[0] < len(original) / 2
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == pytest.approx(HARDENBERG, abs=1e-4)
    assert report.accuracy_m is None


def test_photo_taken_elsewhere_offers_its_position(browsing, helper, categories):
    session = phone_with_gps(browsing, helper)
    page = open_capture(session)
    elsewhere = jpeg_with_gps(lat=HARDENBERG[0] - 0.002)  # about 220 m south
    page.set_input_files(
        "#photo-gallery", files=[{"name": "a.jpg", "mimeType": "image/jpeg", "buffer": elsewhere}]
    )
    offer = page.get_by_role("button", name=re.compile(r"Ort aus dem Foto übernehmen \(2\d\d m"))
    expect(offer).to_be_visible()
    session.check(page)
    offer.click()
    expect(page.locator("#gps-status")).to_have_text("Ort aus dem Foto übernommen")
    assert float(page.locator("input[name=latitude]").input_value()) == pytest.approx(
        HARDENBERG[0] - 0.002, abs=1e-5
    )
