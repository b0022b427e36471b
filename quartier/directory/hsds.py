"""The Wegweiser as Open Referral HSDS 3.0 JSON (a documented subset, see docs/directory.md).

Export: the shape of the HSDS API's ``GET /services`` answer, a page whose ``contents`` are
full service objects with their organization, phones, schedules, languages, service areas,
locations (through service_at_locations) and taxonomy attributes.
Import: that page, a plain list of services or a single service. The whole document is
validated first; any problem raises DirectoryImportError and nothing is written.
"""

from __future__ import annotations

import json
import re
import uuid

from django.utils.translation import gettext as _

from quartier.directory.csv_format import DirectoryImportError
from quartier.directory.forms import EntryRowForm, ImportLookups
from quartier.directory.handout_labels import NATIVE_LANGUAGE_NAMES

# Ids of the nested objects are derived from the entry's id so an export is stable.
NAMESPACE = uuid.UUID("5d0c7f0e-3b7a-4c55-9a56-6a3f1b0e8c21")
TAXONOMY = "quartier-needs"
CITYWIDE_AREA = "Krefeld"
MAX_SERVICES = 10_000
_POSTCODE = re.compile(r"\b(\d{5})\b")


def _sub_id(entry, kind: str, value: str = "") -> str:
    return str(uuid.uuid5(NAMESPACE, f"{entry.external_id}:{kind}:{value}"))


def _organization(entry) -> dict:
    name = entry.provider or entry.name
    return {"id": str(uuid.uuid5(NAMESPACE, f"org:{name}")), "name": name, "description": ""}


def _location(entry) -> dict:
    postcode = _POSTCODE.search(entry.address)
    return {
        "id": _sub_id(entry, "location"),
        "location_type": "physical",
        "name": entry.provider or entry.name,
        "addresses": [
            {
                "id": _sub_id(entry, "address"),
                "address_1": entry.address,
                "city": "Krefeld",
                "state_province": "NW",
                "postal_code": postcode.group(1) if postcode else "",
                "country": "DE",
                "address_type": "physical",
            }
        ],
        "accessibility": (
            [{"id": _sub_id(entry, "accessibility"), "description": entry.accessibility}]
            if entry.accessibility
            else []
        ),
    }


def service_for(entry) -> dict:
    """One entry as an HSDS 3.0 service (internal notes are never exported)."""
    area = entry.quarter.name if entry.quarter_id else CITYWIDE_AREA
    return {
        "id": str(entry.external_id),
        "organization": _organization(entry),
        "name": entry.name,
        "description": entry.description,
        "url": entry.website,
        "email": entry.email,
        "status": "active" if entry.is_active else "inactive",
        "fees_description": entry.cost,
        "phones": ([{"id": _sub_id(entry, "phone"), "number": entry.phone}] if entry.phone else []),
        "schedules": (
            [{"id": _sub_id(entry, "schedule"), "description": entry.opening_hours}]
            if entry.opening_hours
            else []
        ),
        "languages": [
            {
                "id": _sub_id(entry, "language", code),
                "code": code,
                "name": NATIVE_LANGUAGE_NAMES.get(code, code),
            }
            for code in entry.language_codes
        ],
        "service_areas": [
            {
                "id": _sub_id(entry, "area"),
                "name": area,
                "description": entry.quarter.slug if entry.quarter_id else "stadtweit",
            }
        ],
        "service_at_locations": (
            [{"id": _sub_id(entry, "sal"), "location": _location(entry)}] if entry.address else []
        ),
        "attributes": [
            {
                "id": _sub_id(entry, "attribute", topic.code),
                "taxonomy_term": {
                    "id": str(uuid.uuid5(NAMESPACE, f"topic:{topic.code}")),
                    "code": topic.code,
                    "name": topic.name,
                    "taxonomy": TAXONOMY,
                },
            }
            for topic in entry.topics.all()
        ],
        # Not part of HSDS: translated name/description for the large-print handouts.
        "x_translations": entry.translations or {},
    }


def export_hsds(entries) -> str:
    services = [service_for(entry) for entry in entries]
    page = {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }
    return json.dumps(page, ensure_ascii=False, indent=2)


def _services_in(document) -> list:
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and "name" in document:
        return [document]
    raise DirectoryImportError(
        [_("Keine HSDS-Dienste gefunden (erwartet: „contents“, Liste oder Dienst).")]
    )


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    raise ValueError(_("Text erwartet"))


def _first(items, collection: str, key: str) -> str:
    """`key` of the first object in the list `collection` ("" if the list is empty)."""
    if not items:
        return ""
    if not isinstance(items, list) or not isinstance(items[0], dict):
        raise ValueError(_("„%(key)s“ muss eine Liste von Objekten sein") % {"key": collection})
    return _text(items[0].get(key))


def _address(service: dict) -> tuple[str, str]:
    """(address, accessibility) from the first location of the service."""
    locations = service.get("service_at_locations") or []
    if not locations:
        return "", ""
    if not isinstance(locations, list) or not isinstance(locations[0], dict):
        raise ValueError(_("„service_at_locations“ muss eine Liste von Objekten sein"))
    location = locations[0].get("location") or {}
    if not isinstance(location, dict):
        raise ValueError(_("„location“ muss ein Objekt sein"))
    address = _first(location.get("addresses"), "addresses", "address_1")
    return address, _first(location.get("accessibility"), "accessibility", "description")


def _codes(items, key: str, nested: str = "") -> str:
    if not items:
        return ""
    if not isinstance(items, list):
        raise ValueError(_("„%(key)s“ muss eine Liste sein") % {"key": key})
    codes = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError(_("„%(key)s“ muss eine Liste von Objekten sein") % {"key": key})
        source = item.get(nested) if nested else item
        if nested and not isinstance(source, dict):
            continue
        codes.append(_text(source.get("code")))
    return " ".join(code for code in codes if code)


def _row_values(service: dict) -> dict:
    organization = service.get("organization") or {}
    if not isinstance(organization, dict):
        raise ValueError(_("„organization“ muss ein Objekt sein"))
    address, accessibility = _address(service)
    areas = service.get("service_areas") or []
    return {
        "id": _text(service.get("id")),
        "name": _text(service.get("name")),
        "provider": _text(organization.get("name")),
        "description": _text(service.get("description")),
        "topics": _codes(service.get("attributes"), "attributes", nested="taxonomy_term"),
        "address": address,
        "quarter": _area(areas),
        "phone": _first(service.get("phones"), "phones", "number"),
        "email": _text(service.get("email")),
        "website": _text(service.get("url")),
        "opening_hours": _first(service.get("schedules"), "schedules", "description"),
        "languages": _codes(service.get("languages"), "languages"),
        "accessibility": accessibility,
        "cost": _text(service.get("fees_description")),
        "is_active": _text(service.get("status")) in {"", "active"},
    }


def _area(areas) -> str:
    name = _first(areas, "service_areas", "name")
    return "" if name == CITYWIDE_AREA else name


def _translations(service: dict) -> dict:
    value = service.get("x_translations") or {}
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ValueError(_("„x_translations“ muss ein Objekt je Sprache sein"))
    return {
        code: {key: _text(texts.get(key)) for key in ("name", "description") if texts.get(key)}
        for code, texts in value.items()
    }


def _service_form(service, lookups) -> EntryRowForm:
    if not isinstance(service, dict):
        raise ValueError(_("kein Objekt"))
    for required in ("id", "name"):
        if not service.get(required):
            raise ValueError(_("Pflichtfeld „%(field)s“ fehlt") % {"field": required})
    return EntryRowForm(_row_values(service), lookups=lookups, translations=_translations(service))


def _load(raw: bytes):
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise DirectoryImportError([_("Die Datei ist nicht in UTF-8 gespeichert.")]) from error
    except RecursionError as error:  # [[[[…]]]] thousands deep: Python's parser gives up
        raise DirectoryImportError(
            [_("Die Datei ist zu tief verschachtelt; HSDS braucht nur wenige Ebenen.")]
        ) from error
    except json.JSONDecodeError as error:
        raise DirectoryImportError(
            [
                _("Die Datei ist kein gültiges JSON (Zeile %(line)d, Spalte %(col)d: %(msg)s).")
                % {"line": error.lineno, "col": error.colno, "msg": error.msg}
            ]
        ) from error


def parse_hsds(raw: bytes, *, is_example_data: bool = False) -> list:
    """Validate an HSDS JSON document; returns actions.EntryData or raises DirectoryImportError."""
    services = _services_in(_load(raw))
    if not services:
        raise DirectoryImportError([_("Die Datei enthält keine Dienste.")])
    if len(services) > MAX_SERVICES:
        raise DirectoryImportError([_("Mehr als 10 000 Dienste in einer Datei.")])
    lookups = ImportLookups()
    entries, errors = [], []
    for number, service in enumerate(services, start=1):
        where = _("Dienst %(n)d") % {"n": number}
        if isinstance(service, dict) and service.get("name"):
            where += f" („{_text(service.get('name'))[:60]}“)"
        try:
            form = _service_form(service, lookups)
        except ValueError as error:
            errors.append(f"{where}: {error}")
            continue
        if not form.is_valid():
            errors.append(f"{where}: {form.error_text()}")
            continue
        entries.append(form.entry_data(is_example_data=is_example_data))
    ids = [entry.external_id for entry in entries]
    if len(ids) != len(set(ids)):
        errors.append(_("Eine Dienst-Kennung (id) kommt mehrfach vor."))
    if errors:
        raise DirectoryImportError(errors)
    return entries
