"""Whole answers of public reads, kept in each server process while the data is unchanged.

Partner systems and dashboards poll the same few URLs (`services.json`, the default list)
far more often than anything changes. An answer is kept per (URL with query, language) along
with the database's *data version* at the time it was built, and served again only while the
version is the same, so a cached answer is never older than the database (how the version
is read: `quartier/core/data_version.py`; inside a transaction or on another database
nothing is cached).

The version is read *before* the answer is built, so an answer is at most as old as its
version says. Answers that depend on the clock (the default 90-day window of `requests`)
carry an expiry: the moment their oldest report leaves the window. Every entry also expires
after `MAX_AGE` seconds. `OPEN311_ANSWER_CACHE=0` turns the cache off (for measuring).
docs/adr/0017-open311-answer-cache.md explains the choice.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from django.utils.translation import get_language

from quartier.core import data_version as core_data_version

MAX_ENTRIES = 256
MAX_BODY = 4_000_000
MAX_AGE = 60.0


@dataclass(frozen=True)
class Entry:
    version: object
    expires: float
    body: bytes
    content_type: str
    etag: str


_entries: OrderedDict[tuple, Entry] = OrderedDict()
_lock = threading.Lock()


def data_version():
    """The database's data version (`core.data_version`), None when answers cannot be cached."""
    if not getattr(settings, "OPEN311_ANSWER_CACHE", True):
        return None
    return core_data_version.current()


def _response(entry: Entry) -> HttpResponse:
    response = HttpResponse(entry.body, content_type=entry.content_type)
    response["ETag"] = entry.etag
    return response


def _keep(key: tuple, version, response: HttpResponse, expires: float) -> None:
    if response.status_code != 200 or len(response.content) > MAX_BODY:
        return
    set_response_etag(response)
    entry = Entry(version, expires, response.content, response["Content-Type"], response["ETag"])
    with _lock:
        _entries[key] = entry
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def cached(request, build: Callable[[], tuple[HttpResponse, float | None]]) -> HttpResponse:
    """The answer for this GET: the kept one while the data is unchanged, else `build()`.

    `build` returns the response and the wall-clock time (epoch seconds) until which it stays
    true without any write (None: until the next write).
    """
    version = data_version()
    if version is None:
        return build()[0]
    key = (request.get_full_path(), get_language())
    now = time.time()
    entry = _entries.get(key)
    if entry is not None and entry.version == version and entry.expires > now:
        return _response(entry)
    response, valid_until = build()
    expires = now + MAX_AGE if valid_until is None else min(now + MAX_AGE, valid_until)
    _keep(key, version, response, expires)
    return response


def clear() -> None:
    with _lock:
        _entries.clear()
