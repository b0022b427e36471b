"""Keep the public figures ready: the last four calendar quarters, computed every ten minutes
by the worker, so that no visitor waits for a year of medians (see docs/benchmarks.md)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from quartier.public import queries


@task()
def warm_figures() -> int:
    from quartier.public.views import last_quarters

    periods = last_quarters(timezone.localdate())
    for _label, start, end in periods:
        queries.refresh_figures(start, end)
    return len(periods)
