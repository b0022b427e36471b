"""What the endpoints do: find requests and updates, create requests and updates.

Reads go through `open311.access`; writes through `reports.actions` (and, for a partner's
answer to a forwarding, through `open311.answers`). Nothing here saves a model itself.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import strip_tags

from quartier.areas.addresses import resolve
from quartier.areas.models import Base
from quartier.core.kept_queries import KeptQuery
from quartier.open311 import filters, params
from quartier.open311.access import (
    get_public_category,
    public_reports,
    public_updates,
)
from quartier.open311.answers import apply_partner_status
from quartier.open311.formats import Open311Error
from quartier.open311.serializers import (
    LIST_DATATYPES,
    REQUEST_COLUMNS,
    category_attributes,
    request_row,
    status_labels,
    update_row,
)
from quartier.open311.statuses import normalise_status
from quartier.reports.actions import ReportError, submit_report
from quartier.reports.models import ReportSource, ReportStatusChange
from quartier.routing.models import (
    WAITING_STATUSES,
    ApiClient,
    Forwarding,
    ForwardingStatus,
    hash_api_key,
)

MAX_DESCRIPTION = 4000
MAX_UPDATE_DESCRIPTION = 2000


# --- Reading ---------------------------------------------------------------------------------


def _forwardings_of(ids: list[int]):
    return (
        Forwarding.objects.filter(report_id__in=ids)
        .exclude(status=ForwardingStatus.SUPERSEDED)
        .order_by("-created_at", "-id")
        .values("report_id", "status", "due_date", "authority__name")
    )


_FORWARDINGS = KeptQuery(_forwardings_of)


def _latest_forwardings(report_ids: list[int]) -> dict[int, dict]:
    """Each report's current forwarding (the newest not superseded): agency and deadline."""
    latest: dict[int, dict] = {}
    for row in _FORWARDINGS.rows(ids=report_ids) if report_ids else []:
        latest.setdefault(row["report_id"], row)
    return latest


def _expected(forwarding: dict | None) -> dt.datetime | None:
    if forwarding is None or forwarding["status"] not in WAITING_STATUSES:
        return None
    end_of_day = dt.datetime.combine(forwarding["due_date"], dt.time(23, 59, 59))
    return timezone.make_aware(end_of_day)


def _rows(reports: list[dict]) -> list[dict]:
    forwardings = _latest_forwardings([report["id"] for report in reports])
    labels, zone = status_labels(), timezone.get_current_timezone()
    rows = []
    for report in reports:
        latest = forwardings.get(report["id"])
        agency = latest["authority__name"] if latest else ""
        expected = _expected(latest)
        rows.append(request_row(report, labels, agency=agency, expected=expected, zone=zone))
    return rows


def report_rows(reports) -> list[dict]:
    """GeoReport rows for a queryset of public reports (agency and deadline included).

    Two queries whatever the number of rows; plain values, no model instances.
    """
    return _rows(list(reports.values(*REQUEST_COLUMNS)))


# The two answers asked for most, as kept queries (`core.kept_queries`).
_ONE = KeptQuery(lambda pk: public_reports().filter(pk=pk).values(*REQUEST_COLUMNS))


def _newest(start, end, offset, size):
    reports = public_reports().filter(created_at__gte=start, created_at__lte=end)
    return reports.order_by("-created_at", "-id")[offset : offset + size].values(*REQUEST_COLUMNS)


_NEWEST = KeptQuery(_newest, shape=("offset", "size"))
# Parameters that leave a list unfiltered (the newest of the last 90 days, paged).
PAGING = frozenset({"page", "page_size", "jurisdiction_id"})


def find_request(text: str):
    """One public report by its service_request_id, or a 404."""
    pk = params.request_id(text)
    report = public_reports().filter(pk=pk).first() if pk is not None else None
    if report is None:
        raise Open311Error(404, f"service_request_id {text!r} not found.")
    return report


def request_detail_rows(text: str) -> list[dict]:
    """The one-row answer for a service_request_id, or a 404."""
    pk = params.request_id(text)
    rows = _rows(_ONE.rows(pk=pk)) if pk is not None else []
    if not rows:
        raise Open311Error(404, f"service_request_id {text!r} not found.")
    return rows


def request_list_rows(query, *, now: dt.datetime) -> list[dict]:
    """GET requests as rows: see `find_requests`; an unfiltered list from a kept query."""
    if any(name not in PAGING and params.value(query, name) for name in query):
        return report_rows(find_requests(query, now=now))
    page = params.page(query)
    window = params.date_window(query, now)
    return _rows(
        _NEWEST.rows(start=window.start, end=window.end, offset=page.offset, size=page.size)
    )


def find_requests(query, *, now: dt.datetime):
    """GET requests: by ids (overrides the filters) or by codes, window, status and the
    extension filters (`open311.filters`); paged. An unknown service_code matches nothing.

    Malformed parameters are refused even when service_request_id overrides them.
    """
    page = params.page(query)
    window = params.date_window(query, now)
    statuses = params.statuses(query)
    reports = public_reports()
    filtered = _filtered(reports, query, window)  # checks every filter, even when overridden
    if params.comma_list(query, "service_request_id"):
        reports = reports.filter(pk__in=params.request_ids(query))
    else:
        reports = filtered
        if statuses == {"open"}:
            reports = reports.open()
        elif statuses == {"closed"}:
            reports = reports.closed()
    return reports.order_by("-created_at", "-id")[page.offset : page.offset + page.size]


def window_expiry(query, rows: list[dict]) -> float | None:
    """Until when (epoch seconds) a list stays true without a write: with the default window
    (the last 90 days), until its oldest row leaves the window; otherwise until a write."""
    explicit = params.value(query, "start_date") or params.value(query, "end_date")
    if explicit or params.comma_list(query, "service_request_id") or not rows:
        return None
    oldest = dt.datetime.fromisoformat(rows[-1]["requested_datetime"])
    return (oldest + params.MAX_WINDOW).timestamp()


def _filtered(reports, query, window):
    codes = params.comma_list(query, "service_code")
    if codes:
        reports = reports.filter(category__code__in=codes)
    explicit_window = params.value(query, "start_date") or params.value(query, "end_date")
    if explicit_window or not filters.has_update_time(query):
        reports = reports.filter(created_at__gte=window.start, created_at__lte=window.end)
    reports = filters.by_update_time(reports, query)
    reports = filters.by_agency(reports, query)
    reports = filters.near(reports, query)
    return filters.in_bbox(reports, query)


def _first_rows():
    """The id of each report's first history row (its creation, not an update)."""
    first = ReportStatusChange.objects.filter(report=OuterRef("report")).order_by("id")
    return Subquery(first.values("id")[:1])


def visible_updates(client: ApiClient):
    """What a key may read: the history of the reports its system created or was forwarded,
    without each report's creation and without the updates this system sent itself."""
    mine = Q(report__api_client_ref=client.pk)
    if client.authority_id:
        mine |= Q(report__forwardings__authority_id=client.authority_id)
    rows = public_updates().filter(mine).exclude(api_client_ref=client.pk)
    return rows.alias(first_id=_first_rows()).exclude(pk=F("first_id")).distinct()


def find_updates(query, *, now: dt.datetime) -> list[dict]:
    """GET servicerequestupdates (key required): the key's visible updates, oldest first."""
    client = authenticate(query)
    params.check_jurisdiction(query)
    window = params.date_window(query, now)
    page = params.page(query)
    changes = visible_updates(client).filter(
        created_at__gte=window.start, created_at__lte=window.end
    )
    changes = changes.order_by("created_at", "id")[page.offset : page.offset + page.size]
    return [update_row(change) for change in changes]


# --- Writing ---------------------------------------------------------------------------------


_CLIENT_FIELDS = [field.attname for field in ApiClient._meta.concrete_fields]
_CLIENT = KeptQuery(
    lambda key_hash: (
        ApiClient.objects.active()
        .filter(key_hash=key_hash)
        .order_by("pk")
        .values(*_CLIENT_FIELDS)[:1]
    )
)


def authenticate(query) -> ApiClient:
    key = params.value(query, "api_key")
    found = _CLIENT.instances(ApiClient, key_hash=hash_api_key(key)) if key else []
    client = found[0] if found else None
    if client is None:
        raise Open311Error(403, "Invalid or missing api_key -- can't proceed.")
    return client


def _coordinate(text: str, name: str, limit: float) -> float:
    try:
        number = float(text)
    except ValueError:
        raise Open311Error(400, f"{name} must be a decimal number (WGS84).") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise Open311Error(400, f"{name} is out of range.")
    return number


def _plain_address(text: str) -> str:
    """ "Hardenbergstraße 10 (Beispiel), 47799 Krefeld" -> "hardenbergstrasse 10"."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r",?\s*(\d{5}\s+)?krefeld\s*$", "", text, flags=re.IGNORECASE)
    return " ".join(text.replace(",", " ").split()).casefold()


def _known_place(address: str):
    """A base whose address matches, ignoring remarks in brackets, postcode and city."""
    wanted = _plain_address(address)
    for base in Base.objects.only("address", "latitude", "longitude"):
        if wanted and _plain_address(base.address) == wanted:
            return base
    return None


def _resolved_address(address: str) -> tuple[float, float, str, int | None]:
    """An address_string alone: the address register (offline), else a base's address."""
    found = resolve(address)
    if found is not None:
        return found.latitude, found.longitude, found.label, found.accuracy_m
    base = _known_place(address)
    if base is None:
        raise Open311Error(
            400,
            "address_string could not be resolved: the street is not in Krefeld's address "
            "register; please send lat and long.",
        )
    return base.latitude, base.longitude, base.address, None


def _location(form) -> tuple[float, float, str, int | None]:
    """(lat, long, address, accuracy in metres). An address alone is resolved offline
    (`areas.addresses`): a house, a neighbouring number or a street's middle."""
    lat, long, address = (params.value(form, n) for n in ("lat", "long", "address_string"))
    if lat or long:
        if not (lat and long):
            raise Open311Error(400, "lat and long must be sent together.")
        return _coordinate(lat, "lat", 90), _coordinate(long, "long", 180), address[:200], None
    if address:
        return _resolved_address(address)
    if params.value(form, "address_id"):
        raise Open311Error(400, "address_id is not supported; please send lat and long.")
    raise Open311Error(400, "A location is required: lat and long, or an address_string.")


def _attribute_value(form, attribute: dict):
    """A list for a multivaluelist, sent as `attribute[CODE][]=…` (the specification) or as
    repeated `attribute[CODE]=…` (FixMyStreet); text otherwise."""
    code = attribute["code"]
    if attribute.get("datatype") == "multivaluelist":
        sent = form.getlist(f"attribute[{code}][]") + form.getlist(f"attribute[{code}]")
        return list(dict.fromkeys(v.strip() for v in sent if v.strip()))
    return params.value(form, f"attribute[{code}]")


def _check_attribute(attribute: dict, value) -> None:
    code, datatype = attribute["code"], attribute.get("datatype", "string")
    if attribute.get("required") and not value:
        raise Open311Error(400, f"attribute[{code}] is required for this service.")
    if datatype == "number" and value:
        try:
            float(value)
        except ValueError:
            raise Open311Error(400, f"attribute[{code}] must be a number.") from None
    if datatype in LIST_DATATYPES and value:
        keys = {
            str(v.get("key") if isinstance(v, dict) else v) for v in attribute.get("values") or []
        }
        chosen = value if isinstance(value, list) else [value]
        if keys and not set(chosen) <= keys:
            raise Open311Error(400, f"attribute[{code}] has a value that is not in the list.")


def _attributes(form, category) -> dict:
    """The service's declared attributes; anything else sent is ignored."""
    result = {}
    for attribute in category_attributes(category):
        value = _attribute_value(form, attribute)
        _check_attribute(attribute, value)
        if value:
            result[attribute["code"]] = value
    return result


def _media_url(form) -> str:
    """Stored and shown as a link; never fetched."""
    url = params.value(form, "media_url")
    if not url:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(url)
    except DjangoValidationError:
        raise Open311Error(400, "media_url must be an http(s) URL.") from None
    if len(url) > 500:
        raise Open311Error(400, "media_url is too long (at most 500 characters).")
    return url


def _description(form, limit: int) -> str:
    text = strip_tags(params.value(form, "description"))
    if len(text) > limit:
        raise Open311Error(400, f"description is too long (at most {limit} characters).")
    return text


# Sent by some clients, never stored.
PERSONAL_FIELDS = frozenset(
    {"email", "first_name", "last_name", "phone", "device_id", "account_id", "api_key"}
)
REPLAY_NAMESPACE = uuid.UUID("5c6f0d1e-4b8a-4d33-9a51-0b1c5e3f7a10")
# Where a client names its own id for a request (the first one sent wins).
CLIENT_KEY_FIELDS = ("client_request_id", "attribute[fixmystreet_id]")


def client_key(form, headers) -> str:
    """The client's own id for this request: `client_request_id`, FixMyStreet's
    `attribute[fixmystreet_id]` or an `Idempotency-Key` header; "" when none is sent."""
    for name in CLIENT_KEY_FIELDS:
        if params.value(form, name):
            return params.value(form, name)[:200]
    return (headers.get("Idempotency-Key") or "").strip()[:200]


def replay_id(client: ApiClient, key: str) -> uuid.UUID:
    """The report's client id (and token) for a client's own id: the same key always gives
    the same report back, so a retried POST creates nothing new. Without a key, every POST
    is a new report, even with identical fields: two people may report the same thing."""
    if not key:
        return uuid.uuid4()
    return uuid.uuid5(REPLAY_NAMESPACE, json.dumps([client.pk, key], ensure_ascii=False))


def create_request(form, *, now: dt.datetime, headers=None):
    """POST requests. Personal fields (email, names, phone, device/account ids) are discarded.

    A POST with a client id that this client sent before returns that report (`client_key`).
    """
    client = authenticate(form)
    key = client_key(form, headers or {})
    client_id = replay_id(client, key)
    earlier = public_reports().filter(client_id=client_id).first() if key else None
    if earlier is not None:
        return earlier
    params.check_jurisdiction(form)
    code = params.value(form, "service_code")
    if not code:
        raise Open311Error(400, "service_code is required.")
    category = get_public_category(code)
    if category is None:
        raise Open311Error(404, f"service_code {code!r} not found.")
    latitude, longitude, address, accuracy_m = _location(form)
    attributes = _attributes(form, category)
    media_url = _media_url(form)
    if media_url:
        attributes["media_url"] = media_url
    try:
        report, _created = submit_report(
            reporter=None,
            category=category,
            latitude=latitude,
            longitude=longitude,
            accuracy_m=accuracy_m,
            address=address,
            description=_description(form, MAX_DESCRIPTION),
            attributes=attributes,
            source=ReportSource.OPEN311,
            # Without a client key the id is new: submit_report gives one and looks nothing up.
            client_id=client_id if key else None,
            api_client_ref=client.pk,
        )
    except ReportError:
        raise Open311Error(400, "The location lies outside Krefeld.") from None
    return report


def create_update(form):
    """POST servicerequestupdates: a partner system reports a status.

    The status, text and `updated_datetime` are stored as sent and returned by the updates
    feed to other systems (not to the sender).
    """
    client = authenticate(form)
    params.check_jurisdiction(form)
    report = find_request(params.value(form, "service_request_id"))
    sent_status = params.value(form, "status")
    status = normalise_status(sent_status)
    if status is None:
        raise Open311Error(400, "status must be open, closed or a mySociety extended status.")
    updated_text = params.value(form, "updated_datetime")
    updated = params.parse_datetime(updated_text, "updated_datetime") if updated_text else None
    note = _description(form, MAX_UPDATE_DESCRIPTION)
    return apply_partner_status(
        report=report,
        status=status,
        partner=client.authority,
        label=f"Open311: {client.name}",
        note=note,
        external_id=params.value(form, "update_id")[:100],
        external={
            "api_client_ref": client.pk,
            "external_status": status,
            "external_text": note,
            "external_updated_at": updated,
        },
    )
