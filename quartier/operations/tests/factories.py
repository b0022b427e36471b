"""Small builders shared by the operations tests."""

import datetime as dt

from quartier.operations import actions
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory

MONDAY = dt.date(2026, 11, 16)  # an ordinary week in Krefeld: no public holiday


def t(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def weekly(actor, helper, quarter, *, weekdays=range(5), start="08:00", end="16:00", base=None):
    return [
        actions.add_shift_pattern(
            actor=actor,
            helper=helper,
            weekday=wd,
            quarter=quarter,
            base=base,
            starts_at=t(start),
            ends_at=t(end),
            valid_from=dt.date(2026, 1, 1),
        )
        for wd in weekdays
    ]


def dumping_report(user, lat, lon, *, code="abfall-wilder-muell", address=""):
    report, _created = submit_report(
        reporter=user,
        category=ReportCategory.objects.get(code=code),
        latitude=lat,
        longitude=lon,
        address=address,
    )
    return report
