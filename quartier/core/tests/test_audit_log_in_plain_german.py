"""The privacy officer reads the audit log as German sentences, filters it and exports it."""

import csv
import io

from quartier.core.audit import audit
from quartier.core.models import AuditEntry


def test_entries_read_as_german_sentences(client_for, privacy_officer, coordinator):
    """Raw codes such as `resident.view` and `residents.resident #12` were all one saw."""
    audit(coordinator, "resident.view", object_type="residents.resident", object_id=12)
    audit(coordinator, "resident.view.denied", object_type="residents.resident", object_id=13)
    page = client_for(privacy_officer).get("/datenschutz/protokoll/").content.decode()
    assert "Koordination (koordination)</strong> öffnete Person #12 (Einsicht)" in page
    assert "öffnete Person #13 (Einsicht) – abgelehnt, kein Zugriff" in page


def test_filters_by_person_action_object_and_period(
    client_for, privacy_officer, coordinator, helper
):
    audit(coordinator, "resident.view", object_type="residents.resident", object_id=12)
    audit(helper, "report.submit", object_type="reports.report", object_id=7)
    client = client_for(privacy_officer)
    page = client.get("/datenschutz/protokoll/", {"konto": helper.pk}).content.decode()
    assert "schickte Meldung #7" in page and "Person #12" not in page
    page = client.get(
        "/datenschutz/protokoll/", {"objekt": "residents.resident", "nummer": "12"}
    ).content.decode()
    assert "Person #12" in page and "Meldung #7" not in page
    page = client.get("/datenschutz/protokoll/", {"aktion": "report.submit"}).content.decode()
    assert "Meldung #7" in page and "Person #12" not in page
    page = client.get("/datenschutz/protokoll/", {"von": "2000-01-01", "bis": "2000-01-02"})
    assert "Keine Einträge." in page.content.decode()
    bad = client.get("/datenschutz/protokoll/", {"von": "2026-02-02", "bis": "2026-01-01"})
    assert bad.status_code == 200
    assert "Das Ende liegt vor dem Anfang." in bad.content.decode()


def test_csv_export_is_readable_and_logged(client_for, privacy_officer, coordinator):
    audit(coordinator, "resident.view", object_type="residents.resident", object_id=12)
    response = client_for(privacy_officer).get(
        "/datenschutz/protokoll/", {"objekt": "residents.resident", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Zeitpunkt", "Wer", "Was", "Aktion (Code)", "Objekt"]
    assert rows[1][1:4] == [
        "Koordination (koordination)",
        "öffnete Person #12 (Einsicht)",
        "resident.view",
    ]
    assert AuditEntry.objects.filter(action="audit_log.export", actor=privacy_officer).exists()


def test_unknown_actions_still_show_their_code(client_for, privacy_officer, helper):
    audit(helper, "something.new", object_type="x.y", object_id=1)
    page = client_for(privacy_officer).get("/datenschutz/protokoll/").content.decode()
    assert "something.new (x.y #1)" in page
