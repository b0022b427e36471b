"""Reporting periods: a calendar month, quarter, year, or up to ten whole years.

Statistics that leave the department are only offered for these calendar periods, never for
free date ranges: every published figure is then a cell of one protected table per calendar
year (see `suppression.py`), and two periods cannot be subtracted to single out a few people.

Codes in URLs: "2025-07" (month), "2025-Q3" (quarter), "2025" (year), "2016-2025" (years).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

MAX_YEARS = 10


class PeriodError(ValueError):
    """A period code that cannot be used; the message is German and meant for the page."""


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter", "year" or "years"
    first_year: int
    last_year: int
    number: int = 0  # month 1-12 or quarter 1-4

    # --- Calendar ---------------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        if self.kind == "month":
            return dt.date(self.first_year, self.number, 1)
        if self.kind == "quarter":
            return dt.date(self.first_year, 3 * self.number - 2, 1)
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        if self.kind == "month":
            return _add_months(self.start, 1)
        if self.kind == "quarter":
            return _add_months(self.start, 3)
        return dt.date(self.last_year + 1, 1, 1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end as aware datetimes in the local time zone (end exclusive)."""
        return aware(self.start), aware(self.end)

    def months(self) -> list[dt.date]:
        months, day = [], self.start
        while day < self.end:
            months.append(day)
            day = _add_months(day, 1)
        return months

    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    # --- Names ------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.first_year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.first_year}-Q{self.number}"
        if self.kind == "year":
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{MONTHS[self.number]} {self.first_year}"
        if self.kind == "quarter":
            return _("%(n)s. Quartal %(year)s") % {"n": self.number, "year": self.first_year}
        if self.kind == "year":
            return str(self.first_year)
        return f"{self.first_year}–{self.last_year}"

    def year_columns(self) -> dict[int, str]:
        """For each calendar year the period touches: its column in that year's table."""
        if self.kind in ("month", "quarter"):
            return {self.first_year: self.code}
        return {year: str(year) for year in self.years()}

    def previous(self) -> Period:
        """The period of the same kind and length just before this one."""
        if self.kind == "month":
            day = _add_months(self.start, -1)
            return Period("month", day.year, day.year, day.month)
        if self.kind == "quarter":
            if self.number == 1:
                return Period("quarter", self.first_year - 1, self.first_year - 1, 4)
            return Period("quarter", self.first_year, self.first_year, self.number - 1)
        span = self.last_year - self.first_year + 1
        return Period(self.kind, self.first_year - span, self.last_year - span)

    def buckets(self) -> list[tuple[str, dt.date, dt.date]]:
        """Chart steps: months for up to two years, otherwise years. (label, start, end)"""
        if self.kind == "years" and self.last_year - self.first_year >= 2:
            return [(str(y), dt.date(y, 1, 1), dt.date(y + 1, 1, 1)) for y in self.years()]
        return [(f"{m:%m/%Y}", m, _add_months(m, 1)) for m in self.months()]


def aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day))


def _add_months(day: dt.date, count: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-(\d{4})$"), "years"),
]


def parse(code: str) -> Period:
    """A Period from its code, or PeriodError with a German message."""
    code = (code or "").strip()
    for pattern, kind in PATTERNS:
        match = pattern.match(code)
        if match:
            return _build(kind, *(int(g) for g in match.groups()))
    raise PeriodError(
        _("Zeitraum „%(code)s“ nicht erkannt. Beispiele: 2025, 2025-Q3, 2025-07, 2021-2025.")
        % {"code": code[:20]}
    )


def _build(kind: str, year: int, second: int = 0) -> Period:
    if not 2000 <= year <= 2100:
        raise PeriodError(_("Bitte ein Jahr zwischen 2000 und 2100 wählen."))
    if kind == "month":
        if not 1 <= second <= 12:
            raise PeriodError(_("Einen Monat %(m)s gibt es nicht.") % {"m": second})
        return Period("month", year, year, second)
    if kind == "quarter":
        return Period("quarter", year, year, second)
    if kind == "year":
        return Period("year", year, year)
    if second < year:
        raise PeriodError(_("Der Zeitraum endet, bevor er beginnt."))
    if second - year + 1 > MAX_YEARS:
        raise PeriodError(_("Höchstens %(n)s Jahre auf einmal.") % {"n": MAX_YEARS})
    if second == year:
        return Period("year", year, year)
    return Period("years", year, second)


def default_period(today: dt.date | None = None) -> Period:
    """The last complete calendar quarter."""
    today = today or timezone.localdate()
    number = (today.month - 1) // 3 + 1
    if number == 1:
        return Period("quarter", today.year - 1, today.year - 1, 4)
    return Period("quarter", today.year, today.year, number - 1)


def choices(today: dt.date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped options for the period select: years, quarters, months, several years."""
    today = today or timezone.localdate()
    years = [Period("year", y, y) for y in range(today.year, today.year - 6, -1)]
    quarters, months = [], []
    current = Period("quarter", today.year, today.year, (today.month - 1) // 3 + 1)
    for _i in range(8):
        quarters.append(current)
        current = current.previous()
    month = Period("month", today.year, today.year, today.month)
    for _i in range(24):
        months.append(month)
        month = month.previous()
    spans = [Period("years", today.year - n + 1, today.year) for n in (2, 3, 5, 10)]
    return [
        (_("Jahre"), [(p.code, p.label) for p in years]),
        (_("Quartale"), [(p.code, p.label) for p in quarters]),
        (_("Monate"), [(p.code, p.label) for p in months]),
        (_("Mehrere Jahre"), [(p.code, p.label) for p in spans]),
    ]
