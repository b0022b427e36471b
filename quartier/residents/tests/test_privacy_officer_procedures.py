import json

from quartier.core.models import AuditEntry
from quartier.residents import actions
from quartier.residents.access import suppress_small
from quartier.residents.models import Contact, DeletionLogEntry, Resident
from quartier.taxonomy.models import Topic


def test_privacy_officer_finds_a_person_by_partial_or_misspelt_name(
    client_for, privacy_officer, resident
):
    """The exact full name used to be needed; "Becker" or "Frau Beker" found nothing."""
    client = client_for(privacy_officer)
    link = f"/bewohner/datenschutz/personen/{resident.pk}/"
    for name in ("frau becker", "Becker", "Frau Beker", "becke"):
        page = client.post("/bewohner/datenschutz/", {"name": name}).content.decode()
        assert link in page, name
        assert "Frau Becker" not in page  # the list shows number, quarter and date only
    page = client.post("/bewohner/datenschutz/", {"name": "Schmidt"}).content.decode()
    assert "/datenschutz/personen/" not in page
    assert AuditEntry.objects.filter(action="resident.search.access_request").count() == 5


def test_name_search_spellings():
    from quartier.residents.name_search import score

    assert score("Mueller", "Herr Müller") == 1.0
    assert score("Wisnewski", "Frau Halina Wiśniewski") >= 0.75
    assert score("Meier", "Frau Becker") < 0.75


def test_art_15_export_contains_everything_and_is_audited(
    client_for, helper, privacy_officer, resident, help_request
):
    actions.complete_help_request(actor=helper, help_request=help_request, note="Brot fehlte")
    response = client_for(privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.json"
    )
    data = json.loads(response.content)
    assert data["person"]["name"] == "Frau Becker"
    assert data["einwilligungen"][0]["zeuge"] == "Kollegin Aylin"
    assert data["hilfeanfragen"][0]["erledigt"][0]["notiz"] == "Brot fehlte"
    assert AuditEntry.objects.filter(action="resident.export_json", actor=privacy_officer).exists()


def test_art_15_export_as_pdf(client_for, privacy_officer, resident):
    response = client_for(privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_erasure_on_request_deletes_and_logs_without_content(client_for, privacy_officer, resident):
    client = client_for(privacy_officer)
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
    client_for(privacy_officer).post(
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
    response = client_for(privacy_officer).get(
        f"/bewohner/datenschutz/personen/{resident.pk}/auskunft.pdf"
    )
    assert b"/Image" in response.content  # absent without a photographed sheet
