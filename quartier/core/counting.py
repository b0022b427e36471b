"""Counting large querysets without counting them on every request.

A page's "1 234 Meldungen" or a tab's badge needs a COUNT over everything that matches; at a
million rows that is a scan of tens of thousands of index entries per request. Small sets
are counted exactly and live (a COUNT over at most `exact_below` rows); larger ones are
counted at most every `seconds` and the number is kept in the shared cache; a process that
found a count large reads that cached number first, without counting even `exact_below` rows
(docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

EXACT_BELOW = 1000
CACHE_SECONDS = 30


# Counts this process found large lately (cache key -> until when, monotonic seconds): for
# them the cached total is read first, without the COUNT over `exact_below` rows.
_LARGE: dict[str, float] = {}
_LARGE_MAX = 2000


def count_of(queryset, *, exact_below: int | None = None, seconds: int = CACHE_SECONDS) -> int:
    """The number of rows of `queryset`: live below `exact_below` (default EXACT_BELOW), else
    at most `seconds` old."""
    limit = EXACT_BELOW if exact_below is None else exact_below
    queryset = queryset.order_by()
    key = _cache_key(queryset)
    if _LARGE.get(key, 0) > time.monotonic():
        total = cache.get(key)
        if total is not None:
            return total
    small = queryset[:limit].count()
    if small < limit:
        return small
    total = cache.get(key)
    if total is None:
        total = queryset.count()
        cache.set(key, total, seconds)
    _remember_large(key, seconds)
    return total


def _cache_key(queryset) -> str:
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return "core:count:empty"
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()[:40]
    return f"core:count:{digest}"


def _remember_large(key: str, seconds: int) -> None:
    now = time.monotonic()
    if len(_LARGE) >= _LARGE_MAX:
        for stale in [k for k, until in _LARGE.items() if until <= now]:
            _LARGE.pop(stale, None)
        if len(_LARGE) >= _LARGE_MAX:
            _LARGE.clear()
    _LARGE[key] = now + seconds


class CountingPaginator(Paginator):
    """A Paginator whose total comes from `count_of` (large totals briefly cached)."""

    @cached_property
    def count(self) -> int:
        return count_of(self.object_list)
