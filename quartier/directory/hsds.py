"""The Wegweiser as Open Referral HSDS 3.0 JSON (a documented subset, see docs/directory.md).

Export: the shape of the HSDS API's ``GET /services`` answer, a page whose ``contents`` are
full service objects with their organization, phones, schedules, languages, service areas,
locations (through service_at_locations) and the needs taxonomy as HSDS taxonomy terms. Every
service validates against the official compiled schema (tests keep a copy); the page declares
the HSDS version. Empty optional fields are left out (HSDS wants a URI or an e-mail address,
not ""); internal notes are never exported.
Import: `hsds_import.py`.
"""

from __future__ import annotations

import json
import re
import uuid

from quartier.directory.handout_labels import NATIVE_LANGUAGE_NAMES

# Ids of the nested objects are derived from the entry's id so an export is stable.
NAMESPACE = uuid.UUID("5d0c7f0e-3b7a-4c55-9a56-6a3f1b0e8c21")
TAXONOMY = "quartier-needs"
HSDS_VERSION = "3.0"
CITYWIDE_AREA = "Krefeld"
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


def _taxonomy_detail() -> dict:
    return {
        "id": str(uuid.uuid5(NAMESPACE, f"taxonomy:{TAXONOMY}")),
        "name": "Bedarfe im Quartiershelfer-Programm Krefeld",
        "description": "Themen, nach denen die Quartiershelfer*innen Bedarfe erfassen "
        "und Angebote im Wegweiser ordnen (zwei Ebenen).",
        "version": "1",
    }


def _topic_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"topic:{code}"))


def taxonomy_term(topic) -> dict:
    """A needs topic as an HSDS taxonomy term (with its parent and a description)."""
    parent = topic.parent if topic.parent_id else None
    description = (
        f"Bedarf „{topic.name}“ im Bereich „{parent.name}“."
        if parent
        else f"Bedarfsbereich „{topic.name}“."
    )
    term = {
        "id": _topic_id(topic.code),
        "code": topic.code,
        "name": topic.name,
        "description": description,
        "taxonomy": TAXONOMY,
        "taxonomy_detail": _taxonomy_detail(),
        "language": "de",
    }
    if parent:
        term["parent_id"] = _topic_id(parent.code)
    return term


def _optional(**values) -> dict:
    """Only the values that are not empty (HSDS formats refuse "")."""
    return {key: value for key, value in values.items() if value}


def service_for(entry) -> dict:
    """One entry as an HSDS 3.0 service (internal notes are never exported)."""
    area = entry.quarter.name if entry.quarter_id else CITYWIDE_AREA
    return {
        "id": str(entry.external_id),
        "organization": _organization(entry),
        "name": entry.name,
        "description": entry.description,
        **_optional(url=entry.website, email=entry.email),
        "status": "active" if entry.is_active else "inactive",
        **_optional(fees_description=entry.cost),
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
            {"id": _sub_id(entry, "attribute", topic.code), "taxonomy_term": taxonomy_term(topic)}
            for topic in entry.topics.all()
        ],
        # Not part of HSDS: translated name/description for the large-print handouts.
        "x_translations": entry.translations or {},
    }


def export_hsds(entries) -> str:
    services = [service_for(entry) for entry in entries]
    page = {
        "version": HSDS_VERSION,
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
