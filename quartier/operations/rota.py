"""The rota as days: weekly patterns plus exceptions, NRW public holidays, and its conflicts.

`plan(start, end)` turns patterns and exceptions into one `PlannedShift` per helper and shift;
`conflicts(shifts, ...)` explains what is wrong with a plan. Both only read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import holidays
from django.utils.translation import gettext as _

from quartier.accounts.models import Role, User
from quartier.areas.models import Quarter
from quartier.operations.models import (
    ExceptionKind,
    OpeningHours,
    ShiftException,
    ShiftPattern,
)


@cache
def _nrw_holidays(year: int):
    return holidays.country_holidays("DE", subdiv="NW", years=year, language="de")


def public_holiday(day: dt.date) -> str | None:
    """The name of the NRW public holiday on `day`, or None."""
    return _nrw_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and public_holiday(day) is None


def days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class PlannedShift:
    day: dt.date
    helper: User
    quarter: Quarter
    base: object  # areas.Base or None
    starts_at: dt.time
    ends_at: dt.time
    one_off: bool = False

    def overlaps(self, other: PlannedShift) -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


@dataclass(frozen=True)
class Conflict:
    day: dt.date
    kind: str
    message: str


@dataclass
class Plan:
    shifts: list[PlannedShift]
    absences: dict[tuple[int, dt.date], ShiftException]


def plan(start: dt.date, end: dt.date, *, helpers=None) -> Plan:
    """Every shift from `start` to `end` (inclusive). Public holidays keep only one-off shifts."""
    patterns = ShiftPattern.objects.valid_between(start, end).select_related(
        "helper", "quarter", "base"
    )
    exceptions = ShiftException.objects.filter(day__range=(start, end)).select_related(
        "helper", "quarter", "base"
    )
    if helpers is not None:
        patterns = patterns.filter(helper__in=helpers)
        exceptions = exceptions.filter(helper__in=helpers)
    absences = {(e.helper_id, e.day): e for e in exceptions if e.is_absence}
    by_weekday = defaultdict(list)
    for pattern in patterns:
        by_weekday[pattern.weekday].append(pattern)
    shifts = []
    for day in days(start, end):
        if public_holiday(day):
            continue
        for p in by_weekday[day.weekday()]:
            valid = p.valid_from <= day and (p.valid_until is None or day <= p.valid_until)
            if valid and (p.helper_id, day) not in absences:
                shifts.append(
                    PlannedShift(day, p.helper, p.quarter, p.base, p.starts_at, p.ends_at)
                )
    for e in exceptions:
        if e.kind == ExceptionKind.EXTRA:
            shifts.append(
                PlannedShift(e.day, e.helper, e.quarter, e.base, e.starts_at, e.ends_at, True)
            )
    shifts.sort(key=lambda s: (s.day, s.starts_at, s.helper.get_full_name(), s.helper.pk))
    return Plan(shifts=shifts, absences=absences)


def quarters_to_cover():
    """Quarters with at least one active helper: they need someone on every working day."""
    return Quarter.objects.filter(staff__role=Role.HELPER, staff__is_active=True).distinct()


def conflicts(the_plan: Plan, start: dt.date, end: dt.date, *, quarters=None) -> list[Conflict]:
    """What is wrong with the plan, explained in German, in day order."""
    quarters = list(quarters_to_cover() if quarters is None else quarters)
    found = _uncovered(the_plan, start, end, quarters)
    found += _double_booked(the_plan)
    found += _outside_opening_hours(the_plan)
    found += _on_absence(the_plan)
    return sorted(found, key=lambda c: (c.day, c.kind, c.message))


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _uncovered(the_plan, start, end, quarters) -> list[Conflict]:
    covered = {(s.quarter.pk, s.day) for s in the_plan.shifts}
    return [
        Conflict(
            day,
            "uncovered",
            _("%(quarter)s: an diesem Arbeitstag ist niemand eingeplant.")
            % {"quarter": quarter.name},
        )
        for day in days(start, end)
        if is_working_day(day)
        for quarter in quarters
        if (quarter.pk, day) not in covered
    ]


def _double_booked(the_plan) -> list[Conflict]:
    by_person_day = defaultdict(list)
    for shift in the_plan.shifts:
        by_person_day[(shift.helper.pk, shift.day)].append(shift)
    found = []
    for (_pk, day), shifts in by_person_day.items():
        for i, first in enumerate(shifts):
            for second in shifts[i + 1 :]:
                if first.overlaps(second):
                    found.append(
                        Conflict(
                            day,
                            "double",
                            _(
                                "%(name)s ist zur gleichen Zeit an zwei Orten eingeplant: "
                                "%(first)s und %(second)s."
                            )
                            % {
                                "name": _name(first.helper),
                                "first": first.quarter.name,
                                "second": second.quarter.name,
                            },
                        )
                    )
    return found


def _outside_opening_hours(the_plan) -> list[Conflict]:
    base_ids = {s.base.pk for s in the_plan.shifts if s.base is not None}
    hours = defaultdict(dict)
    for row in OpeningHours.objects.filter(base_id__in=base_ids):
        hours[row.base_id][row.weekday] = row
    found = []
    for shift in the_plan.shifts:
        if shift.base is None or shift.base.pk not in hours:
            continue
        row = hours[shift.base.pk].get(shift.day.weekday())
        if row is None or shift.starts_at < row.opens or shift.ends_at > row.closes:
            opening = _("geschlossen") if row is None else f"{row.opens:%H:%M}–{row.closes:%H:%M}"
            found.append(
                Conflict(
                    shift.day,
                    "hours",
                    _(
                        "%(name)s: Dienst %(start)s–%(end)s liegt außerhalb der Öffnungszeiten von "
                        "%(base)s (%(opening)s)."
                    )
                    % {
                        "name": _name(shift.helper),
                        "start": f"{shift.starts_at:%H:%M}",
                        "end": f"{shift.ends_at:%H:%M}",
                        "base": shift.base.name,
                        "opening": opening,
                    },
                )
            )
    return found


def _on_absence(the_plan) -> list[Conflict]:
    found = []
    for shift in the_plan.shifts:
        absence = the_plan.absences.get((shift.helper.pk, shift.day))
        if absence is not None:
            found.append(
                Conflict(
                    shift.day,
                    "absence",
                    _("%(name)s ist eingeplant, ist an diesem Tag aber abwesend (%(kind)s).")
                    % {"name": _name(shift.helper), "kind": absence.get_kind_display()},
                )
            )
    return found
