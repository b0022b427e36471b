"""Reading request parameters the way GeoReport v2 defines them.

"Optional" means an empty parameter counts as absent. Every problem raises `Open311Error`
with HTTP 400 (or 404 for an unknown jurisdiction) and an English description, as partner
systems log these messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from quartier.open311.formats import Open311Error

JURISDICTION_ID = "krefeld.de"
MAX_WINDOW = dt.timedelta(days=90)
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
MAX_IDS = 1000

# W3C date-time profiles (https://www.w3.org/TR/NOTE-datetime): a date alone, or a time with
# minutes and optional seconds and fraction, always with a zone. A space before the offset is
# a "+" that was not URL-encoded (a common client mistake).
_DATETIME = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+ -]\d{2}:?\d{2}))?)?)?$"
)
# Dates a partner system can mean; far beyond (year 9999) is a mistake, and the 90-day window
# around it would not fit into a date.
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2999, 12, 31, tzinfo=dt.UTC)


def value(params, name: str) -> str:
    """The stripped parameter, "" when absent or empty."""
    return (params.get(name) or "").strip()


def check_jurisdiction(params) -> None:
    jurisdiction = value(params, "jurisdiction_id")
    if jurisdiction and jurisdiction.lower() != JURISDICTION_ID:
        raise Open311Error(
            404, f"jurisdiction_id not found; this endpoint serves {JURISDICTION_ID}."
        )


def _offset(text: str) -> dt.timezone:
    if text in {"Z", "z"}:
        return dt.UTC
    sign = -1 if text[0] == "-" else 1  # "+" or a space that was a "+"
    digits = text[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    if minutes >= 24 * 60:
        raise ValueError("offset out of range")
    return dt.timezone(sign * dt.timedelta(minutes=minutes))


def _moment(groups) -> dt.datetime:
    year, month, day, hour, minute, second, fraction, offset = groups
    if hour is None:  # a date alone (or year, year-month): midnight local time
        local = dt.datetime(int(year), int(month or 1), int(day or 1))
        return timezone.make_aware(local, timezone.get_default_timezone())
    return dt.datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute),
        min(int(second or 0), 59),  # a leap second counts as the second before it
        int((fraction or "0")[:6].ljust(6, "0")),
        tzinfo=_offset(offset),
    )


def parse_datetime(text: str, name: str) -> dt.datetime:
    """A W3C date-time (a date alone is midnight in Krefeld); anything else is a 400."""
    match = _DATETIME.match(text)
    error = Open311Error(
        400,
        f"{name} must be a W3C date or date-time with time zone, "
        "e.g. 2026-01-31 or 2026-01-31T12:00:00+01:00.",
    )
    if not match:
        raise error
    try:
        moment = _moment(match.groups())
    except (ValueError, OverflowError):
        raise error from None
    if not EARLIEST <= moment <= LATEST:
        raise Open311Error(400, f"{name} must lie between the years 2000 and 2999.")
    # In UTC: PostgreSQL refuses offsets beyond ±15:59 that W3C's syntax allows.
    return moment.astimezone(dt.UTC)


@dataclass(frozen=True)
class Window:
    start: dt.datetime
    end: dt.datetime


def date_window(params, now: dt.datetime) -> Window:
    """`start_date`/`end_date` as a window of at most 90 days; the last 90 days by default."""
    start_text, end_text = value(params, "start_date"), value(params, "end_date")
    start = parse_datetime(start_text, "start_date") if start_text else None
    end = parse_datetime(end_text, "end_date") if end_text else None
    if start and end:
        if start > end:
            raise Open311Error(400, "start_date must not be after end_date.")
        if end - start > MAX_WINDOW:
            raise Open311Error(400, "start_date and end_date may not span more than 90 days.")
        return Window(start, end)
    if start:
        return Window(start, start + MAX_WINDOW)
    if end:
        return Window(end - MAX_WINDOW, end)
    return Window(now - MAX_WINDOW, now)


def _int(params, name: str, default: int, maximum: int) -> int:
    text = value(params, name)
    if not text:
        return default
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= maximum:
        raise Open311Error(400, f"{name} must be a whole number from 1 to {maximum}.")
    return int(text)


@dataclass(frozen=True)
class Page:
    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def page(params) -> Page:
    """The `page`/`page_size` extension; without it, the first 1,000 items."""
    return Page(
        _int(params, "page", 1, MAX_PAGE), _int(params, "page_size", MAX_PAGE_SIZE, MAX_PAGE_SIZE)
    )


def comma_list(params, name: str) -> list[str]:
    items = [item.strip() for item in value(params, name).split(",")]
    items = [item for item in items if item]
    if len(items) > MAX_IDS:
        raise Open311Error(400, f"{name} may list at most {MAX_IDS} values.")
    return items


def request_id(text: str) -> int | None:
    """A service_request_id as a number, None if no request here can have it."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def request_ids(params) -> list[int]:
    """`service_request_id` as numbers; ids that cannot exist here are dropped."""
    ids = (request_id(text) for text in comma_list(params, "service_request_id"))
    return [pk for pk in ids if pk is not None]


def statuses(params) -> set[str]:
    wanted = {item.lower() for item in comma_list(params, "status")}
    if not wanted <= {"open", "closed"}:
        raise Open311Error(400, "status must be open, closed or both (comma separated).")
    return wanted


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")
