import datetime as dt

import pytest
from django.core import mail

from quartier.residents import actions
from quartier.residents.models import Referral


def test_anonymous_referral_needs_no_legal_basis_and_sends_no_mail(
    client_for, helper, quarter, entry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(helper).post(
            "/bewohner/vermittlung/",
            {"entry": entry.pk, "referred_on": "2026-11-24", "quarter": quarter.pk},
        )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.resident is None
    assert mail.outbox == []


def test_passing_on_personal_data_needs_a_resident_and_a_legal_basis(
    helper, quarter, entry, resident
):
    day = dt.date(2026, 11, 24)
    with pytest.raises(actions.ResidentDataError):
        actions.record_referral(
            actor=helper, entry=entry, quarter=quarter, referred_on=day, passes_personal_data=True
        )
    with pytest.raises(actions.ResidentDataError, match="Rechtsgrundlage"):
        actions.record_referral(
            actor=helper, entry=entry, quarter=quarter, referred_on=day, resident=resident,
            passes_personal_data=True,
        )  # fmt: skip
    with pytest.raises(actions.ResidentDataError, match="Einwilligung zur Weitergabe"):
        actions.record_referral(
            actor=helper, entry=entry, quarter=quarter, referred_on=day, resident=resident,
            passes_personal_data=True, legal_basis="consent",
        )  # fmt: skip


def test_referral_with_consent_to_pass_on_and_its_outcome(
    client_for, helper, quarter, entry, resident
):
    from quartier.residents.tests.conftest import verbal_consent

    consent = actions.record_consent(
        actor=helper, resident=resident, **verbal_consent(covers_referral=True)
    )
    referral = actions.record_referral(
        actor=helper, entry=entry, quarter=quarter, referred_on=dt.date(2026, 11, 24),
        resident=resident, passes_personal_data=True, legal_basis="consent",
    )  # fmt: skip
    assert referral.consent == consent
    client_for(helper).post(
        f"/bewohner/vermittlung/{referral.pk}/ergebnis/", {"outcome": "taken_up"}
    )
    referral.refresh_from_db()
    assert referral.outcome == "taken_up"


def test_unknown_outcome_is_refused(client_for, helper, quarter, entry):
    referral = actions.record_referral(
        actor=helper, entry=entry, quarter=quarter, referred_on=dt.date(2026, 11, 24)
    )
    client_for(helper).post(f"/bewohner/vermittlung/{referral.pk}/ergebnis/", {"outcome": "x"})
    referral.refresh_from_db()
    assert referral.outcome == "unknown"


def test_the_wegweiser_link_preselects_the_entry_and_the_person(
    client_for, helper, entry, resident
):
    response = client_for(helper).get(
        "/bewohner/vermittlung/", {"angebot": entry.pk, "person": resident.pk}
    )
    form = response.context["form"]
    assert str(form["entry"].value()) == str(entry.pk)
    assert str(form["resident"].value()) == str(resident.pk)


def test_a_foreign_person_cannot_be_linked_to_a_referral(
    client_for, other_helper, quarter, entry, resident
):
    response = client_for(other_helper).post(
        "/bewohner/vermittlung/",
        {
            "entry": entry.pk,
            "referred_on": "2026-11-24",
            "quarter": quarter.pk,
            "resident": resident.pk,
        },
    )
    assert response.status_code == 200
    assert not Referral.objects.exists()
