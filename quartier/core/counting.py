"""Counting large querysets without counting them on every request.

A page's "1 234 Meldungen" or a tab's badge needs a COUNT over everything that matches; at a
million rows that is a scan of tens of thousands of index entries per request. Small sets
are counted exactly and live (a COUNT over at most `exact_below` rows); larger ones are
counted at most every `seconds` in each server process, and the number is kept in the
process's memory, not in the database: a write to the database cache would move the data
version (`core.data_version`) and with it throw away every page part kept under it
(ADR 0023). While a count that ran out is counted again, the process's other threads answer
with the last number instead of counting too (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import threading
import time

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

EXACT_BELOW = 1000
CACHE_SECONDS = 30


# Large counts of this process: cache key -> (total, until when in monotonic seconds).
_KEPT: dict[str, tuple[int, float]] = {}
_KEPT_MAX = 2000
_COUNTING: set[str] = set()  # keys a thread is counting again right now
_lock = threading.Lock()
_now = time.monotonic


def count_of(queryset, *, exact_below: int | None = None, seconds: int = CACHE_SECONDS) -> int:
    """The number of rows of `queryset`: live below `exact_below` (default EXACT_BELOW), else
    at most `seconds` old (a little older while another thread counts it again)."""
    limit = EXACT_BELOW if exact_below is None else exact_below
    queryset = queryset.order_by()
    key = _cache_key(queryset)
    now = _now()
    with _lock:
        kept = _KEPT.get(key)
        if kept is not None and (kept[1] > now or key in _COUNTING):
            return kept[0]
        _COUNTING.add(key)
    try:
        small = queryset[:limit].count()
        if small < limit:
            with _lock:
                _KEPT.pop(key, None)
            return small
        total = queryset.count()
        _keep(key, total, _now() + seconds)
        return total
    finally:
        with _lock:
            _COUNTING.discard(key)


def forget() -> None:
    """Drop every kept count (tests, whose data changes inside rolled-back transactions)."""
    with _lock:
        _KEPT.clear()
        _COUNTING.clear()


def _cache_key(queryset) -> str:
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return "core:count:empty"
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()[:40]
    return f"core:count:{digest}"


def _keep(key: str, total: int, until: float) -> None:
    with _lock:
        if len(_KEPT) >= _KEPT_MAX:
            now = _now()
            for stale in [k for k, (_, end) in _KEPT.items() if end <= now]:
                del _KEPT[stale]
            if len(_KEPT) >= _KEPT_MAX:
                _KEPT.clear()
        _KEPT[key] = (total, until)


class CountingPaginator(Paginator):
    """A Paginator whose total comes from `count_of` (large totals briefly cached)."""

    @cached_property
    def count(self) -> int:
        return count_of(self.object_list)
