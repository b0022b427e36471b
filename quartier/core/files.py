"""Uploaded files that never outlive their record, and a clear error when they cannot be written.

Every storage backend used for uploads (the local directory, S3-compatible object storage)
goes through `TrackedStorage`: a failed write (disk full, read-only directory, object store
down) raises `StorageError` and leaves no partial file behind, and inside
`files_kept_only_on_success()` every file written is deleted again when the block fails, so a
rolled-back record never leaves an orphan file that retention and erasure would not find.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.core.files.storage import FileSystemStorage as DjangoFileSystemStorage

log = logging.getLogger(__name__)

_written: contextvars.ContextVar[list | None] = contextvars.ContextVar("written", default=None)


class StorageError(Exception):
    """A file could not be stored; nothing of the request was kept (answered with 503)."""


class TrackedStorage:
    """Mixin for a Django storage: write failures become StorageError, writes are tracked."""

    def _save(self, name, content):
        existed = self._exists_quietly(name)
        try:
            saved = super()._save(name, content)
        except Exception as exc:
            if not existed:
                self._delete_quietly(name)
            log.error("storage: writing %s failed: %s", name, type(exc).__name__)
            raise StorageError(str(exc)) from exc
        written = _written.get()
        if written is not None:
            written.append((self, saved))
        return saved

    def _exists_quietly(self, name) -> bool:
        try:
            return self.exists(name)
        except Exception:  # noqa: BLE001 - only a hint for the clean-up
            return True

    def _delete_quietly(self, name) -> None:
        try:
            self.delete(name)
        except Exception:  # noqa: BLE001 - read-only: nothing was written either
            log.warning("storage: could not remove %s", name)


class FileSystemStorage(TrackedStorage, DjangoFileSystemStorage):
    """The local media directory (MEDIA_ROOT), or a shared directory mounted there."""


@contextlib.contextmanager
def files_kept_only_on_success():
    """Delete the files written inside the block again if the block raises."""
    outer = _written.get()
    written: list = []
    token = _written.set(written)
    try:
        yield
    except BaseException:
        for storage, name in written:
            storage._delete_quietly(name)
        raise
    finally:
        _written.reset(token)
        if outer is not None:
            outer.extend(written)
