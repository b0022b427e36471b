"""Parts of pages kept in each server process while the database's data is unchanged.

A page part (rendered HTML and what the page needs to know about it) is kept under a key the
caller builds from everything the part depends on besides the data: the permission scope,
the URL with its query, the language, the day. It is served again only while the data
version (`core.data_version`) is the one read before the part was built, and for at most
`MAX_AGE` seconds; a write anywhere, in any process, moves the version on. Inside a
transaction or on another database nothing is kept. docs/adr/0023-inbox-listing-kept.md.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings

from quartier.core import data_version

MAX_ENTRIES = 512
MAX_AGE = 60.0

_entries: OrderedDict[tuple, tuple[Any, float, Any]] = OrderedDict()
_lock = threading.Lock()


def kept(key: tuple, build: Callable[[], Any]) -> Any:
    """The part under `key`: the kept one while the data is unchanged, else `build()`."""
    if not getattr(settings, "KEPT_PAGE_PARTS", True):
        return build()
    version = data_version.current()
    if version is None:
        return build()
    now = time.monotonic()
    with _lock:
        entry = _entries.get(key)
    if entry is not None and entry[0] == version and entry[1] > now:
        return entry[2]
    value = build()
    with _lock:
        _entries[key] = (version, now + MAX_AGE, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
