"""CSV and Open Referral HSDS: round trips, and bad files that import nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.core.models import AuditEntry
from quartier.directory.actions import import_entries
from quartier.directory.csv_format import DirectoryImportError, export_csv, parse_csv
from quartier.directory.hsds import export_hsds
from quartier.directory.hsds_import import parse_hsds
from quartier.directory.models import DirectoryEntry

HEADER = "name;provider;topics;quarter;phone;email;languages;name_tr\r\n"


def all_entries():
    return DirectoryEntry.objects.select_related("quarter").prefetch_related("topics")


def test_csv_import_creates_entries_with_topics_quarter_languages_and_translation(
    coordinator, quarters
):
    raw = (
        HEADER + "Seniorentreff Süd;Diakonie;social-meeting care-meals;schinkenplatz;02151 1;"
        "treff@example.org;de, tr;Yaşlılar buluşması\r\n"
        + "Pflegeberatung;Stadt Krefeld;care-advice;stadtweit;;;de;\r\n"
    ).encode()
    result = import_entries(actor=coordinator, entries=parse_csv(raw), source="csv")
    assert (result.created, result.updated) == (2, 0)
    treff = DirectoryEntry.objects.get(name="Seniorentreff Süd")
    assert treff.quarter == quarters["schinkenplatz"]
    assert treff.language_codes == ["de", "tr"]
    assert treff.translations == {"tr": {"name": "Yaşlılar buluşması"}}
    assert {t.code for t in treff.topics.all()} == {"social-meeting", "care-meals"}
    assert DirectoryEntry.objects.get(name="Pflegeberatung").is_citywide


def test_csv_export_and_reimport_updates_in_place(coordinator, wegweiser):
    before = DirectoryEntry.objects.count()
    raw = export_csv(all_entries()).encode("utf-8")
    result = import_entries(actor=coordinator, entries=parse_csv(raw), source="csv")
    assert (result.created, result.updated) == (0, before)
    assert DirectoryEntry.objects.count() == before
    entry = DirectoryEntry.objects.get(name="Pflegeberatung")
    assert entry.translations["ar"]["name"] == "استشارات الرعاية"
    assert {t.code for t in entry.topics.all()} == {"care-advice", "care-grade"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (HEADER + "Gut;;;;;;de;\r\n;Ohne Namen;;;;;de;\r\n", "Zeile 3: Name"),
        (HEADER + "Gut;;;;;;de;\r\nTreff;;;;;keine-mail;de;\r\n", "Zeile 3: E-Mail"),
        (HEADER + "Gut;;;;;;de;\r\nTreff;;gibtsnicht;;;;de;\r\n", "Zeile 3: Themen"),
        (HEADER + "Gut;;;;;;de;\r\nTreff;;;Mars;;;de;\r\n", "Zeile 3: Quartier"),
        (HEADER + "Gut;;;;;;de;\r\nTreff;;;;;;xx;\r\n", "Zeile 3: Sprachen"),
        (HEADER + "Gut;;;;;;de;\r\nTreff;;;;;;de;;zu;viele\r\n", "Zeile 3: mehr Werte"),
        (HEADER + 'Gut;;;;;;de;\r\n"offen;;;;;;de;\r\n', "Zeile 3: Die CSV-Datei ist fehlerhaft"),
        ("titel;ort\r\nA;B\r\n", "Zeile 1"),
        (HEADER, "keine Einträge"),
    ],
)
def test_malformed_csv_names_the_line_and_imports_nothing(
    client_for, coordinator, quarters, raw, message
):
    upload = SimpleUploadedFile("wegweiser.csv", raw.encode(), content_type="text/csv")
    response = client_for(coordinator).post(
        reverse("directory:import"), {"file_format": "csv", "file": upload}
    )
    assert response.status_code == 200
    errors = response.context["import_errors"]
    assert any(message in error for error in errors), errors
    assert DirectoryEntry.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="directory.import").exists()


def test_csv_in_a_legacy_encoding_is_refused_with_its_line(quarters):
    raw = (HEADER + "Gut;;;;;;de;\r\n").encode() + "Straße;;;;;;de;\r\n".encode("latin-1")
    with pytest.raises(DirectoryImportError) as error:
        parse_csv(raw)
    assert "Zeile 3" in error.value.errors[0]
    assert "UTF-8" in error.value.errors[0]


def test_hsds_export_is_a_page_of_services_and_reimports_in_place(coordinator, wegweiser):
    document = json.loads(export_hsds(all_entries()))
    assert document["total_items"] == len(wegweiser)
    service = next(s for s in document["contents"] if s["name"] == "Quartiersbüro Schinkenplatz")
    assert service["organization"]["name"] == "Quartiersmanagement Schinkenplatz"
    assert service["phones"][0]["number"] == "02151 990 107"
    assert [lang["code"] for lang in service["languages"]] == ["de", "tr", "ar"]
    assert service["service_areas"][0]["name"] == "Schinkenplatz"
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    assert address["postal_code"] == "47799"
    assert address["city"] == "Krefeld"
    assert {a["taxonomy_term"]["code"] for a in service["attributes"]} >= {"everyday-post"}
    assert "notes" not in service  # internal notes stay internal
    raw = json.dumps(document).encode()
    result = import_entries(actor=coordinator, entries=parse_hsds(raw), source="hsds")
    assert (result.created, result.updated) == (0, len(wegweiser))


def test_hsds_import_of_a_single_new_service(coordinator, quarters):
    service = {
        "id": "0b5c3a1e-8d9c-4e5f-9a6b-7c8d9e0f1a2b",
        "name": "Repair-Café Süd",
        "status": "active",
        "organization": {"name": "Nachbarschaftsverein"},
        "service_areas": [{"name": "Hardenbergviertel"}],
        "languages": [{"code": "de"}, {"code": "pl"}],
        "attributes": [{"taxonomy_term": {"code": "everyday-repairs"}}],
    }
    entries = parse_hsds(json.dumps(service).encode())
    import_entries(actor=coordinator, entries=entries, source="hsds")
    entry = DirectoryEntry.objects.get(name="Repair-Café Süd")
    assert str(entry.external_id) == service["id"]
    assert entry.quarter == quarters["hardenbergviertel"]
    assert entry.provider == "Nachbarschaftsverein"
    assert entry.language_codes == ["de", "pl"]


VALID = {"id": "0b5c3a1e-8d9c-4e5f-9a6b-7c8d9e0f1a2b", "name": "Gut", "status": "active"}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('{"contents": [', "kein gültiges JSON (Zeile 1"),
        ("42", "Keine HSDS-Dienste"),
        (json.dumps({"contents": [VALID, {"name": "ohne id"}]}), "Dienst 2"),
        (json.dumps([VALID, {"id": "kaputt", "name": "X"}]), "keine gültige Kennung"),
        (json.dumps([VALID, {"id": VALID["id"], "name": "Doppelt"}]), "mehrfach"),
        (
            json.dumps(
                [VALID, {**VALID, "id": "1b5c3a1e-8d9c-4e5f-9a6b-7c8d9e0f1a2b", "phones": "0800"}]
            ),
            "„phones“ muss eine Liste",
        ),
        (
            json.dumps(
                [VALID, {**VALID, "id": "2b5c3a1e-8d9c-4e5f-9a6b-7c8d9e0f1a2b", "email": "kaputt"}]
            ),
            "E-Mail",
        ),
        (json.dumps([VALID, "text"]), "Dienst 2: kein Objekt"),
        (json.dumps({"contents": []}), "keine Dienste"),
        ('{"contents": ' + "[" * 100_000 + "]" * 100_000 + "}", "zu tief verschachtelt"),
    ],
)
def test_malformed_hsds_gives_a_clear_error_and_imports_nothing(
    client_for, coordinator, quarters, document, message
):
    upload = SimpleUploadedFile("hsds.json", document.encode(), content_type="application/json")
    response = client_for(coordinator).post(
        reverse("directory:import"), {"file_format": "hsds", "file": upload}
    )
    assert response.status_code == 200
    errors = response.context["import_errors"]
    assert any(message in error for error in errors), errors
    assert DirectoryEntry.objects.count() == 0


def test_upload_page_imports_and_reports_counts(client_for, coordinator, quarters):
    upload = SimpleUploadedFile("w.csv", (HEADER + "Treff;;;;;;de;\r\n").encode())
    response = client_for(coordinator).post(
        reverse("directory:import"), {"file_format": "csv", "file": upload}, follow=True
    )
    assert "Import abgeschlossen: 1 neu, 0 aktualisiert." in response.content.decode()
    assert AuditEntry.objects.filter(action="directory.import_csv", actor=coordinator).exists()


@pytest.mark.parametrize(
    ("file_format", "mime"), [("csv", "text/csv"), ("hsds", "application/json")]
)
def test_export_downloads_are_for_editors_only(
    client_for, coordinator, helper, wegweiser, file_format, mime
):
    url = reverse("directory:export", args=[file_format])
    response = client_for(coordinator).get(url)
    assert response["Content-Type"].startswith(mime)
    assert "attachment" in response["Content-Disposition"]
    assert "Pflegeberatung" in response.content.decode("utf-8")
    assert AuditEntry.objects.filter(action=f"directory.export_{file_format}").exists()
    assert client_for(helper).get(url).status_code == 403
