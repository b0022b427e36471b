"""Writes to the Wegweiser. Every function: keyword-only, one transaction, an audit entry."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction

from quartier.core.audit import audit
from quartier.directory.models import DirectoryEntry

# Plain fields an entry is created or updated with (topics are set separately).
ENTRY_FIELDS = (
    "name",
    "provider",
    "description",
    "address",
    "quarter",
    "phone",
    "email",
    "website",
    "opening_hours",
    "languages",
    "accessibility",
    "cost",
    "notes",
    "translations",
    "is_active",
    "is_example_data",
)


@dataclass
class EntryData:
    """A validated entry from a form or an import file (see forms.py, csv_format.py, hsds.py)."""

    name: str
    topics: list | None = field(default_factory=list)  # None: leave the entry's topics
    external_id: uuid.UUID | None = None  # to update/create with a stable id, None for new
    values: dict = field(default_factory=dict)  # any of ENTRY_FIELDS except name


def _apply(entry: DirectoryEntry, data: EntryData) -> DirectoryEntry:
    entry.name = data.name
    for key, value in data.values.items():
        if key not in ENTRY_FIELDS:
            raise ValueError(f"unknown directory entry field: {key}")
        setattr(entry, key, value)
    entry.full_clean(exclude=["topics", "external_id"])
    entry.save()
    if data.topics is not None:  # None: the import file says nothing about topics
        entry.topics.set(data.topics)
    return entry


def create_entry(*, actor, data: EntryData) -> DirectoryEntry:
    with transaction.atomic():
        entry = DirectoryEntry()
        if data.external_id is not None:
            entry.external_id = data.external_id
        _apply(entry, data)
        audit(actor, "directory.create", entry)
    return entry


def update_entry(*, actor, entry: DirectoryEntry, data: EntryData) -> DirectoryEntry:
    with transaction.atomic():
        _apply(entry, data)
        audit(actor, "directory.update", entry)
    return entry


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0


def import_entries(*, actor, entries: list[EntryData], source: str) -> ImportResult:
    """Create or update (by external_id) all entries in ONE transaction: all or nothing.

    The caller has validated every entry (csv_format.parse_csv / hsds_import.parse_hsds); a failure
    here still rolls back everything.
    """
    result = ImportResult()
    with transaction.atomic():
        ids = [data.external_id for data in entries if data.external_id is not None]
        existing = DirectoryEntry.objects.in_bulk(ids, field_name="external_id")
        for data in entries:
            entry = existing.get(data.external_id)
            if entry is None:
                entry = DirectoryEntry()
                if data.external_id is not None:
                    entry.external_id = data.external_id
                result.created += 1
            else:
                result.updated += 1
            _apply(entry, data)
        audit(actor, f"directory.import_{source}", object_type="directory.directoryentry")
    return result


def record_export(*, actor, file_format: str) -> None:
    """Exports are logged like every other bulk read."""
    with transaction.atomic():
        audit(actor, f"directory.export_{file_format}", object_type="directory.directoryentry")


def record_handout(*, actor, entry: DirectoryEntry, as_pdf: bool) -> None:
    with transaction.atomic():
        audit(actor, "directory.handout_pdf" if as_pdf else "directory.handout", entry)
