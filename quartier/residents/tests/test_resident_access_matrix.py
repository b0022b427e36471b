"""Every resident page for every role, including guessed ids (no IDOR)."""

import pytest

from quartier.core.models import AuditEntry

PERSONAS = ["helper", "other_helper", "coordinator", "privacy_officer", "admin_user", None]


def _urls(resident, help_request, referral):
    pk = resident.pk
    consent = resident.consents.first().pk
    return {
        # name: (method, url, personas allowed (status 200/302 instead of 403/404))
        "contact_new": ("get", "/bewohner/kontakt/neu/", {"helper", "other_helper", "coordinator"}),
        "resident_list": ("get", "/bewohner/personen/", {"helper", "other_helper", "coordinator"}),
        "resident_new": (
            "get",
            "/bewohner/personen/neu/",
            {"helper", "other_helper", "coordinator"},
        ),
        "resident_detail": ("get", f"/bewohner/personen/{pk}/", {"helper", "coordinator"}),
        "resident_details": ("get", f"/bewohner/personen/{pk}/angaben/", {"helper", "coordinator"}),
        "consent_new": ("get", f"/bewohner/personen/{pk}/einwilligung/", {"helper", "coordinator"}),
        "help_request_new": ("get", f"/bewohner/personen/{pk}/hilfe/", {"helper", "coordinator"}),
        "consent_revoke": (
            "post",
            f"/bewohner/einwilligung/{consent}/widerruf/",
            {"helper", "coordinator"},
        ),
        "help_complete": (
            "post",
            f"/bewohner/hilfe/{help_request.pk}/erledigt/",
            {"helper", "coordinator"},
        ),
        "help_flag": (
            "post",
            f"/bewohner/hilfe/{help_request.pk}/fachaustausch/",
            {"helper", "coordinator"},
        ),
        "help_end": (
            "post",
            f"/bewohner/hilfe/{help_request.pk}/beenden/",
            {"helper", "coordinator"},
        ),
        "referral_new": (
            "get",
            "/bewohner/vermittlung/",
            {"helper", "other_helper", "coordinator"},
        ),
        "referral_outcome": (
            "post",
            f"/bewohner/vermittlung/{referral.pk}/ergebnis/",
            {"helper", "coordinator"},
        ),
        "tally": ("get", "/bewohner/statistik/", {"coordinator", "admin_user"}),
        "my_day": ("get", "/einsatz/mein-tag/", {"helper", "other_helper", "coordinator"}),
        "privacy": ("get", "/bewohner/datenschutz/", {"privacy_officer"}),
        "privacy_person": ("get", f"/bewohner/datenschutz/personen/{pk}/", {"privacy_officer"}),
        "export_json": (
            "get",
            f"/bewohner/datenschutz/personen/{pk}/auskunft.json",
            {"privacy_officer"},
        ),
        "export_pdf": (
            "get",
            f"/bewohner/datenschutz/personen/{pk}/auskunft.pdf",
            {"privacy_officer"},
        ),
        "erase": ("post", f"/bewohner/datenschutz/personen/{pk}/loeschen/", {"privacy_officer"}),
    }


VIEWS = [
    "contact_new", "resident_list", "resident_new", "resident_detail", "resident_details",
    "consent_new", "help_request_new", "consent_revoke", "help_complete", "help_flag", "help_end",
    "referral_new", "referral_outcome", "tally", "my_day", "privacy", "privacy_person",
    "export_json", "export_pdf", "erase",
]  # fmt: skip


PRIVACY_PROCEDURES = {"privacy_person", "export_json", "export_pdf", "erase"}


@pytest.fixture
def referral(helper, resident, entry, quarter):
    from quartier.residents import actions

    return actions.record_referral(
        actor=helper, entry=entry, quarter=quarter, referred_on=resident.created_at.date(),
        resident=resident,
    )  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("view", VIEWS)
def test_every_role_on_every_resident_view(
    request, client_for, persona, view, resident, help_request, referral
):
    user = request.getfixturevalue(persona) if persona else None
    method, url, allowed = _urls(resident, help_request, referral)[view]
    data = {"outcome": "taken_up"} if view == "referral_outcome" else {}
    client = client_for(user)
    if view in PRIVACY_PROCEDURES:
        # The privacy officer opens a record only after searching for it (name + reach).
        basis = "art17" if view == "erase" else "art15"
        search = {"name": "Frau Becker", "second": resident.reach, "basis": basis}
        client.post("/bewohner/datenschutz/", {**search, "reference": "DS-1"})
    response = getattr(client, method)(url, data)
    if user is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    elif persona in allowed:
        assert response.status_code in (200, 302), response.status_code
    else:
        assert response.status_code in (403, 404)


def test_helper_from_another_quarter_guessing_a_resident_url_gets_404_and_is_audited(
    client_for, other_helper, resident
):
    response = client_for(other_helper).get(f"/bewohner/personen/{resident.pk}/")
    assert response.status_code == 404
    assert resident.display_name not in response.content.decode()
    entry = AuditEntry.objects.get(action="resident.view.denied")
    assert (entry.actor, entry.object_id) == (other_helper, str(resident.pk))


def test_guessing_a_non_existing_id_looks_the_same_as_a_foreign_one(client_for, helper, db):
    assert client_for(helper).get("/bewohner/personen/999999/").status_code == 404
    assert AuditEntry.objects.filter(action="resident.view.denied", object_id="999999").exists()


def test_admin_and_privacy_officer_see_no_case_content(
    client_for, admin_user, privacy_officer, resident
):
    for user in (admin_user, privacy_officer):
        response = client_for(user).get(f"/bewohner/personen/{resident.pk}/")
        assert response.status_code == 403
        assert "Frau Becker" not in response.content.decode()
    officer = client_for(privacy_officer)
    officer.post(
        "/bewohner/datenschutz/",
        {"name": "Frau Becker", "second": resident.reach, "basis": "art15", "reference": "1"},
    )
    page = officer.get(f"/bewohner/datenschutz/personen/{resident.pk}/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Frau Becker" not in content
    assert "Einkauf jeden Dienstag" not in content


def test_coordinator_reading_a_restricted_record_is_refused_and_audited(
    client_for, coordinator, privacy_officer, resident
):
    from quartier.residents import actions

    actions.set_resident_flags(
        actor=privacy_officer, resident=resident, is_restricted=True, is_disputed=False
    )
    response = client_for(coordinator).get(f"/bewohner/personen/{resident.pk}/")
    assert response.status_code == 403
    assert "Frau Becker" not in response.content.decode()
    assert AuditEntry.objects.filter(
        action="resident.view.restricted", actor=coordinator, object_id=str(resident.pk)
    ).exists()


def test_coordinator_with_quarters_sees_only_her_team(
    client_for, coordinator, resident, other_quarter
):
    coordinator.quarters.set([other_quarter])
    assert client_for(coordinator).get(f"/bewohner/personen/{resident.pk}/").status_code == 404


def test_resident_list_shows_only_own_residents_with_bounded_queries(
    client_for, helper, resident, other_resident, django_assert_max_num_queries
):
    client = client_for(helper)
    with django_assert_max_num_queries(12):
        response = client.get("/bewohner/personen/")
    content = response.content.decode()
    assert "Frau Becker" in content
    assert "Herr Yilmaz" not in content


def test_every_read_of_a_resident_leaves_an_audit_entry(client_for, helper, resident):
    client_for(helper).get(f"/bewohner/personen/{resident.pk}/")
    client_for(helper).get("/bewohner/personen/")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"resident.create", "consent.record", "resident.view", "resident.list"} <= actions


def test_a_restricted_person_is_listed_without_name(client_for, helper, privacy_officer, resident):
    from quartier.residents import actions

    actions.set_resident_flags(
        actor=privacy_officer, resident=resident, is_restricted=True, is_disputed=False
    )
    content = client_for(helper).get("/bewohner/personen/").content.decode()
    assert "Frau Becker" not in content
    assert f"Person {resident.pk}" in content
