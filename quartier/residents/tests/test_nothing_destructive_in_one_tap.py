"""Revoking consent and ending help asks first, says what happens, and ending can be undone."""

import datetime as dt

import pytest
from django.utils import timezone

from quartier.core.models import AuditEntry
from quartier.residents import actions
from quartier.residents.models import HelpStatus
from quartier.taxonomy.models import Topic


def test_one_tap_on_widerruf_only_asks_and_lists_exactly_what_goes(
    client_for, helper, resident, help_request
):
    actions.update_resident_details(
        actor=helper, resident=resident, notes="klingelt zweimal", topics=[Topic.objects.first()]
    )
    consent = resident.consents.get()
    url = f"/bewohner/einwilligung/{consent.pk}/widerruf/"
    client = client_for(helper)

    for response in (client.get(url), client.post(url)):  # the old one-tap form posted directly
        page = response.content.decode()
        assert response.status_code == 200
        assert "1 Hilfeanfrage wird gelöscht (davon 1 offen" in page
        assert "Alle Notizen und Themen zur Person werden gelöscht." in page
        assert "Name, Erreichbarkeit und Grund der Person bleiben gespeichert." in page
        assert 'name="confirm" value="1"' in page
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert resident.help_requests.count() == 1

    response = client.post(url, {"confirm": "1"}, follow=True)
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    assert "Entfernt wurden: Notizen und Themen, Hilfeanfragen" in response.content.decode()


def test_revocation_preview_keeps_what_another_consent_covers(helper, resident, help_request):
    from quartier.residents.queries import consent_revocation_effects
    from quartier.residents.tests.conftest import verbal_consent

    second = actions.record_consent(actor=helper, resident=resident, **verbal_consent())
    effects = consent_revocation_effects(second)
    assert not any("Hilfeanfrage" in line for line in effects)


def test_ending_help_asks_first_then_can_be_undone_for_a_while(
    client_for, helper, resident, help_request
):
    client = client_for(helper)
    url = f"/bewohner/hilfe/{help_request.pk}/beenden/"
    asked = client.post(url)
    assert "Hilfeanfrage beenden?" in asked.content.decode()
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.OPEN

    client.post(url, {"confirm": "1"})
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CANCELLED
    detail = client.get(f"/bewohner/personen/{resident.pk}/").content.decode()
    assert "Beenden rückgängig machen" in detail

    client.post(f"/bewohner/hilfe/{help_request.pk}/wieder-oeffnen/")
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.OPEN
    assert AuditEntry.objects.filter(action="help_request.reopen").exists()


def test_undo_window_closes(helper, resident, help_request):
    ended = timezone.now() - dt.timedelta(minutes=actions.UNDO_MINUTES + 1)
    actions.end_help_request(actor=helper, help_request=help_request, now=ended)
    assert not actions.can_undo_end(help_request)
    with pytest.raises(actions.ResidentDataError, match="nicht mehr"):
        actions.reopen_help_request(actor=helper, help_request=help_request)
    help_request.refresh_from_db()
    assert help_request.status == HelpStatus.CANCELLED


def test_prefilled_dates_are_iso_values_in_german(client_for, helper, resident):
    """`<input type="date">` rejects "30.11.2026": the value must be ISO in every language."""
    page = client_for(helper).get(f"/bewohner/personen/{resident.pk}/hilfe/").content.decode()
    today = timezone.localdate()
    assert f'value="{today.isoformat()}"' in page
    assert today.strftime("%d.%m.%Y") not in page.split('type="date"')[1][:120]
