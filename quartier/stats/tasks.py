"""Background work of the statistics app: keep the usual periods' figures ready.

A year of a million reports and a million contacts takes tens of seconds to count on a small
server (docs/benchmarks.md). Every ten minutes the worker computes the dashboard for the
periods people open most (this and last year, the last four quarters, this and last month)
and stores them for longer than that, so a coordinator's request reads them from the cache.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from quartier.stats import aggregates, dashboard
from quartier.stats.periods import Period, default_period


def usual_periods(today=None) -> list[Period]:
    today = today or timezone.localdate()
    year = Period("year", today.year, today.year)
    quarter = default_period(today)
    month = Period("month", today.year, today.year, today.month)
    quarters = [quarter]
    for _i in range(3):
        quarters.append(quarters[-1].previous())
    return [year, year.previous(), *quarters, month, month.previous()]


@task()
def warm_statistics() -> int:
    """Compute and cache the usual periods for all quarters; returns how many."""
    periods = usual_periods()
    for period in periods:
        dashboard.refresh(period)
    return len(periods)


@task()
def fold_statistics() -> int:
    """Count the months changed since the last run again (see `aggregates.fold`)."""
    return aggregates.fold()
