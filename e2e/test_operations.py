"""Operations in the browser: the rota with a conflict resolved, the helper's day with every
kind of item, a small job with a photo, a hotspot on the agenda, a meeting with minutes and
action items carried into the next week, printed rota and minutes, and the calendar feed.
Every page is axe-checked."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from icalendar import Calendar
from PIL import Image
from playwright.sync_api import expect

from e2e.a11y import tab_to
from quartier.operations import actions, tasks
from quartier.operations.models import (
    ActionItem,
    ExceptionKind,
    JobKind,
    ResultCheck,
    SmallJob,
)
from quartier.reports.actions import record_status, submit_report
from quartier.reports.models import ReportCategory, ReportStatus
from testkit.factories import load_default_categories

pytestmark = pytest.mark.browser

MONDAY = dt.date(2026, 11, 16)  # no public holiday in this week
WEDNESDAY = MONDAY + dt.timedelta(days=2)
NEAR = [(51.31810, 6.56760), (51.31822, 6.56772), (51.31800, 6.56750)]


@pytest.fixture(autouse=True)
def _categories(transactional_db):
    # The live server's database is flushed after each test, migration data included.
    load_default_categories()


def t(text):
    return dt.time.fromisoformat(text)


def pdf_text(content: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext missing: apt-get install -y poppler-utils"
    path = tmp_path / "doc.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    return " ".join(result.stdout.decode().split())


def weekly(coordinator, helper, quarter, weekdays, base=None):
    for weekday in weekdays:
        actions.add_shift_pattern(
            actor=coordinator,
            helper=helper,
            weekday=weekday,
            quarter=quarter,
            base=base,
            starts_at=t("08:00"),
            ends_at=t("15:00"),
            valid_from=dt.date(2026, 1, 1),
        )


def dumping(user, lat, lon, address="Hardenbergstraße 40"):
    category = ReportCategory.objects.get(code="abfall-wilder-muell")
    report, _ = submit_report(
        reporter=user, category=category, latitude=lat, longitude=lon, address=address
    )
    return report


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (30, 120, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def assert_targets(page, names):
    for name in names:
        box = page.get_by_role("button", name=name).first.bounding_box()
        assert box["height"] >= 44, f"{name}: {box['height']} px"


def test_coordinator_plans_a_week_and_resolves_a_conflict(
    browsing, coordinator, helper, other_helper, quarter, other_quarter, tmp_path
):
    base = quarter.bases.first()
    weekly(coordinator, helper, quarter, range(5), base=base)
    weekly(coordinator, other_helper, other_quarter, [0, 1, 3, 4])
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto(f"/einsatz/plan/?woche={MONDAY}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einsatzplan")
    conflicts = page.locator(".conflicts")
    expect(conflicts).to_contain_text("1 Konflikt")
    expect(conflicts).to_contain_text(
        "Mi 18.11.: Samtweberviertel: an diesem Arbeitstag ist niemand eingeplant."
    )
    session.check(page)

    # An overlapping weekly shift is refused with a message next to the field.
    form = page.locator("form", has=page.get_by_role("button", name="Dienst hinzufügen"))
    form.get_by_label("Quartiershelfer*in (Pflichtfeld)").select_option(label="Hanna")
    form.get_by_label("Wochentag (Pflichtfeld)").select_option(label="Mittwoch")
    form.get_by_label("Quartier (Pflichtfeld)").select_option(label="Samtweberviertel")
    form.get_by_label("Beginn (Pflichtfeld)").fill("14:00")
    form.get_by_label("Ende (Pflichtfeld)").fill("17:00")
    form.get_by_label("gültig ab (Pflichtfeld)").fill(str(MONDAY))
    form.get_by_role("button", name="Dienst hinzufügen").click()
    expect(page.get_by_text("Überschneidet sich mit einem Dienst 08:00–15:00")).to_be_visible()
    session.check(page)

    # Peter swaps a day: a one-off shift on Wednesday resolves the conflict.
    form = page.locator("form", has=page.get_by_role("button", name="Abweichung speichern"))
    form.get_by_label("Quartiershelfer*in (Pflichtfeld)").select_option(label="Peter")
    form.get_by_label("Tag (Pflichtfeld)").fill(str(WEDNESDAY))
    form.get_by_label("Art (Pflichtfeld)").select_option(value=ExceptionKind.EXTRA)
    form.get_by_label("Quartier (nur Einzeldienst)").select_option(label="Samtweberviertel")
    form.get_by_label("Beginn (nur Einzeldienst)").fill("08:00")
    form.get_by_label("Ende (nur Einzeldienst)").fill("15:00")
    form.get_by_role("button", name="Abweichung speichern").click()
    expect(page.get_by_text("Abweichung eingetragen.")).to_be_visible()
    expect(page.locator("#no-conflicts")).to_have_text("Keine Konflikte in dieser Woche.")
    session.check(page)

    page.get_by_role("link", name="Monat je Quartier").click()
    page.get_by_label("Quartier").select_option(label="Samtweberviertel")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.get_by_role("row", name=re.compile("Mi 18.11."))).to_contain_text("Peter")
    session.check(page)

    pdf = page.request.get(f"/einsatz/plan/stuetzpunkt/{base.pk}.pdf?woche={MONDAY}")
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body(), tmp_path)
    assert f"Einsatzplan {base.name}" in text and "Hanna" in text and "08:00–15:00" in text


def test_week_page_reflows_on_a_phone(browsing, coordinator, helper, quarter):
    weekly(coordinator, helper, quarter, range(5))
    session = browsing("phone")
    session.login(coordinator)
    page = session.new_page()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/einsatz/plan/?woche={MONDAY}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einsatzplan")
    # The page's own content stays inside 320 px (wide tables scroll inside their region).
    wide = page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > 321)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert wide == [], f"content wider than 320 px: {wide[:5]}"
    session.check(page)


@pytest.fixture
def busy_day(coordinator, helper, quarter):
    """Something of every kind for the helper today."""
    from quartier.residents.models import HelpRequest, Resident
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority, PartnerAnswer

    today = timezone.localdate()
    actions.add_shift_exception(
        actor=coordinator,
        helper=helper,
        day=today,
        kind=ExceptionKind.EXTRA,
        quarter=quarter,
        base=quarter.bases.first(),
        starts_at=t("08:00"),
        ends_at=t("15:00"),
    )
    resident = Resident.objects.create(
        display_name="Frau Beispiel",
        quarter=quarter,
        created_at=timezone.now(),
        last_contact_at=timezone.now(),
    )
    help_request = HelpRequest.objects.create(resident=resident, kind="shopping", due_on=today)
    help_request.helpers.set([helper])
    checked = dumping(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    record_status(report=checked, status=ReportStatus.RESOLVED, actor_label="GSAK (Partnerlink)")
    authority = Authority.objects.create(name="GSAK", emails="gsak@example.org")
    answered = dumping(helper, 51.3170, 6.5700, address="Hardenbergstraße 30")
    forwarding = forward_report(report=answered, authority=authority, actor=coordinator)
    PartnerAnswer.objects.create(forwarding=forwarding, kind="acknowledged", comment="Wir kommen")
    actions.plan_small_job(
        actor=coordinator,
        kind=JobKind.CLEAN_UP,
        quarter=quarter,
        place="Hardenbergplatz",
        planned_for=today,
        assignees=[helper],
    )
    meeting = actions.create_meeting(actor=coordinator, held_on=today - dt.timedelta(days=7))
    actions.add_action_item(
        actor=coordinator, meeting=meeting, text="Schild abstimmen", owner=helper, due_on=today
    )
    return checked


def test_helpers_day_with_every_kind_of_item(browsing, helper, busy_day):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/einsatz/mein-tag/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Tag")
    expect(page.get_by_text("Hardenbergviertel · 08:00–15:00 Uhr")).to_be_visible()
    expect(page.get_by_text("Jugendzentrum SpieDie")).to_be_visible()
    expect(page.get_by_text("Öffnungszeiten:")).to_be_visible()
    expect(page.get_by_role("link", name="Frau Beispiel")).to_be_visible()
    expect(page.get_by_role("heading", name=f"#{busy_day.pk} Wilder Müll")).to_be_visible()
    expect(page.get_by_text("Wir kommen")).to_be_visible()
    expect(page.get_by_role("heading", name="gemeinsame Aufräumaktion")).to_be_visible()
    expect(page.get_by_role("heading", name="Schild abstimmen")).to_be_visible()
    assert_targets(page, ["Dienst beginnen", "Nachkontrolle speichern", "Erledigt"])
    session.check(page)

    page.get_by_role("button", name="Dienst beginnen").click()
    expect(page.get_by_text(re.compile(r"Im Dienst seit \d\d:\d\d Uhr"))).to_be_visible()
    session.check(page)
    page.get_by_role("button", name="Dienst beenden").click()
    expect(
        page.get_by_text(re.compile(r"Dienst heute: \d\d:\d\d bis \d\d:\d\d Uhr"))
    ).to_be_visible()

    page.get_by_text("Nein, noch nicht").click()
    page.get_by_label("Notiz (freiwillig)").last.fill("Matratze liegt noch da")
    page.get_by_role("button", name="Nachkontrolle speichern").click()
    expect(page.get_by_text("Nachkontrolle gespeichert.")).to_be_visible()
    busy_day.refresh_from_db()
    assert busy_day.status == ReportStatus.REOPENED
    assert ResultCheck.objects.get().is_done is False

    page.get_by_role("button", name=re.compile("Erledigt.*Schild abstimmen")).click()
    expect(page.get_by_text("Aufgabe erledigt.")).to_be_visible()
    assert ActionItem.objects.get().done_at is not None
    session.check(page)


def test_helper_logs_a_small_job_with_a_photo(browsing, helper, coordinator, quarter):
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/einsatz/erledigt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kleinen Einsatz eintragen")
    session.check(page)
    page.get_by_label("Was wurde gemacht?").select_option(label="Müll gesammelt")
    page.get_by_label("Ort").fill("Spielplatz Hardenbergstraße")
    page.get_by_label("Säcke").fill("10000")
    page.get_by_label("Bewohner*innen dabei (Anzahl, keine Namen)").fill("2")
    page.get_by_label("Foto nachher (freiwillig)").set_input_files(
        {"name": "nachher.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    page.get_by_role("button", name="Erledigt").click()
    expect(page.locator("#id_bags_error")).to_contain_text("10000 Säcke bei einem Einsatz?")
    session.check(page)
    page.get_by_label("Säcke").fill("3")
    page.get_by_label("Foto nachher (freiwillig)").set_input_files(
        {"name": "nachher.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    )
    page.get_by_role("button", name="Erledigt").click()
    expect(page.get_by_text("Danke! Der Einsatz ist eingetragen.")).to_be_visible()
    job = SmallJob.objects.get()
    assert (job.bags, job.residents_joined, job.photos.count()) == (3, 2, 1)

    office = browsing("desktop")
    office.login(coordinator)
    list_page = office.new_page()
    list_page.goto("/einsatz/einsaetze/")
    image = list_page.get_by_role("img", name="Foto nachher")
    expect(image).to_be_visible()
    assert list_page.evaluate("img => img.naturalWidth", image.element_handle()) > 0
    office.check(list_page)


def test_hotspot_forms_from_seeded_reports_and_goes_on_the_agenda(
    browsing, coordinator, helper, quarter
):
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/einsatz/hotspots/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hotspots")
    session.check(page)
    page.get_by_label("Kategorie").select_option(label="Abfall → Wilder Müll")
    page.get_by_label("Mindestzahl Meldungen").fill("3")
    page.get_by_label("Umkreis (m)").fill("30")
    page.get_by_label("Zeitraum (Tage)").fill("60")
    page.get_by_label("Vorschlag").fill("Waste-Detektive der GSAK einschalten")
    page.get_by_role("button", name="Regel speichern").click()
    expect(page.get_by_text("3 Meldungen in 30 m binnen 60 Tagen")).to_be_visible()

    for lat, lon in NEAR:
        dumping(helper, lat, lon)
    tasks.detect_hotspots.enqueue()  # the scheduled job (runs at once in tests)
    page.reload()
    row = page.get_by_role("row", name=re.compile("Hardenbergstraße 40"))
    expect(row).to_contain_text("Waste-Detektive")
    expect(row).to_contain_text("3")
    session.check(page)
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hotspot: Wilder Müll")
    expect(page.get_by_role("listitem").filter(has_text="Wilder Müll")).to_have_count(3)
    session.check(page)

    page.goto("/einsatz/fachaustausch/")
    page.get_by_label("Datum").fill(str(WEDNESDAY))
    page.get_by_role("button", name="Anlegen").click()
    expect(
        page.get_by_role("heading", name=re.compile("Hotspot: Wilder Müll, Hardenberg"))
    ).to_be_visible()
    session.check(page)


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_hotspot_markers_are_reached_and_opened_by_keyboard(
    browsing, coordinator, helper, quarter, kind
):
    actions.set_hotspot_rule(
        actor=coordinator,
        category=ReportCategory.objects.get(code="abfall-wilder-muell"),
        min_reports=3,
        radius_m=30,
        window_days=60,
    )
    for lat, lon in NEAR:
        dumping(helper, lat, lon)
    tasks.detect_hotspots.enqueue()
    session = browsing(kind)
    session.login(coordinator)
    page = session.new_page()
    page.goto("/einsatz/hotspots/")
    marker = page.get_by_role("button", name="Wilder Müll: Hardenbergstraße 40")
    expect(marker).to_be_visible()
    session.check(page)

    tab_to(page, "(el) => el.classList.contains('hotspot-marker')")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_be_focused()
    # With the popup open (after its fade-in, which axe would measure half-transparent).
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    session.check(page)
    page.keyboard.press("Escape")
    expect(marker).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hotspot: Wilder Müll")


def test_meeting_with_minutes_and_action_items_carried_into_next_week(
    browsing, coordinator, helper, tmp_path, mailoutbox
):
    report = dumping(helper, 51.3181, 6.5676, address="Hardenbergstraße 12")
    actions.flag_report_for_meeting(actor=helper, report=report)
    session = browsing("desktop")
    session.login(coordinator)
    page = session.new_page()
    page.goto("/einsatz/fachaustausch/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fachaustausch")
    session.check(page)
    page.get_by_label("Datum").fill(str(WEDNESDAY))
    page.get_by_label("Ort").fill("Rathaus")
    page.get_by_role("button", name="Anlegen").click()
    title = f"Meldung #{report.pk}: Wilder Müll, Hardenbergviertel (Hardenbergstraße 12)"
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    session.check(page)

    page.get_by_label("Extern: Stelle").fill("Seniorenhilfe")
    page.get_by_label("Extern: Name").fill("Frau Extern")
    page.get_by_label("Extern: E-Mail").fill("senioren@example.org")
    page.get_by_role("button", name="Teilnahme eintragen").click()
    expect(page.get_by_text("Seniorenhilfe, Frau Extern")).to_be_visible()

    item = page.locator(".agenda-item").first
    item.get_by_label("Notizen (intern)").fill("Nachbar Herr K. hat angerufen")
    item.get_by_label("Beschluss (geht auch an Externe)").fill("GSAK räumt bis Freitag")
    item.get_by_role("button", name=re.compile("Protokoll speichern")).click()
    expect(page.get_by_text("Protokoll gespeichert.")).to_be_visible()

    item = page.locator(".agenda-item").first
    item.get_by_text("Aufgabe anlegen").first.click()
    item.get_by_label("Aufgabe (Pflichtfeld)").fill("Bei der GSAK nachfragen")
    item.get_by_role("button", name="Aufgabe anlegen").click()
    expect(page.get_by_text("Bitte eine verantwortliche Person wählen.")).to_be_visible()
    session.check(page)
    item = page.locator(".agenda-item").first
    item.get_by_label("Verantwortlich").select_option(label="Hanna")
    item.get_by_label("Fällig am").fill(str(WEDNESDAY + dt.timedelta(days=7)))
    item.get_by_role("button", name="Aufgabe anlegen").click()
    expect(page.get_by_text("Aufgabe angelegt.")).to_be_visible()
    expect(page.get_by_text("Bei der GSAK nachfragen – Hanna")).to_be_visible()

    meeting_url = page.url.split("#")[0]
    internal = pdf_text(page.request.get(f"{meeting_url}protokoll.pdf").body(), tmp_path)
    assert "Fachaustausch 18.11.2026" in internal and "Nachbar Herr K." in internal
    external = pdf_text(page.request.get(f"{meeting_url}protokoll.pdf?extern=1").body(), tmp_path)
    assert "GSAK räumt bis Freitag" in external and "Bei der GSAK nachfragen" in external
    assert "Herr K." not in external and "Hanna" not in external

    page.get_by_role("button", name="Protokoll an Externe senden").click()
    expect(page.get_by_text("Protokoll an 1 externe Teilnehmende versandt.")).to_be_visible()
    (message,) = mailoutbox
    assert message.bcc == ["senioren@example.org"] and "Herr K." not in message.body
    session.check(page)

    page.goto("/einsatz/fachaustausch/")
    page.get_by_label("Datum").fill(str(WEDNESDAY + dt.timedelta(days=7)))
    page.get_by_role("button", name="Anlegen").click()
    expect(
        page.get_by_role("heading", name=re.compile("Offene Aufgabe: Bei der GSAK nachfragen"))
    ).to_be_visible()
    expect(page.get_by_role("heading", name=title)).to_have_count(0)
    session.check(page)


def test_helper_subscribes_to_her_rota_in_a_calendar(browsing, coordinator, helper, quarter):
    weekly(coordinator, helper, quarter, range(5), base=quarter.bases.first())
    session = browsing("phone")
    session.login(helper)
    page = session.new_page()
    page.goto("/einsatz/kalender/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Einsatzplan im Handykalender")
    session.check(page)
    page.get_by_role("button", name="Kalender-Link erstellen").click()
    url = page.get_by_label("Ihr Kalender-Link").input_value()
    assert url.endswith(".ics")
    session.check(page)
    anonymous = browsing("phone")
    response = anonymous.context.request.get(url)
    assert response.ok
    events = list(Calendar.from_ical(response.body()).walk("VEVENT"))
    assert events and all(str(e["SUMMARY"]) == "Dienst Hardenbergviertel" for e in events)
    page.get_by_role("button", name="Neuen Link erstellen (alter Link wird ungültig)").click()
    assert anonymous.context.request.get(url).status == 404
