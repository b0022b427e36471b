import datetime as dt

import pytest

from quartier.residents import actions
from quartier.residents.models import Consent, HelpKind, Resident
from quartier.residents.tests.conftest import verbal_consent, written_consent
from quartier.taxonomy.models import Topic


def test_helper_creates_a_resident_with_the_minimum_and_verbal_consent(client_for, helper, quarter):
    response = client_for(helper).post(
        "/bewohner/personen/neu/",
        {
            "display_name": "Oma Gerda",
            "reach": "0170 000000",
            "reason": "Einkauf jeden Dienstag",
            "quarter": quarter.pk,
            "age_band": "80_plus",
            "consent_given": "on",
            "consent_form": "verbal",
            "covers_help": "on",
            "given_on": "2026-11-20",
            "info_sheet_version": "2026-01",
            "witness": "Kollege Tom",
        },
    )
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/bewohner/personen/{resident.pk}/"
    assert list(resident.helpers.all()) == [helper]
    consent = resident.consents.get()
    assert (consent.form, consent.witness, consent.info_sheet_version) == (
        "verbal",
        "Kollege Tom",
        "2026-01",
    )


def test_resident_without_reason_is_refused(client_for, helper, quarter):
    response = client_for(helper).post(
        "/bewohner/personen/neu/",
        {"display_name": "X", "reach": "Y", "quarter": quarter.pk, "info_sheet_version": "1"},
    )
    assert response.status_code == 200
    assert not Resident.objects.exists()


def test_verbal_consent_needs_a_witness_and_health_needs_written_consent(helper, resident):
    with pytest.raises(actions.ResidentDataError):
        actions.record_consent(actor=helper, resident=resident, **verbal_consent(witness=""))
    with pytest.raises(actions.ResidentDataError, match="schriftlich"):
        actions.record_consent(
            actor=helper, resident=resident, **verbal_consent(covers_health=True)
        )
    with pytest.raises(actions.ResidentDataError, match="fotografieren"):
        actions.record_consent(actor=helper, resident=resident, **written_consent(document=None))


def test_without_consent_only_the_minimum_is_stored(helper, quarter):
    resident = actions.create_resident(
        actor=helper, display_name="A", reach="B", reason="C", quarter=quarter
    )
    with pytest.raises(actions.ResidentDataError):
        actions.create_help_request(
            actor=helper, resident=resident, kind=HelpKind.SHOPPING, due_on=dt.date(2026, 12, 1)
        )
    with pytest.raises(actions.ResidentDataError):
        actions.update_resident_details(
            actor=helper, resident=resident, notes="mag Kaffee", topics=[]
        )


def test_health_topics_and_notes_need_written_consent(helper, resident):
    health = Topic.objects.get(code="health-doctor")
    with pytest.raises(actions.ResidentDataError, match="Gesundheit"):
        actions.update_resident_details(actor=helper, resident=resident, notes="", topics=[health])
    with pytest.raises(actions.ResidentDataError, match="Gesundheit"):
        actions.update_resident_details(
            actor=helper, resident=resident, notes="Termin beim Arzt", topics=[]
        )
    actions.record_consent(actor=helper, resident=resident, **written_consent(covers_health=True))
    actions.update_resident_details(
        actor=helper, resident=resident, notes="Termin beim Arzt", topics=[health]
    )
    assert list(resident.topics.all()) == [health]


def test_revoked_consent_removes_data_beyond_the_minimum_and_tells_the_helper(
    client_for, helper, resident, help_request
):
    actions.update_resident_details(
        actor=helper, resident=resident, notes="klingelt zweimal", topics=[Topic.objects.first()]
    )
    consent = resident.consents.get()
    response = client_for(helper).post(
        f"/bewohner/einwilligung/{consent.pk}/widerruf/", {"confirm": "1"}, follow=True
    )
    resident.refresh_from_db()
    assert resident.notes == ""
    assert not resident.topics.exists()
    assert not resident.help_requests.exists()
    assert resident.display_name == "Frau Becker"  # the minimum stays
    assert Consent.objects.get().revoked_at is not None
    assert "Entfernt wurden" in response.content.decode()


def test_revoking_written_health_consent_removes_health_data_only(helper, resident):
    written = actions.record_consent(
        actor=helper, resident=resident, **written_consent(covers_health=True)
    )
    health = Topic.objects.get(code="health-medication")
    shopping = Topic.objects.get(code="everyday-shopping")
    actions.update_resident_details(
        actor=helper, resident=resident, notes="Medikamente abholen", topics=[health, shopping]
    )
    removed = actions.revoke_consent(actor=helper, consent=written)
    resident.refresh_from_db()
    assert list(resident.topics.all()) == [shopping]
    assert resident.notes == ""
    assert removed


def test_resident_urls_and_str_carry_no_personal_data(resident):
    from django.urls import reverse

    assert "Becker" not in reverse("residents:resident_detail", args=[resident.pk])
    assert "Becker" not in str(resident)


def test_photographed_consent_sheet_loses_its_gps_position(helper, resident):
    from PIL import Image

    consent = actions.record_consent(actor=helper, resident=resident, **written_consent())
    with consent.document.open("rb") as handle:
        stored = Image.open(handle)
        assert not stored.getexif()
    assert consent.document.name.startswith("residents/consent/")
    assert "blatt" not in consent.document.name


def test_a_broken_consent_file_is_refused(helper, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    junk = SimpleUploadedFile("blatt.jpg", b"not an image", content_type="image/jpeg")
    with pytest.raises(actions.ResidentDataError):
        actions.record_consent(actor=helper, resident=resident, **written_consent(document=junk))


def test_a_truncated_consent_scan_is_refused_with_a_german_message(client_for, helper, resident):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from testkit.images import small_jpeg

    data = small_jpeg(with_gps=True)
    scan = SimpleUploadedFile("blatt.jpg", data[: len(data) - 40], content_type="image/jpeg")
    response = client_for(helper).post(
        f"/bewohner/personen/{resident.pk}/einwilligung/",
        {
            "consent_form": "written",
            "given_on": "2026-11-02",
            "info_sheet_version": "2026-01",
            "covers_help": "on",
            "document": scan,
        },
    )
    assert response.status_code == 200
    assert "beschädigt" in response.content.decode()
    assert not resident.consents.filter(form="written").exists()
