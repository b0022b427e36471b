"""Importing Open Referral HSDS 3.0 JSON into the Wegweiser.

What it is given is recognised: an HSDS API page (``contents``), a plain list of services, a
single service, or an organization with its ``services`` (their provider is the
organization). Each service is checked; a service that cannot be read at all (no id or name,
a field of the wrong type, a spreadsheet formula) stops the import and nothing is written.
Values the Wegweiser does not know (a topic code, a quarter, a language) and HSDS fields it
does not hold are not errors: they are left out and listed, per service, in the report.

Only fields the file carries are changed: an entry's internal notes, or its topics when the
file has no ``attributes``, stay as they are on a re-import.

The document is read with limits (size, nesting depth) before it is parsed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from quartier.directory.csv_format import DirectoryImportError
from quartier.directory.forms import EntryRowForm, ImportLookups
from quartier.directory.hsds import CITYWIDE_AREA
from quartier.directory.models import LANGUAGE_NAMES

MAX_SERVICES = 10_000
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
# The Wegweiser's fields and the HSDS service fields they come from.
SOURCES = {
    "name": "name",
    "provider": "organization",
    "description": "description",
    "topics": "attributes",
    "address": "service_at_locations",
    "accessibility": "service_at_locations",
    "quarter": "service_areas",
    "phone": "phones",
    "email": "email",
    "website": "url",
    "opening_hours": "schedules",
    "languages": "languages",
    "cost": "fees_description",
    "is_active": "status",
}
MAPPED = {*SOURCES.values(), "id", "x_translations"}
ORGANIZATION_KEYS = {"website", "legal_status", "year_incorporated", "organization_identifiers"}


@dataclass
class ParsedImport:
    """The entries to write and what happened to each record, for the person importing."""

    kind: str
    entries: list = field(default_factory=list)
    report: list[str] = field(default_factory=list)


def _depth(text: str) -> int:
    """The deepest nesting of objects and arrays (strings are skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def load(raw: bytes):
    """The JSON document; too large, too deep or broken files are a DirectoryImportError."""
    if len(raw) > MAX_BYTES:
        raise DirectoryImportError([_("Die Datei ist größer als 5 MB.")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DirectoryImportError([_("Die Datei ist nicht in UTF-8 gespeichert.")]) from error
    if _depth(text) > MAX_DEPTH:
        raise DirectoryImportError(
            [_("Die Datei ist zu tief verschachtelt (mehr als %(n)d Ebenen).") % {"n": MAX_DEPTH}]
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DirectoryImportError(
            [
                _("Die Datei ist kein gültiges JSON (Zeile %(line)d, Spalte %(col)d: %(msg)s).")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg}
            ]
        ) from error


def classify(document) -> tuple[str, list, str]:
    """(kind, services, provider for all of them or "")."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return _("Liste von Diensten (HSDS-Seite)"), document["contents"], ""
    if isinstance(document, list):
        return _("Liste von Diensten"), document, ""
    if isinstance(document, dict) and isinstance(document.get("services"), list):
        return _("Organisation mit Diensten"), document["services"], _text(document.get("name"))
    if isinstance(document, dict) and "name" in document:
        if ORGANIZATION_KEYS & set(document) and "status" not in document:
            raise DirectoryImportError(
                [_("Das ist eine Organisation ohne Dienste: es gibt nichts zu importieren.")]
            )
        return _("ein Dienst"), [document], ""
    raise DirectoryImportError(
        [_("Keine HSDS-Dienste gefunden (erwartet: „contents“, Liste, Dienst oder Organisation).")]
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    raise ValueError(_("Text erwartet"))


def _objects(items, key: str) -> list[dict]:
    if not items:
        return []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise ValueError(_("„%(key)s“ muss eine Liste von Objekten sein") % {"key": key})
    return items


def _first(items, key: str, name: str) -> str:
    objects = _objects(items, key)
    return _text(objects[0].get(name)) if objects else ""


def _location(service: dict) -> tuple[str, str]:
    """(address, accessibility) from the first location of the service."""
    locations = _objects(service.get("service_at_locations"), "service_at_locations")
    if not locations:
        return "", ""
    location = locations[0].get("location") or {}
    if not isinstance(location, dict):
        raise ValueError(_("„location“ muss ein Objekt sein"))
    address = _first(location.get("addresses"), "addresses", "address_1")
    return address, _first(location.get("accessibility"), "accessibility", "description")


def _codes(items, key: str, nested: str = "") -> list[str]:
    codes = []
    for item in _objects(items, key):
        source = item.get(nested) if nested else item
        if isinstance(source, dict) and _text(source.get("code")):
            codes.append(_text(source.get("code")).lower())
    return codes


class _Record:
    """One HSDS service on its way to a Wegweiser entry, with notes on what was left out."""

    def __init__(self, service: dict, provider: str, lookups: ImportLookups):
        self.service = service
        self.provider = provider
        self.lookups = lookups
        self.unknown: list[str] = []

    def carried(self) -> set[str]:
        """The Wegweiser fields this service carries (only those are written)."""
        present = {key for key in self.service if self.service.get(key) is not None}
        names = {name for name, source in SOURCES.items() if source in present}
        if self.provider:
            names.add("provider")
        return names

    def _topics(self) -> str:
        codes = _codes(self.service.get("attributes"), "attributes", nested="taxonomy_term")
        known = [code for code in codes if code in self.lookups.topics]
        self.unknown += [_("Thema „%(c)s“") % {"c": code} for code in codes if code not in known]
        return " ".join(known)

    def _languages(self) -> str:
        codes = _codes(self.service.get("languages"), "languages")
        known = [code for code in codes if code in LANGUAGE_NAMES]
        self.unknown += [_("Sprache „%(c)s“") % {"c": code} for code in codes if code not in known]
        return " ".join(known)

    def _quarter(self) -> str | None:
        """The quarter's name or slug; None if the area is unknown (then it is left out)."""
        name = _first(self.service.get("service_areas"), "service_areas", "name")
        if not name or name == CITYWIDE_AREA or name.lower() in {"stadtweit", "krefeld"}:
            return ""
        if name.lower() in self.lookups.quarters:
            return name
        self.unknown.append(_("Gebiet „%(n)s“") % {"n": name[:60]})
        return None

    def values(self) -> dict:
        organization = self.service.get("organization") or {}
        if not isinstance(organization, dict):
            raise ValueError(_("„organization“ muss ein Objekt sein"))
        address, accessibility = _location(self.service)
        values = {
            "id": _text(self.service.get("id")),
            "name": _text(self.service.get("name")),
            "provider": self.provider or _text(organization.get("name")),
            "description": _text(self.service.get("description")),
            "topics": self._topics(),
            "address": address,
            "phone": _first(self.service.get("phones"), "phones", "number"),
            "email": _text(self.service.get("email")),
            "website": _text(self.service.get("url")),
            "opening_hours": _first(self.service.get("schedules"), "schedules", "description"),
            "languages": self._languages(),
            "accessibility": accessibility,
            "cost": _text(self.service.get("fees_description")),
            "is_active": _text(self.service.get("status")) in {"", "active"},
        }
        quarter = self._quarter()
        if quarter is not None:
            values["quarter"] = quarter
        return values

    def translations(self) -> dict:
        value = self.service.get("x_translations") or {}
        if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
            raise ValueError(_("„x_translations“ muss ein Objekt je Sprache sein"))
        return {
            code: {key: _text(texts.get(key)) for key in ("name", "description") if texts.get(key)}
            for code, texts in value.items()
        }


def _entry(record: _Record, is_example_data: bool):
    """(EntryData, error text) for one record."""
    service = record.service
    for required in ("id", "name"):
        if not service.get(required):
            raise ValueError(_("Pflichtfeld „%(field)s“ fehlt") % {"field": required})
    values = record.values()
    form = EntryRowForm(values, lookups=record.lookups, translations=record.translations())
    if not form.is_valid():
        return None, form.error_text()
    data = form.entry_data(is_example_data=is_example_data)
    carried = record.carried() & set(values)
    data.values = {
        key: value
        for key, value in data.values.items()
        if key in carried
        or key == "is_example_data"
        or (key == "translations" and "x_translations" in service)
    }
    if "topics" not in carried:
        data.topics = None  # the file says nothing about topics: keep the entry's
    return data, ""


def _report_line(where: str, record: _Record) -> str:
    present = [key for key in record.service if record.service.get(key) not in (None, "", [])]
    mapped = [key for key in present if key in MAPPED]
    skipped = [key for key in present if key not in MAPPED]
    line = _("%(where)s: übernommen: %(mapped)s") % {"where": where, "mapped": ", ".join(mapped)}
    if skipped:
        line += _("; im Wegweiser nicht vorgesehen: %(s)s") % {"s": ", ".join(skipped)}
    if record.unknown:
        line += _("; unbekannt, ausgelassen: %(u)s") % {"u": ", ".join(record.unknown)}
    return line


def parse_hsds_document(raw: bytes, *, is_example_data: bool = False) -> ParsedImport:
    """Read an HSDS document; raises DirectoryImportError if any service cannot be read."""
    kind, services, provider = classify(load(raw))
    if not services:
        raise DirectoryImportError([_("Die Datei enthält keine Dienste.")])
    if len(services) > MAX_SERVICES:
        raise DirectoryImportError([_("Mehr als 10 000 Dienste in einer Datei.")])
    lookups = ImportLookups()
    result, errors = ParsedImport(kind=kind), []
    for number, service in enumerate(services, start=1):
        where = _("Dienst %(n)d") % {"n": number}
        if not isinstance(service, dict):
            errors.append(f"{where}: {_('kein Objekt')}")
            continue
        if service.get("name"):
            where += f" („{str(service.get('name'))[:60]}“)"
        record = _Record(service, provider, lookups)
        try:
            data, error = _entry(record, is_example_data)
        except ValueError as problem:
            data, error = None, str(problem)
        if data is None:
            errors.append(f"{where}: {error}")
            continue
        result.entries.append(data)
        result.report.append(_report_line(where, record))
    ids = [entry.external_id for entry in result.entries]
    if len(ids) != len(set(ids)):
        errors.append(_("Eine Dienst-Kennung (id) kommt mehrfach vor."))
    if errors:
        raise DirectoryImportError(errors)
    return result


def parse_hsds(raw: bytes, *, is_example_data: bool = False) -> list:
    """The entries of an HSDS document (see parse_hsds_document for the report)."""
    return parse_hsds_document(raw, is_example_data=is_example_data).entries
