"""Domain objects as GeoReport v2 rows (plain dicts, rendered as JSON or XML).

Coordinates are rounded to 4 decimals (about 10 m): enough to find a pile of rubbish, not
enough to point at a front door. Reports filed on behalf of a resident may lie at that
person's door: they show no description and no address, and coordinates to 3 decimals
(about 100 m).
"""

from __future__ import annotations

from django.utils import timezone

from quartier.open311.statuses import basic_status, extended_status
from quartier.reports.models import (
    ReportCategory,
    ReportSource,
    ReportStatus,
    ReportStatusChange,
    place_text,
)

COORDINATE_DECIMALS = 4
RESIDENT_COORDINATE_DECIMALS = 3
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
LIST_DATATYPES = {"singlevaluelist", "multivaluelist"}


def isoformat(moment, zone=None) -> str | None:
    """W3C date-time in Krefeld's time; `zone` saves looking the zone up for every row."""
    if not moment:
        return None
    return moment.astimezone(zone or timezone.get_current_timezone()).isoformat(timespec="seconds")


def category_groups(category: ReportCategory) -> list[str]:
    """The parent category first, then any further groups (names, without repeats)."""
    names = [category.parent.name] if category.parent_id else []
    for name in category.extra_groups or []:
        if isinstance(name, str) and name.strip() and name.strip() not in names:
            names.append(name.strip())
    return names


def _keywords(category: ReportCategory, groups: list[str]) -> str:
    """The category's keywords, else its name and groups (a comma list, as the spec says)."""
    words = category.keywords.split(",") if category.keywords.strip() else [category.name, *groups]
    return ", ".join(dict.fromkeys(w.strip() for w in words if w.strip()))


def service_row(category: ReportCategory) -> dict:
    groups = category_groups(category)
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.name,
        "metadata": bool(category_attributes(category)),
        "type": "realtime",
        "keywords": _keywords(category, groups),
        "group": groups[0] if groups else "",
        "groups": groups,
    }


def category_attributes(category: ReportCategory) -> list[dict]:
    """The category's extra fields that are well formed (a code at least)."""
    return [a for a in category.attributes or [] if isinstance(a, dict) and a.get("code")]


def attribute_values(attribute: dict) -> list[dict]:
    values = attribute.get("values") or attribute.get("choices") or []
    rows = []
    for item in values:
        if isinstance(item, dict):
            rows.append({"key": str(item.get("key", "")), "name": str(item.get("name", ""))})
        else:
            rows.append({"key": str(item), "name": str(item)})
    return rows


def attribute_row(order: int, attribute: dict) -> dict:
    datatype = attribute.get("datatype", "string")
    return {
        "variable": True,
        "code": str(attribute["code"]),
        "datatype": datatype if datatype in DATATYPES else "string",
        "required": bool(attribute.get("required", False)),
        "datatype_description": str(attribute.get("datatype_description", "")),
        "order": order,
        "description": str(attribute.get("label") or attribute["code"]),
        "values": attribute_values(attribute) if datatype in LIST_DATATYPES else [],
    }


def service_definition(category: ReportCategory) -> dict:
    attributes = category_attributes(category)
    return {
        "service_code": category.code,
        "attributes": [attribute_row(i, a) for i, a in enumerate(attributes, start=1)],
    }


# The columns a request row is built from (read with `values()`: no model instances).
REQUEST_COLUMNS = (
    "id",
    "status",
    "source",
    "description",
    "address",
    "nearest_address",
    "nearest_address_m",
    "latitude",
    "longitude",
    "attributes",
    "created_at",
    "updated_at",
    "category__name",
    "category__code",
    "category__default_authority_hint",
)


def status_labels() -> dict[str, str]:
    """Each report status's label in the active language (built once per answer, not per row)."""
    return {value: str(label) for value, label in ReportStatus.choices}


def request_row(
    row: dict, labels: dict[str, str], agency: str = "", expected=None, zone=None
) -> dict:
    """One GeoReport row from a report's `REQUEST_COLUMNS`."""
    for_resident = row["source"] == ReportSource.ON_BEHALF
    decimals = RESIDENT_COORDINATE_DECIMALS if for_resident else COORDINATE_DECIMALS
    place = place_text(row["address"], row["nearest_address"], row["nearest_address_m"])
    return {
        "service_request_id": str(row["id"]),
        "status": basic_status(row["status"]),
        "status_notes": labels.get(row["status"], row["status"]),
        "service_name": row["category__name"],
        "service_code": row["category__code"],
        "description": "" if for_resident else row["description"],
        "agency_responsible": agency or row["category__default_authority_hint"],
        "service_notice": "",
        "requested_datetime": isoformat(row["created_at"], zone),
        "updated_datetime": isoformat(row["updated_at"], zone),
        "expected_datetime": isoformat(expected, zone),
        "address": "" if for_resident else place,
        "address_id": "",
        "zipcode": "",
        "lat": round(row["latitude"], decimals),
        "long": round(row["longitude"], decimals),
        "media_url": str((row["attributes"] or {}).get("media_url", "")),
    }


def update_row(change: ReportStatusChange) -> dict:
    """One row of the mySociety `servicerequestupdates` list. Internal notes stay internal.

    A row a partner system sent through Open311 is returned as it was sent: its status, its
    text and its `updated_datetime`.
    """
    return {
        "update_id": str(change.pk),
        "service_request_id": str(change.report_id),
        "status": change.external_status or extended_status(change.status),
        "updated_datetime": isoformat(change.external_updated_at or change.created_at),
        "description": change.external_text
        if change.external_status
        else str(change.get_status_display()),
        "media_url": "",
        "external_status_code": change.status,
    }
