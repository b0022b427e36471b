import datetime as dt

from django.utils import timezone

from quartier.core import schedule
from quartier.residents import actions
from quartier.residents.models import (
    Consent,
    DeletionLogEntry,
    HelpCompletion,
    HelpRequest,
    Referral,
    Resident,
)
from quartier.residents.tasks import run_retention

NOW = timezone.make_aware(dt.datetime(2026, 11, 24, 3, 0))


def _age(resident, days):
    Resident.objects.filter(pk=resident.pk).update(last_contact_at=NOW - dt.timedelta(days=days))


def test_retention_anonymises_an_old_person_record_into_the_tally(
    helper, resident, help_request, quarter, entry
):
    actions.complete_help_request(actor=helper, help_request=help_request, note="alles gut")
    referral = actions.record_referral(
        actor=helper, entry=entry, quarter=quarter, referred_on=dt.date(2026, 6, 1),
        resident=resident,
    )  # fmt: skip
    _age(resident, 400)
    result = actions.apply_retention(now=NOW)
    resident.refresh_from_db()
    assert result == {"residents_anonymised": 1, "referrals_deleted": 0}
    assert resident.is_anonymised
    assert (resident.display_name, resident.reach, resident.reason, resident.notes) == ("",) * 4
    assert (resident.quarter, resident.age_band) == (quarter, "80_plus")  # the tally stays
    assert not Consent.objects.exists()
    assert not HelpRequest.objects.exists()
    assert not HelpCompletion.objects.exists()
    referral.refresh_from_db()
    assert referral.resident is None
    entry_log = DeletionLogEntry.objects.get(record_type="resident")
    assert (entry_log.operation, entry_log.count, entry_log.reason) == (
        "anonymised",
        1,
        "retention",
    )


def test_recent_and_restricted_records_are_kept(helper, privacy_officer, resident, other_resident):
    _age(resident, 300)
    _age(other_resident, 400)
    actions.set_resident_flags(
        actor=privacy_officer, resident=other_resident, is_restricted=True, is_disputed=False
    )
    assert actions.apply_retention(now=NOW)["residents_anonymised"] == 0


def test_referrals_are_deleted_after_three_years(helper, quarter, entry):
    referral = actions.record_referral(
        actor=helper, entry=entry, quarter=quarter, referred_on=dt.date(2023, 1, 1),
        now=NOW - dt.timedelta(days=3 * 366),
    )  # fmt: skip
    assert actions.apply_retention(now=NOW)["referrals_deleted"] == 1
    assert not Referral.objects.filter(pk=referral.pk).exists()


def test_retention_periods_are_configurable(settings, resident):
    settings.RETENTION_RESIDENT_MONTHS = 6
    _age(resident, 200)
    assert actions.apply_retention(now=NOW)["residents_anonymised"] == 1


def test_the_task_runs_retention_and_is_scheduled_daily_at_three(resident):
    _age(resident, 10_000)
    run_retention.enqueue()
    assert Resident.objects.get().is_anonymised
    job = {j.name: j for j in schedule.jobs()}["residents-retention"]
    assert job.at == dt.time(3, 0)


def test_dry_run_report_shows_what_goes_next_week_without_names(
    client_for, privacy_officer, resident, monkeypatch
):
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    _age(resident, 362)  # 12 months are reached within the next seven days
    response = client_for(privacy_officer).get("/bewohner/datenschutz/")
    content = response.content.decode()
    assert "1 Person wird anonymisiert" in content
    assert "Frau Becker" not in content
    assert not Resident.objects.get().is_anonymised


def test_a_retention_period_below_one_month_stops_start_up(settings):
    from quartier.checks import check_retention_settings

    assert check_retention_settings(None) == []
    settings.RETENTION_RESIDENT_MONTHS = 0
    assert [e.id for e in check_retention_settings(None)] == ["residents.E001"]
