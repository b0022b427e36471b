"""The Wegweiser as CSV: one entry per row, German Excel friendly (semicolon, UTF-8 with BOM).

Reading validates the whole file first and raises DirectoryImportError with every problem and
its line number; only a file without errors is handed to actions.import_entries.
"""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from quartier.core.spreadsheet import neutralise, restore
from quartier.directory.forms import (
    TRANSLATED_FIELDS,
    TRANSLATION_LANGUAGES,
    EntryRowForm,
    ImportLookups,
)

COLUMNS = [
    "id",
    "name",
    "provider",
    "description",
    "topics",
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
    "is_active",
]
TRANSLATION_COLUMNS = [
    f"{name}_{code}" for code in TRANSLATION_LANGUAGES for name in TRANSLATED_FIELDS
]
MAX_ROWS = 10_000
FALSE_VALUES = {"0", "nein", "no", "false", "falsch", "inaktiv"}


class DirectoryImportError(ValueError):
    """The file cannot be imported; `errors` are German messages for the user."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


def export_csv(entries) -> str:
    """Entries (with quarter and topics prefetched) as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS + TRANSLATION_COLUMNS)
    for entry in entries:
        row = [
            str(entry.external_id),
            entry.name,
            entry.provider,
            entry.description,
            " ".join(topic.code for topic in entry.topics.all()),
            entry.address,
            entry.quarter.slug if entry.quarter_id else "stadtweit",
            entry.phone,
            entry.email,
            entry.website,
            entry.opening_hours,
            " ".join(entry.language_codes),
            entry.accessibility,
            entry.cost,
            entry.notes,
            "ja" if entry.is_active else "nein",
        ]
        translations = entry.translations or {}
        row += [
            translations.get(code, {}).get(name, "")
            for code in TRANSLATION_LANGUAGES
            for name in TRANSLATED_FIELDS
        ]
        writer.writerow([neutralise(value) for value in row])
    return "\ufeff" + out.getvalue()


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DirectoryImportError(
            [_("Zeile %(line)d: Die Datei ist nicht in UTF-8 gespeichert.") % {"line": line}]
        ) from error


def _reader(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _check_header(reader) -> None:
    try:
        header = reader.fieldnames or []
    except csv.Error as error:  # e.g. a quote that never closes
        raise DirectoryImportError(
            [_("Zeile 1: Die CSV-Datei ist fehlerhaft (%(error)s).") % {"error": error}]
        ) from error
    if "name" not in header:
        raise DirectoryImportError(
            [_("Zeile 1: Die Kopfzeile braucht mindestens die Spalte „name“.")]
        )
    unknown = [column for column in header if column not in COLUMNS + TRANSLATION_COLUMNS]
    if unknown:
        raise DirectoryImportError(
            [_("Zeile 1: Unbekannte Spalten: %(columns)s") % {"columns": ", ".join(unknown)}]
        )


def _row_form(row: dict, lookups) -> EntryRowForm:
    if None in row:
        raise ValueError(_("mehr Werte als Spalten in der Kopfzeile"))
    values = {key: restore((value or "").strip()) for key, value in row.items()}
    values["is_active"] = values.get("is_active", "").lower() not in FALSE_VALUES
    translations = {}
    for code in TRANSLATION_LANGUAGES:
        texts = {name: values.pop(f"{name}_{code}", "") for name in TRANSLATED_FIELDS}
        texts = {name: text for name, text in texts.items() if text}
        if texts:
            translations[code] = texts
    return EntryRowForm(values, lookups=lookups, translations=translations)


def _rows(reader):
    """(line number, row) pairs; a broken record raises DirectoryImportError with its line."""
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise DirectoryImportError(
                [
                    _("Zeile %(line)d: Die CSV-Datei ist fehlerhaft (%(error)s).")
                    % {"line": first_line, "error": error}
                ]
            ) from error
        yield reader.line_num, row


def _validate_row(line: int, row: dict, lookups, is_example_data: bool):
    """(EntryData, None) or (None, German error message with the line number)."""
    try:
        form = _row_form(row, lookups)
    except ValueError as error:
        return None, _("Zeile %(line)d: %(error)s") % {"line": line, "error": error}
    if not form.is_valid():
        return None, _("Zeile %(line)d: %(error)s") % {"line": line, "error": form.error_text()}
    return form.entry_data(is_example_data=is_example_data), None


def parse_csv(raw: bytes, *, is_example_data: bool = False) -> list:
    """Validate a CSV file; returns a list of actions.EntryData or raises DirectoryImportError.

    Every row is checked and every problem reported (with its line), so one upload shows all
    that needs fixing; with any problem nothing is returned for import.
    """
    reader = _reader(_decode(raw))
    _check_header(reader)
    lookups = ImportLookups()
    entries, errors, seen_ids = [], [], set()
    for line, row in _rows(reader):
        if len(entries) + len(errors) >= MAX_ROWS:
            errors.append(_("Zeile %(line)d: mehr als 10 000 Einträge.") % {"line": line})
            break
        data, error = _validate_row(line, row, lookups, is_example_data)
        if data is not None and data.external_id is not None and data.external_id in seen_ids:
            data, error = None, _("Zeile %(line)d: Kennung doppelt in der Datei.") % {"line": line}
        if error:
            errors.append(error)
            continue
        seen_ids.add(data.external_id)
        entries.append(data)
    if errors:
        raise DirectoryImportError(errors)
    if not entries:
        raise DirectoryImportError([_("Die Datei enthält keine Einträge.")])
    return entries
