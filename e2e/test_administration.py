"""Every administration page in the browser, on a phone and an office PC: quarters (GeoJSON and
EPSG:25832 upload with map preview), bases, categories, partners with their rules, Open311 keys
and users. Errors stand next to their field and in a summary at the top that takes focus;
the main control of each page is reached by keyboard; every page is axe-checked."""

import json
import re

import pytest
from playwright.sync_api import expect
from pyproj import Transformer

from e2e.a11y import assert_focused_or_announced, tab_to_name
from quartier.areas.models import Base, Quarter
from quartier.areas.tests.test_import_quarters import WGS84_RING, feature
from quartier.core.models import AuditEntry
from quartier.reports.models import Report, ReportCategory
from quartier.routing.models import ApiClient, Authority, RoutingRule
from testkit.factories import load_default_categories, make_report

pytestmark = pytest.mark.browser

SIZES = ["phone", "desktop"]


def geojson_file(*features, name="quartiere.geojson"):
    body = json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()
    return {"name": name, "mimeType": "application/geo+json", "buffer": body}


def field(page, label: str):
    """The form field labelled exactly `label` (required fields add "(Pflichtfeld)")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(Pflichtfeld\))?$"))


def admin_page(browsing, admin_user, kind, url):
    session = browsing(kind)
    session.login(admin_user)
    page = session.new_page()
    page.goto(url)
    return session, page


def expect_error_at(page, session, field_label: str, message: str):
    """The summary at the top has focus and links to the field; the message is next to it."""
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert_focused_or_announced(page, "[data-error-summary]")
    link = summary.get_by_role("link", name=re.compile(re.escape(field_label)))
    expect(link).to_contain_text(message)
    field_id = field(page, field_label).get_attribute("id")
    assert link.get_attribute("href") == f"#{field_id}"
    expect(page.locator(f"#{field_id}_error")).to_contain_text(message)
    session.check(page)


@pytest.mark.parametrize("kind", SIZES)
def test_quarters_upload_with_map_preview_and_errors_next_to_the_file(browsing, admin_user, kind):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/")
    page.get_by_role("link", name=re.compile("^Quartiere")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quartiere")
    expect(page.locator(".leaflet-interactive").first).to_be_visible()
    session.check(page)

    page.get_by_label("GeoJSON-Datei mit den Quartiersflächen").set_input_files(
        {"name": "kaputt.geojson", "mimeType": "application/geo+json", "buffer": b"kein json"}
    )
    tab_to_name(page, "Prüfen und Vorschau zeigen")
    page.keyboard.press("Enter")
    expect_error_at(
        page, session, "GeoJSON-Datei mit den Quartiersflächen", "kein gültiges GeoJSON"
    )

    # The city's own geodata: ETRS89 / UTM 32N.
    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:25832", always_xy=True)
    utm = [to_utm.transform(lon, lat) for lon, lat in WGS84_RING]
    page.get_by_label("GeoJSON-Datei mit den Quartiersflächen").set_input_files(
        geojson_file(feature("Inrath", utm, stadtbezirk="Nord"))
    )
    field(page, "Koordinatensystem").select_option("25832")
    page.get_by_role("button", name="Prüfen und Vorschau zeigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorschau: Quartiere")
    expect(page.get_by_text("Die Datei ist in Ordnung: 1 Fläche.")).to_be_visible()
    expect(page.locator(".leaflet-interactive").first).to_be_visible()  # the polygon on the map
    assert not Quarter.objects.filter(slug="inrath").exists()
    session.check(page)
    page.get_by_role("button", name="Ja, so speichern").click()
    expect(page.get_by_role("cell", name="Inrath", exact=True)).to_be_visible()
    quarter = Quarter.objects.get(slug="inrath")
    assert quarter.stadtbezirk == "nord"
    assert AuditEntry.objects.filter(action="quarter.import", object_id=str(quarter.pk)).exists()

    # WGS84 (GeoJSON's own system): the same polygon once more replaces it.
    page.get_by_label("GeoJSON-Datei mit den Quartiersflächen").set_input_files(
        geojson_file(feature("Inrath", WGS84_RING))
    )
    page.get_by_role("button", name="Prüfen und Vorschau zeigen").click()
    expect(page.get_by_text("ersetzt die vorhandene Fläche")).to_be_visible()
    session.check(page)


@pytest.mark.parametrize("kind", SIZES)
def test_bases_are_created_and_edited_with_errors_next_to_fields(
    browsing, admin_user, quarters, kind
):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/stuetzpunkte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stützpunkte")
    session.check(page)
    page.get_by_role("link", name="Neuer Stützpunkt").click()
    field(page, "Name").fill("Stadtteilbüro Inrath")
    field(page, "Quartier").select_option(label="Hardenbergviertel")
    field(page, "Breitengrad").fill("52.52")
    field(page, "Längengrad").fill("13.40")
    field(page, "Adresse").fill("Inrather Str. 1, Krefeld")
    page.get_by_role("button", name="Speichern").click()
    expect_error_at(page, session, "Breitengrad", "Dieser Ort liegt nicht in Krefeld.")

    field(page, "Breitengrad").fill("51.3180")
    field(page, "Längengrad").fill("6.5680")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Stadtteilbüro Inrath", exact=True)).to_be_visible()
    base = Base.objects.get(name="Stadtteilbüro Inrath")
    page.get_by_role("row", name=re.compile("^Stadtteilbüro Inrath")).get_by_role("link").click()
    field(page, "Name").fill("Stadtteilbüro Inrath-Nord")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("cell", name="Stadtteilbüro Inrath-Nord", exact=True)).to_be_visible()
    session.check(page)
    assert (
        AuditEntry.objects.filter(object_id=str(base.pk), action__startswith="base.").count() == 2
    )


@pytest.fixture
def categories(transactional_db, quarters):
    load_default_categories()
    return {c.code: c for c in ReportCategory.objects.all()}


@pytest.mark.parametrize("kind", SIZES)
def test_categories_two_levels_icon_extra_fields_and_open311_visibility(
    browsing, admin_user, categories, kind
):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/kategorien/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kategorien")
    session.check(page)
    page.get_by_role("link", name="Neue Kategorie").click()
    field(page, "Oberkategorie").select_option(label=str(categories["abfall"]))
    field(page, "Name").fill("Sperrmüll am Container")
    page.get_by_label("Name (Englisch)").fill("Bulky waste at a container")
    field(page, "Code (Open311 service_code)").fill("abfall-sperrmuell-container")
    field(page, "Symbol").select_option(index=1)
    page.get_by_label("Zusatzfelder beim Melden").fill("container_number Nummer am Container")
    page.get_by_label("Öffentlich (in Open311 und auf den Karten sichtbar)").uncheck()
    page.get_by_role("button", name="Speichern").click()
    expect_error_at(page, session, "Zusatzfelder beim Melden", "Zeile 1")

    page.get_by_label("Zusatzfelder beim Melden").fill(
        "container_number | Nummer am Container | Pflicht"
    )
    tab_to_name(page, "Speichern")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Sperrmüll am Container“ gespeichert"))).to_be_visible()
    expect(page.get_by_role("link", name="Sperrmüll am Container")).to_be_visible()
    session.check(page)
    category = ReportCategory.objects.get(code="abfall-sperrmuell-container")
    assert category.parent == categories["abfall"]
    assert category.icon
    assert category.attributes[0]["code"] == "container_number"
    assert category.attributes[0]["required"] is True
    assert not category.is_public
    services = page.request.get("/open311/v2/services.json").json()
    codes = {s["service_code"] for s in services}
    assert "abfall-sperrmuell-container" not in codes
    assert categories["abfall-wilder-muell"].code in codes


def partner_row(page):
    return page.get_by_role("row", name=re.compile("^Tiefbauamt Test"))


@pytest.mark.parametrize("kind", SIZES)
def test_partners_and_their_rules_in_the_platform(browsing, admin_user, categories, kind):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/")
    page.get_by_role("link", name=re.compile("^Partner und Zuständigkeiten")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zuständigkeiten")
    session.check(page)
    page.get_by_role("link", name="Neuer Partner").click()
    field(page, "Name").fill("Tiefbauamt Test")
    page.get_by_label("Name (Englisch)").fill("Civil engineering office (test)")
    field(page, "Weg").select_option("open311")
    page.get_by_label("E-Mail-Adressen").fill("tiefbau@example.org, kein-mail")
    page.get_by_role("button", name="Speichern").click()
    expect_error_at(page, session, "E-Mail-Adressen", "gültige E-Mail-Adresse")
    expect(page.locator("#id_open311_endpoint_error")).to_contain_text("Adresse nötig")

    page.get_by_label("E-Mail-Adressen").fill("tiefbau@example.org, leitstelle@example.org")
    page.get_by_label("Open311-Adresse").fill("https://partner.example.org/open311/v2/")
    page.get_by_label("Frist (Arbeitstage)").fill("3")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("„Tiefbauamt Test“ wurde gespeichert.")).to_be_visible()
    partner = Authority.objects.get(name="Tiefbauamt Test")
    assert partner.channel == "open311"
    assert partner.email_list == ["tiefbau@example.org", "leitstelle@example.org"]
    assert partner.sla_working_days == 3

    partner_row(page).get_by_role("link", name=re.compile("^Bearbeiten")).click()
    expect(page.get_by_text("Noch keine Regel nennt diesen Partner.")).to_be_visible()
    page.get_by_role("link", name="Neue Regel für diesen Partner").click()
    expect(field(page, "Zuständig")).to_have_value(str(partner.pk))
    field(page, "Kategorie").select_option(label=str(categories["abfall-wilder-muell"]))
    field(page, "Quartier").select_option(label="Hardenbergviertel")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Regel wurde gespeichert.")).to_be_visible()
    rule = RoutingRule.objects.get(authority=partner)
    assert rule.quarter.slug == "hardenbergviertel"

    # Switched off: no new forwardings, the history stays; audited as such.
    partner_row(page).get_by_role("link", name=re.compile("^Bearbeiten")).click()
    expect(
        page.get_by_role("link", name=re.compile("Wilder Müll · Hardenbergviertel"))
    ).to_be_visible()
    field(page, "Aktiv").uncheck()
    page.get_by_role("button", name="Speichern").click()
    expect(partner_row(page)).to_contain_text("inaktiv")
    session.check(page)
    actions = AuditEntry.objects.filter(object_type="routing.authority", object_id=str(partner.pk))
    assert list(actions.order_by("pk").values_list("action", flat=True)) == [
        "routing.authority.create",
        "routing.authority.deactivate",
    ]
    assert AuditEntry.objects.filter(action="routing.rule.create", object_id=str(rule.pk)).exists()


@pytest.mark.parametrize("kind", SIZES)
def test_api_keys_issue_once_show_last_use_and_revoke_after_asking(
    browsing, admin_user, helper, categories, kind
):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/zugaenge/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Zugänge für Partnersysteme (Open311)"
    )
    session.check(page)
    page.get_by_role("button", name="Schlüssel erzeugen").click()
    expect_error_at(page, session, "Name des Partnersystems", "Dieses Feld ist zwingend")

    page.get_by_label("Name des Partnersystems").fill("Mängelmelder Test")
    tab_to_name(page, "Schlüssel erzeugen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Neuer Schlüssel – nur jetzt sichtbar")).to_be_visible()
    key = page.locator("code.api-key").inner_text()
    client = ApiClient.objects.get(name="Mängelmelder Test")
    assert client.key_prefix and key.startswith(client.key_prefix)
    row = page.get_by_role("row", name=re.compile("Mängelmelder Test"))
    expect(row).to_contain_text("noch keine Meldung")
    session.check(page)

    report = make_report(helper, categories["abfall-wilder-muell"])
    Report.objects.filter(pk=report.pk).update(api_client_ref=client.pk)
    page.reload()
    expect(row).not_to_contain_text("noch keine Meldung")

    row.get_by_role("button", name=re.compile("Sperren")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zugang „Mängelmelder Test“ sperren?")
    session.check(page)
    page.get_by_role("button", name="Ja, sperren").click()
    expect(page.get_by_text("Zugang „Mängelmelder Test“ gesperrt.")).to_be_visible()
    expect(row).to_contain_text("gesperrt am")
    client.refresh_from_db()
    assert not client.is_active


@pytest.mark.parametrize("kind", SIZES)
def test_users_invite_role_quarters_deactivate_and_reset_mfa(
    browsing, admin_user, coordinator, quarters, kind
):
    session, page = admin_page(browsing, admin_user, kind, "/verwaltung/benutzer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Benutzer")
    session.check(page)
    page.get_by_role("link", name="Person einladen").click()
    page.get_by_label("Anmeldename").fill("karla.koord")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill("keine-adresse")
    page.get_by_role("button", name="Einladung verschicken").click()
    expect_error_at(page, session, "Dienstliche E-Mail-Adresse", "gültige E-Mail-Adresse")

    page.goto(f"/verwaltung/benutzer/{coordinator.pk}/")
    expect(page.get_by_role("button", name="Zwei-Faktor-Anmeldung zurücksetzen")).to_be_visible()
    session.check(page)
    tab_to_name(page, "Zwei-Faktor-Anmeldung zurücksetzen")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Zwei-Faktor-Anmeldung von {coordinator.username} zurücksetzen?"
    )
    session.check(page)
    page.get_by_role("button", name="Ja, zurücksetzen").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()
    expect(page.get_by_role("button", name="Zwei-Faktor-Anmeldung zurücksetzen")).to_have_count(0)
    session.check(page)
    assert AuditEntry.objects.filter(
        object_id=str(coordinator.pk), action__startswith="user.mfa"
    ).exists()
