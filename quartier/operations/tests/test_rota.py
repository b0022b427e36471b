import datetime as dt

import pytest

from conftest import make_user
from quartier.accounts.models import Role
from quartier.core.models import AuditEntry
from quartier.operations import actions, rota
from quartier.operations.actions import OperationsError
from quartier.operations.models import ExceptionKind
from quartier.operations.tests.factories import MONDAY, t, weekly

pytestmark = pytest.mark.django_db


def week(helpers=None):
    return rota.plan(MONDAY, MONDAY + dt.timedelta(days=6), helpers=helpers)


def test_weekly_pattern_gives_five_shifts_and_is_audited(coordinator, helper, quarter):
    weekly(coordinator, helper, quarter)
    shifts = week().shifts
    assert [s.day.weekday() for s in shifts] == [0, 1, 2, 3, 4]
    assert AuditEntry.objects.filter(action="shift_pattern.add").count() == 5


def test_nrw_public_holidays_take_the_pattern_off():
    assert rota.public_holiday(dt.date(2026, 6, 4)) == "Fronleichnam"  # NRW, not nationwide
    assert rota.public_holiday(dt.date(2026, 11, 1)) == "Allerheiligen"
    assert rota.is_working_day(dt.date(2026, 11, 2))


def test_holiday_week_has_no_shift_on_the_holiday(coordinator, helper, quarter):
    weekly(coordinator, helper, quarter)
    # Week of Fronleichnam (Thursday 4 June 2026).
    the_plan = rota.plan(dt.date(2026, 6, 1), dt.date(2026, 6, 7))
    assert dt.date(2026, 6, 4) not in {s.day for s in the_plan.shifts}
    assert len(the_plan.shifts) == 4


def test_overlapping_pattern_is_refused(coordinator, helper, quarter, other_quarter):
    weekly(coordinator, helper, quarter, weekdays=[0])
    with pytest.raises(OperationsError, match="Überschneidet sich"):
        weekly(coordinator, helper, other_quarter, weekdays=[0], start="15:00", end="18:00")
    weekly(coordinator, helper, other_quarter, weekdays=[0], start="16:00", end="18:00")


def test_deactivated_helper_cannot_be_planned(coordinator, outsider, quarter):
    with pytest.raises(OperationsError, match="deaktiviert"):
        weekly(coordinator, outsider, quarter, weekdays=[0])


def test_times_must_be_in_order(coordinator, helper, quarter):
    with pytest.raises(OperationsError, match="nach dem Beginn"):
        weekly(coordinator, helper, quarter, weekdays=[0], start="16:00", end="08:00")


def test_uncovered_quarter_is_a_conflict_until_someone_is_planned(
    coordinator, helper, other_helper, quarter, other_quarter
):
    weekly(coordinator, helper, quarter)
    weekly(coordinator, other_helper, other_quarter, weekdays=[0, 1, 3, 4])
    start, end = MONDAY, MONDAY + dt.timedelta(days=6)
    found = rota.conflicts(rota.plan(start, end), start, end)
    assert [(c.day, c.kind) for c in found] == [(MONDAY + dt.timedelta(days=2), "uncovered")]
    assert "Samtweberviertel" in found[0].message
    actions.add_shift_exception(
        actor=coordinator,
        helper=helper,
        day=MONDAY + dt.timedelta(days=2),
        kind=ExceptionKind.EXTRA,
        quarter=other_quarter,
        starts_at=t("16:00"),
        ends_at=t("18:00"),
    )
    assert rota.conflicts(rota.plan(start, end), start, end) == []


def test_one_person_in_two_places(coordinator, helper, quarter, other_quarter):
    weekly(coordinator, helper, quarter, weekdays=[0])
    actions.add_shift_exception(
        actor=coordinator,
        helper=helper,
        day=MONDAY,
        kind=ExceptionKind.EXTRA,
        quarter=other_quarter,
        starts_at=t("10:00"),
        ends_at=t("12:00"),
    )
    found = rota.conflicts(week(), MONDAY, MONDAY, quarters=[])
    assert [c.kind for c in found] == ["double"]
    assert "zwei Orten" in found[0].message


def test_shift_outside_opening_hours(coordinator, helper, quarter):
    base = quarter.bases.first()
    actions.set_opening_hours(
        actor=coordinator, base=base, weekday=0, opens=t("09:00"), closes=t("15:00")
    )
    weekly(coordinator, helper, quarter, weekdays=[0, 1], base=base)
    found = rota.conflicts(week(), MONDAY, MONDAY + dt.timedelta(days=6), quarters=[])
    assert [(c.day.weekday(), c.kind) for c in found] == [(0, "hours"), (1, "hours")]
    assert "09:00–15:00" in found[0].message and "geschlossen" in found[1].message


def test_planned_on_her_holiday(coordinator, helper, quarter):
    weekly(coordinator, helper, quarter, weekdays=[0])
    actions.add_shift_exception(
        actor=coordinator, helper=helper, day=MONDAY, kind=ExceptionKind.VACATION
    )
    assert week().shifts == []  # the holiday takes her off the pattern
    actions.add_shift_exception(
        actor=coordinator,
        helper=helper,
        day=MONDAY,
        kind=ExceptionKind.EXTRA,
        quarter=quarter,
        starts_at=t("08:00"),
        ends_at=t("12:00"),
    )
    found = rota.conflicts(week(), MONDAY, MONDAY, quarters=[])
    assert [c.kind for c in found] == ["absence"]
    assert "Urlaub" in found[0].message


def test_base_must_belong_to_the_quarter(coordinator, helper, quarter, other_quarter):
    with pytest.raises(OperationsError, match="nicht in diesem Quartier"):
        weekly(coordinator, helper, quarter, weekdays=[0], base=other_quarter.bases.first())


def test_only_helpers_can_be_planned(coordinator, quarter):
    person = make_user("koord2", Role.COORDINATOR)
    with pytest.raises(OperationsError):
        weekly(coordinator, person, quarter, weekdays=[0])
