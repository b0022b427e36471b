"""The OpenAPI description: response shapes and the query/form parameters of each operation.

Parameters are documented here and read by hand in api.py, because GeoReport v2 treats an
empty parameter as absent and wants its own error format, which automatic parsing would not give.
"""

from __future__ import annotations

from ninja import Schema

from quartier.areas.geo import KREFELD_BOUNDS as KREFELD
from quartier.open311.params import MAX_PAGE, MAX_PAGE_SIZE
from quartier.open311.statuses import EXTENDED_STATUSES


class ErrorOut(Schema):
    code: int
    description: str


class ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str
    groups: list[str]


class ValueOut(Schema):
    key: str
    name: str


class AttributeOut(Schema):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str
    values: list[ValueOut]


class ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[AttributeOut]


class RequestOut(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str
    address_id: str
    zipcode: str
    lat: float
    long: float
    media_url: str


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


class TokenOut(Schema):
    service_request_id: str
    token: str


class UpdateOut(Schema):
    update_id: str
    service_request_id: str
    status: str
    updated_datetime: str
    description: str
    media_url: str
    external_status_code: str


class UpdateCreatedOut(Schema):
    update_id: str


class EndpointOut(Schema):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]
    max_requests: int


class DiscoveryOut(Schema):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[EndpointOut]


ERRORS = {400: list[ErrorOut], 403: list[ErrorOut], 404: list[ErrorOut]}
PUBLIC_ERRORS = {400: list[ErrorOut], 404: list[ErrorOut]}

# Years 2000 to 2999 (anything else is a client's mistake, answered with a 400).
DATE_TIME = {"type": "string", "format": "date-time", "pattern": "^2[0-9]{3}-"}
LATITUDE = {"type": "number", "minimum": -90, "maximum": 90}
LONGITUDE = {"type": "number", "minimum": -180, "maximum": 180}
BBOX = {"type": "string", "pattern": "^-?[0-9]{1,3}(\\.[0-9]+)?(,-?[0-9]{1,3}(\\.[0-9]+)?){3}$"}
# GeoReport v2: an empty optional parameter counts as absent, so "" is valid everywhere.
EMPTY = {"type": "string", "maxLength": 0}


def or_empty(schema: dict) -> dict:
    return {"anyOf": [schema, EMPTY]}


def query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


JURISDICTION = query("jurisdiction_id", "Optional; only `krefeld.de` is served.")
API_KEY = query("api_key", "The partner system's API key.")
PAGING = [
    query(
        "page", "Page number (extension).", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
    ),
    query(
        "page_size",
        f"Items per page, default and maximum {MAX_PAGE_SIZE} (extension).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]
WINDOW = [
    query(
        "start_date",
        "Earliest time (with time zone); window at most 90 days.",
        or_empty(DATE_TIME),
    ),
    query("end_date", "Latest time (with time zone); window at most 90 days.", or_empty(DATE_TIME)),
]

REQUESTS_QUERY = {
    "parameters": [
        JURISDICTION,
        query("service_request_id", "Comma list of ids; overrides all other filters."),
        query("service_code", "Comma list of service codes."),
        *WINDOW,
        query(
            "status",
            "`open`, `closed` or both, comma separated.",
            {"type": "string", "enum": ["", "open", "closed", "open,closed", "closed,open"]},
        ),
        query("agency_responsible", "The partner a request was forwarded to (extension)."),
        query("updated_after", "Changed after this time (extension).", or_empty(DATE_TIME)),
        query("updated_before", "Changed before this time (extension).", or_empty(DATE_TIME)),
        query("lat", "With `long`: requests near this point (extension).", or_empty(LATITUDE)),
        query("long", "With `lat`: requests near this point (extension).", or_empty(LONGITUDE)),
        query(
            "radius",
            "Metres around lat/long, default 500, at most 5,000 (extension).",
            or_empty({"type": "number", "exclusiveMinimum": 0, "maximum": 5000}),
        ),
        query("bbox", "`west,south,east,north` in WGS84 degrees (extension).", or_empty(BBOX)),
        *PAGING,
    ]
}
SERVICES_QUERY = {
    "parameters": [
        JURISDICTION,
        query("lat", "With `long`: the services offered at this point.", or_empty(LATITUDE)),
        query("long", "With `lat`: the services offered at this point.", or_empty(LONGITUDE)),
    ]
}

UPDATES_QUERY = {"parameters": [API_KEY, JURISDICTION, *WINDOW, *PAGING]}
JURISDICTION_QUERY = {"parameters": [JURISDICTION]}


def form_body(properties: dict, required: list[str], description: str) -> dict:
    return {
        "requestBody": {
            "required": True,
            "description": description,
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {"type": "object", "properties": properties, "required": required}
                }
            },
        }
    }


STRING = {"type": "string"}
NOT_BLANK = {"type": "string", "pattern": "\\S"}
CREATE_REQUEST_BODY = form_body(
    {
        "api_key": NOT_BLANK,
        "jurisdiction_id": STRING,
        "service_code": NOT_BLANK,
        # Only points in Krefeld are accepted.
        "lat": {"type": "number", "minimum": KREFELD["south"], "maximum": KREFELD["north"]},
        "long": {"type": "number", "minimum": KREFELD["west"], "maximum": KREFELD["east"]},
        "address_string": STRING,
        "address_id": STRING,
        "description": {"type": "string", "maxLength": 4000},
        "media_url": {"type": "string", "pattern": "^https?://[^\\s/]+\\.[a-z]+(/\\S*)?$"},
        "email": STRING,
        "device_id": STRING,
        "account_id": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "phone": STRING,
        "client_request_id": STRING,
    },
    ["api_key", "service_code", "lat", "long"],
    "Form fields of GeoReport v2 plus `attribute[CODE]` (and `attribute[CODE][]` for "
    "multivaluelist; repeated `attribute[CODE]` works too) for the service's attributes. "
    "Instead of lat/long, `address_string` may name an address in Krefeld. "
    "`client_request_id` (or `attribute[fixmystreet_id]`, or an `Idempotency-Key` header) "
    "makes a retried POST return the first request. Personal fields "
    "(email, names, phone, device and account ids) are accepted and discarded.",
)
CREATE_UPDATE_BODY = form_body(
    {
        "api_key": NOT_BLANK,
        "jurisdiction_id": STRING,
        "service_request_id": NOT_BLANK,
        "update_id": STRING,
        "status": {"type": "string", "enum": [*EXTENDED_STATUSES, "open", "closed"]},
        "updated_datetime": or_empty(DATE_TIME),
        "description": {"type": "string", "maxLength": 2000},
        "media_url": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "email": STRING,
        "phone": STRING,
    },
    ["api_key", "service_request_id", "status"],
    "mySociety `servicerequestupdates` POST. Personal fields are accepted and discarded.",
)


def add_xml_responses(openapi: dict) -> dict:
    """Every response also comes as XML (the mandatory format of GeoReport v2)."""
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            for response in operation.get("responses", {}).values():
                content = response.setdefault("content", {})
                content["text/xml"] = {"schema": {"type": "string"}}
    return openapi
