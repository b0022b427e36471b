"""Backup and restore of one installation: database and uploaded files, consistent.

A backup is one tar file (mode 0600: it holds residents' data) with
- `database.qjson.gz`: every record (Django's dumpdata; ids, natural keys only for content types
  and permissions, see core/backup_format.py; database-neutral, so a
  backup of SQLite restores into PostgreSQL and the other way round),
- `media/…`: exactly the uploaded files the records point to, read in the same database
  snapshot (no orphans, nothing a record needs left out),
- `manifest.json`: when, record counts per model, size and SHA-256 of every file.

Queued tasks, sessions and caches are not part of it: after a restore the sweeper queues every
waiting delivery again (core/sweeper.py). See docs/deploy.md for the schedule and restore drill.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, models, transaction
from django.utils import timezone

from quartier.core import registry

FORMAT_VERSION = 1
DATABASE_NAME = "database.qjson.gz"  # qjson: core/backup_format.py
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
]


class BackupError(Exception):
    """A backup that cannot be written or restored; the message says why (English, for ops)."""


def _file_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, field


def referenced_files() -> list[str]:
    names: set[str] = set()
    for model, field in _file_fields():
        values = model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
        names.update(name for name in values if name)
    return sorted(names)


def _snapshot():
    """A consistent read of the whole database for the rest of the transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _dump_database(workdir: Path) -> tuple[bytes, Counter]:
    path = workdir / DATABASE_NAME
    call_command(
        "dumpdata",
        format="qjson",
        natural_foreign=True,
        exclude=[*EXCLUDED, *registry.contributions("backup_excluded")],
        output=str(path),
        verbosity=0,
    )
    data = path.read_bytes()
    counts = Counter(record["model"] for record in json.loads(gzip.decompress(data)))
    return data, counts


def create_backup(target: Path) -> dict:
    """Write a backup archive to `target`; returns its manifest."""
    manifest = {"format": FORMAT_VERSION, "created_at": timezone.now().isoformat(), "files": {}}
    missing = []
    old_umask = os.umask(0o077)
    try:
        with tempfile.TemporaryDirectory() as tmp, transaction.atomic():
            _snapshot()
            database, counts = _dump_database(Path(tmp))
            names = referenced_files()
            with tarfile.open(target, "w") as archive:
                _add_bytes(archive, DATABASE_NAME, database)
                for name in names:
                    try:
                        with default_storage.open(name, "rb") as handle:
                            data = handle.read()
                    except (FileNotFoundError, OSError):
                        missing.append(name)
                        continue
                    _add_bytes(archive, f"media/{name}", data)
                    manifest["files"][name] = {
                        "size": len(data),
                        "sha256": hashlib.sha256(data).hexdigest(),
                    }
                manifest["records"] = dict(sorted(counts.items()))
                manifest["missing_files"] = missing
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
    finally:
        os.umask(old_umask)
    return manifest


def _read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(archive.extractfile("manifest.json").read())
    except (KeyError, ValueError) as exc:
        raise BackupError("not a Quartiershelfer backup (manifest.json missing)") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def _check_empty() -> None:
    from django.contrib.auth import get_user_model

    if get_user_model().objects.exists():
        raise BackupError(
            "the database is not empty; restore only into a new installation "
            "(or pass --replace to delete everything first)"
        )


def _restore_files(archive: tarfile.TarFile, manifest: dict) -> int:
    restored = 0
    for name, meta in manifest["files"].items():
        data = archive.extractfile(f"media/{name}").read()
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            raise BackupError(f"file {name} is damaged in the backup (checksum)")
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:
            raise BackupError(f"file {name} was stored as {saved}")
        restored += 1
    return restored


def restore_backup(source: Path, *, replace: bool = False) -> dict:
    """Load a backup into this (migrated) installation; returns the manifest."""
    with tarfile.open(source, "r") as archive:
        manifest = _read_manifest(archive)
        if not replace:
            _check_empty()
        # Rows created by data migrations (default categories …) come back from the backup.
        call_command("flush", interactive=False, verbosity=0)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / DATABASE_NAME
            path.write_bytes(archive.extractfile(DATABASE_NAME).read())
            with transaction.atomic():
                call_command("loaddata", str(path), verbosity=0)
        manifest["restored_files"] = _restore_files(archive, manifest)
    return manifest
