"""Open Referral HSDS 3.0: the export against the official schema, the official examples in.

The schema and examples in hsds/ are unchanged copies from the Open Referral specification
(CC BY-SA 4.0, see hsds/README.md).
"""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from quartier.directory.actions import import_entries
from quartier.directory.csv_format import DirectoryImportError
from quartier.directory.hsds import HSDS_VERSION, export_hsds
from quartier.directory.hsds_import import MAX_DEPTH, parse_hsds, parse_hsds_document
from quartier.directory.models import DirectoryEntry

HERE = Path(__file__).parent / "hsds"


@pytest.fixture(scope="module")
def service_schema():
    schema = json.loads((HERE / "service.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def example(name: str) -> bytes:
    return (HERE / name).read_bytes()


def exported() -> dict:
    entries = DirectoryEntry.objects.select_related("quarter").prefetch_related("topics")
    return json.loads(export_hsds(entries))


def test_every_exported_service_validates_against_the_official_schema(wegweiser, service_schema):
    page = exported()
    assert page["version"] == HSDS_VERSION == "3.0"
    assert len(page["contents"]) == len(wegweiser) > 10
    errors = [
        f"{service['name']}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for service in page["contents"]
        for error in service_schema.iter_errors(service)
    ]
    assert errors == []


def test_the_needs_taxonomy_is_an_hsds_taxonomy_with_descriptions(wegweiser):
    terms = [a["taxonomy_term"] for s in exported()["contents"] for a in s["attributes"]]
    assert terms
    for term in terms:
        assert term["description"] and term["taxonomy"] == "quartier-needs"
        assert term["taxonomy_detail"]["name"] == "Bedarfe im Quartiershelfer-Programm Krefeld"
    assert any("parent_id" in term for term in terms)


def test_empty_optional_fields_are_left_out_and_notes_never_leave(wegweiser):
    entry = next(iter(wegweiser.values()))
    entry.email, entry.website, entry.notes = "", "", "Intern: Frau K. nicht anrufen"
    entry.save()
    body = json.dumps(exported(), ensure_ascii=False)
    service = next(s for s in exported()["contents"] if s["id"] == str(entry.external_id))
    assert "email" not in service and "url" not in service
    assert "Frau K." not in body


def test_the_official_service_example_imports_with_a_report(db, coordinator):
    parsed = parse_hsds_document(example("service_full.json"))
    assert parsed.kind == "ein Dienst"
    [data] = parsed.entries
    assert data.name == "Community Counselling"
    assert data.values["email"] == "email@example.com"
    assert data.values["provider"] == "Example Organization Inc."
    [line] = parsed.report
    assert "übernommen: id, name, description, url, email, status" in line
    assert "im Wegweiser nicht vorgesehen:" in line and "contacts" in line
    assert "Sprache „ur“" in line and "Thema „code“" in line
    import_entries(actor=coordinator, entries=parsed.entries, source="hsds")
    entry = DirectoryEntry.objects.get()
    assert entry.name == "Community Counselling"
    assert entry.language_codes == ["de"]  # Urdu is not a Wegweiser language: left out


def test_an_organization_is_recognised_and_its_services_are_imported(db, coordinator):
    parsed = parse_hsds_document(example("organization_full.json"))
    assert parsed.kind == "Organisation mit Diensten"
    import_entries(actor=coordinator, entries=parsed.entries, source="hsds")
    entry = DirectoryEntry.objects.get()
    assert entry.name == "Community Counselling"  # the service, not the organization
    assert entry.provider == "Example Organization Inc."
    assert not DirectoryEntry.objects.filter(name="Example Organization Inc.").exists()


def test_an_organization_without_services_imports_nothing(db):
    organization = json.loads(example("organization_full.json"))
    del organization["services"]
    with pytest.raises(DirectoryImportError, match="Organisation ohne Dienste"):
        parse_hsds(json.dumps(organization).encode())


def test_the_official_service_list_example_imports(db):
    parsed = parse_hsds_document(example("service_list.json"))
    assert parsed.kind == "Liste von Diensten (HSDS-Seite)"
    assert [d.name for d in parsed.entries] == ["Community Counselling"]


def test_a_reimport_of_the_own_export_keeps_internal_notes(wegweiser, coordinator):
    entry = next(iter(wegweiser.values()))
    entry.notes = "Intern: Ansprechpartnerin wechselt im Mai"
    entry.save()
    topics = set(entry.topics.values_list("code", flat=True))
    raw = json.dumps(exported()).encode()
    result = import_entries(actor=coordinator, entries=parse_hsds(raw), source="hsds")
    assert result.updated == len(wegweiser) and result.created == 0
    entry.refresh_from_db()
    assert entry.notes == "Intern: Ansprechpartnerin wechselt im Mai"
    assert set(entry.topics.values_list("code", flat=True)) == topics


def test_a_service_without_attributes_keeps_its_topics_and_other_fields(wegweiser, coordinator):
    entry = next(e for e in wegweiser.values() if e.topics.exists() and e.phone)
    topics = set(entry.topics.values_list("code", flat=True))
    service = {"id": str(entry.external_id), "name": "Neuer Name", "status": "active"}
    import_entries(
        actor=coordinator, entries=parse_hsds(json.dumps(service).encode()), source="hsds"
    )
    entry.refresh_from_db()
    assert entry.name == "Neuer Name"
    assert set(entry.topics.values_list("code", flat=True)) == topics
    assert entry.phone  # not in the file: kept


def test_deeply_nested_or_huge_documents_are_refused_clearly(client_for, coordinator, quarters):
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    very_deep = '{"contents": ' + "[" * 100_000 + "]" * 100_000 + "}"
    for document in (deep, very_deep):
        upload = SimpleUploadedFile("tief.json", document.encode(), content_type="application/json")
        response = client_for(coordinator).post(
            reverse("directory:import"), {"file_format": "hsds", "file": upload}
        )
        assert response.status_code == 200
        assert any("verschachtelt" in e for e in response.context["import_errors"])
    assert DirectoryEntry.objects.count() == 0


def test_the_upload_page_shows_what_was_recognised_and_mapped(client_for, coordinator, quarters):
    upload = SimpleUploadedFile("service_full.json", example("service_full.json"))
    response = client_for(coordinator).post(
        reverse("directory:import"), {"file_format": "hsds", "file": upload}, follow=True
    )
    page = response.content.decode()
    assert "Import abgeschlossen: 1 neu, 0 aktualisiert." in page
    assert "Erkannt: ein Dienst." in page
    assert "Sprache „ur“" in page
