"""A helper's rota as an iCalendar feed (RFC 5545), for the calendar on her phone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from quartier.operations import rota

WEEKS_BEFORE = 2
WEEKS_AHEAD = 8


def _moment(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def rota_calendar(helper, *, today: dt.date | None = None) -> bytes:
    """Her shifts from two weeks back to eight weeks ahead; a stable UID per shift."""
    today = today or timezone.localdate()
    start = rota.week_start(today) - dt.timedelta(weeks=WEEKS_BEFORE)
    end = start + dt.timedelta(weeks=WEEKS_BEFORE + WEEKS_AHEAD, days=-1)
    calendar = Calendar()
    calendar.add("prodid", "-//Stadt Krefeld//Quartiershelfer Einsatzplan//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Einsatzplan Quartiershelfer*innen")
    stamp = timezone.now()
    for shift in rota.plan(start, end, helpers=[helper]).shifts:
        event = Event()
        event.add("uid", f"shift-{helper.pk}-{shift.day:%Y%m%d}-{shift.starts_at:%H%M}@quartier")
        event.add("dtstamp", stamp)
        event.add("dtstart", _moment(shift.day, shift.starts_at))
        event.add("dtend", _moment(shift.day, shift.ends_at))
        event.add("summary", f"Dienst {shift.quarter.name}")
        if shift.base is not None:
            event.add("location", f"{shift.base.name}, {shift.base.address}")
        calendar.add_component(event)
    return calendar.to_ical()
