import json

from quartier.core.models import AuditEntry
from quartier.core.tests.tagged_pdf import assert_accessible_pdf
from quartier.residents import actions
from quartier.residents.access import suppress_small
from quartier.residents.models import Contact, DeletionLogEntry, Resident
from quartier.taxonomy.models import Topic


def search(client, name="Frau Becker", second="02151 123456", basis="art15"):
    """The privacy officer's search for a request; it grants the matched records."""
    return client.post(
        "/bewohner/datenschutz/",
        {"name": name, "second": second, "basis": basis, "reference": "DS-2026-7"},
    )


def opened_for(client_for, privacy_officer, basis="art15"):
    client = client_for(privacy_officer)
    search(client, basis=basis)
    return client


def test_privacy_officer_finds_a_person_by_partial_or_misspelt_name(
    client_for, privacy_officer, resident
):
    """A partial or misspelt name finds the record (number, quarter, date), but opens nothing."""
    client = client_for(privacy_officer)
    link = f"/bewohner/datenschutz/personen/{resident.pk}/"
    for name in ("Becker", "Frau Beker", "becke"):
        page = search(client, name=name).content.decode()
        assert f"Person {resident.pk} (" in page, name
        assert link not in page, name
        assert "Frau Becker" not in page  # the list shows number, quarter and date only
    assert "/datenschutz/personen/" not in search(client, name="Schmidt").content.decode()
    assert AuditEntry.objects.filter(action="resident.search.access_request.art15").count() == 4
    assert not AuditEntry.objects.filter(action="resident.privacy_match.art15").exists()


def test_a_similar_name_leads_to_no_procedure(client_for, privacy_officer, resident):
    """Only the exact name plus the second attribute grants the export and the erasure."""
    client = client_for(privacy_officer)
    search(client, name="Frau Beker")
    for path in ["", "auskunft.json", "auskunft.pdf"]:
        response = client.get(f"/bewohner/datenschutz/personen/{resident.pk}/{path}")
        assert response.status_code == 403, path
    search(client, name="Frau Beker", basis="art17")
    response = client.post(
        f"/bewohner/datenschutz/personen/{resident.pk}/loeschen/", {"confirm": "1"}
    )
    assert response.status_code == 403
    assert Resident.objects.filter(pk=resident.pk).exists()


def test_the_exact_name_ignores_only_case_and_spacing(client_for, privacy_officer, resident):
    client = client_for(privacy_officer)
    link = f"/bewohner/datenschutz/personen/{resident.pk}/"
    assert link in search(client, name="  frau   BECKER ").content.decode()
    assert client.get(f"{link}auskunft.json").status_code == 200
    for near in ("Frau Beckers", "Frau-Becker", "Becker"):
        other = client_for(privacy_officer)
        assert link not in search(other, name=near).content.decode(), near
        assert other.get(f"{link}auskunft.json").status_code == 403, near


def test_legal_reason_and_reference_are_in_every_audit_entry(client_for, privacy_officer, resident):
    from quartier.core.logdisplay import describe

    client = opened_for(client_for, privacy_officer)
    client.get(f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.json")
    for action in [
        "resident.search.access_request.art15",
        "resident.privacy_match.art15",
        "resident.export_json.art15",
    ]:
        entry = AuditEntry.objects.get(action=action)
        assert entry.detail == "Rechtsgrund Auskunft (Art. 15 DSGVO), Aktenzeichen DS-2026-7"
        assert "Aktenzeichen DS-2026-7" in str(describe(entry))
        assert "Becker" not in entry.detail
    sentence = str(describe(AuditEntry.objects.get(action="resident.export_json.art15")))
    assert "exportierte die Auskunft zu Person" in sentence
    log = client_for(privacy_officer).get("/datenschutz/protokoll/?objekt=residents.resident")
    assert "Aktenzeichen DS-2026-7" in log.content.decode()


def test_the_second_attribute_must_match_exactly(client_for, privacy_officer, resident):
    client = client_for(privacy_officer)
    link = f"/bewohner/datenschutz/personen/{resident.pk}/"
    assert link not in search(client, second="02151").content.decode()
    assert link not in search(client, second="").content.decode()
    assert not AuditEntry.objects.filter(action="resident.privacy_match.art15").exists()
    assert link in search(client).content.decode()
    assert AuditEntry.objects.filter(
        action="resident.privacy_match.art15", object_id=str(resident.pk)
    ).exists()


def test_guessed_ids_open_nothing_without_a_search(client_for, privacy_officer, resident):
    client = client_for(privacy_officer)
    for path in ["", "auskunft.json", "auskunft.pdf"]:
        response = client.get(f"/bewohner/datenschutz/personen/{resident.pk}/{path}")
        assert response.status_code == 403
        assert "Frau Becker" not in response.content.decode()
    response = client.post(
        f"/bewohner/datenschutz/personen/{resident.pk}/loeschen/", {"confirm": "1"}
    )
    assert response.status_code == 403
    assert Resident.objects.filter(pk=resident.pk).exists()
    assert AuditEntry.objects.filter(action="resident.export_json.denied").exists()


def test_an_art_15_search_does_not_allow_erasure(client_for, privacy_officer, resident):
    client = opened_for(client_for, privacy_officer, basis="art15")
    response = client.post(
        f"/bewohner/datenschutz/personen/{resident.pk}/loeschen/", {"confirm": "1"}
    )
    assert response.status_code == 403
    assert Resident.objects.filter(pk=resident.pk).exists()


def test_name_search_spellings():
    from quartier.residents.name_search import score

    assert score("Mueller", "Herr Müller") == 1.0
    assert score("Wisnewski", "Frau Halina Wiśniewski") >= 0.75
    assert score("Meier", "Frau Becker") < 0.75


def test_art_15_export_contains_everything_and_is_audited(
    client_for, helper, privacy_officer, resident, help_request
):
    actions.complete_help_request(actor=helper, help_request=help_request, note="Brot fehlte")
    response = opened_for(client_for, privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.json"
    )
    data = json.loads(response.content)
    assert data["person"]["name"] == "Frau Becker"
    assert data["auskunft"]["erstellt_von"] == "datenschutz"
    assert data["auskunft"]["aktenzeichen"] == "DS-2026-7"
    assert data["auskunft"]["rechtsgrund"] == "art15"
    assert data["einwilligungen"][0]["zeuge"] == "Kollegin Aylin"
    assert data["hilfeanfragen"][0]["erledigt"][0]["notiz"] == "Brot fehlte"
    assert AuditEntry.objects.filter(
        action="resident.export_json.art15", actor=privacy_officer
    ).exists()


def test_art_15_export_as_pdf_is_watermarked_on_every_page(
    client_for, privacy_officer, resident, tmp_path
):
    from quartier.directory.tests.pdf import pdf_text

    response = opened_for(client_for, privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = assert_accessible_pdf(response.content, lang="de", title="Auskunft nach Art. 15 DSGVO")
    assert "Table" in pdf.roles()
    text = pdf_text(response.content, tmp_path)
    assert "erstellt von datenschutz" in text and "Aktenzeichen DS-2026-7" in text
    assert "Auskunft (Art. 15 DSGVO)" in text


def test_art_15_pdf_reads_as_german_not_as_machine_keys(
    client_for, privacy_officer, resident, tmp_path
):
    """The PDF showed keys such as `letzter_kontakt` and values such as `True`."""
    from quartier.directory.tests.pdf import pdf_text

    response = opened_for(client_for, privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.pdf"
    )
    text = pdf_text(response.content, tmp_path)
    assert "Letzter Kontakt" in text and "Erreichbar über" in text
    assert "Umfasst Hilfe und Notizen" in text
    for machine in ("letzter_kontakt", "erreichbar", "True", "False", "None"):
        assert machine not in text


def test_erasure_on_request_deletes_and_logs_without_content(client_for, privacy_officer, resident):
    client = opened_for(client_for, privacy_officer, basis="art17")
    client.post(f"/bewohner/datenschutz/personen/{resident.pk}/loeschen/")
    assert Resident.objects.exists()  # not confirmed
    client.post(f"/bewohner/datenschutz/personen/{resident.pk}/loeschen/", {"confirm": "1"})
    assert not Resident.objects.exists()
    log = DeletionLogEntry.objects.get()
    assert (log.record_type, log.reason, log.actor_label) == (
        "resident",
        "erasure_request",
        "datenschutz",
    )
    assert "Becker" not in str(log.__dict__)


def test_restriction_and_disputed_flags(client_for, privacy_officer, helper, resident):
    opened_for(client_for, privacy_officer, basis="art18").post(
        f"/bewohner/datenschutz/personen/{resident.pk}/",
        {"is_restricted": "on", "is_disputed": "on"},
    )
    resident.refresh_from_db()
    assert resident.is_restricted and resident.is_disputed
    assert client_for(helper).get(f"/bewohner/personen/{resident.pk}/").status_code == 403


def test_flags_cannot_be_set_by_a_helper(helper, resident):
    import pytest

    with pytest.raises(actions.ResidentDataError):
        actions.set_resident_flags(
            actor=helper, resident=resident, is_restricted=False, is_disputed=True
        )


def test_suppress_small_hides_counts_below_five():
    assert suppress_small({"a": 0, "b": 1, "c": 4, "d": 5, "e": 12}) == {
        "a": 0,
        "b": None,
        "c": None,
        "d": 5,
        "e": 12,
    }


def test_coordinators_tally_suppresses_small_cells(client_for, helper, coordinator, quarter):
    shopping = Topic.objects.get(code="everyday-shopping")
    loneliness = Topic.objects.get(code="social")
    for index in range(7):
        topics = [shopping] if index < 5 else [loneliness]
        actions.log_contact(
            actor=helper, quarter=quarter, place="street", age_band="80_plus", topics=topics
        )
    response = client_for(coordinator).get("/bewohner/statistik/", {"quartier": quarter.slug})
    rows = {row["topic"].code: row["cells"] for row in response.context["table"]["rows"]}
    assert rows["everyday"] == [0, 0, 5]
    assert rows["social"] == [0, 0, None]
    assert "&lt; 5" in response.content.decode()
    assert Contact.objects.count() == 7


def test_the_pdf_export_contains_the_photographed_consent_sheet(
    client_for, helper, privacy_officer, resident
):
    from quartier.residents.tests.conftest import written_consent

    actions.record_consent(actor=helper, resident=resident, **written_consent())
    response = opened_for(client_for, privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.pdf"
    )
    assert b"/Image" in response.content  # absent without a photographed sheet
