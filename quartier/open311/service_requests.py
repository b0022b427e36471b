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
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from quartier.areas.models import Base
from quartier.open311 import params
from quartier.open311.access import (
    get_public_category,
    public_categories,
    public_reports,
    public_updates,
)
from quartier.open311.answers import apply_partner_status
from quartier.open311.formats import Open311Error
from quartier.open311.serializers import (
    LIST_DATATYPES,
    category_attributes,
    request_row,
    update_row,
)
from quartier.open311.statuses import normalise_status
from quartier.reports.actions import ReportError, submit_report
from quartier.reports.models import ReportSource
from quartier.routing.models import ApiClient, Forwarding, ForwardingStatus

MAX_DESCRIPTION = 4000
MAX_UPDATE_DESCRIPTION = 2000


# --- Reading ---------------------------------------------------------------------------------


def _with_forwardings(reports):
    current = (
        Forwarding.objects.exclude(status=ForwardingStatus.SUPERSEDED)
        .select_related("authority")
        .order_by("-created_at", "-id")
    )
    return reports.prefetch_related(
        Prefetch("forwardings", queryset=current, to_attr="open311_forwardings")
    )


def _expected(forwarding) -> dt.datetime | None:
    if forwarding is None or not forwarding.is_waiting:
        return None
    end_of_day = dt.datetime.combine(forwarding.due_date, dt.time(23, 59, 59))
    return timezone.make_aware(end_of_day)


def report_rows(reports) -> list[dict]:
    """Rows for reports fetched through `_with_forwardings` (agency and deadline included)."""
    rows = []
    for report in reports:
        forwardings = getattr(report, "open311_forwardings", [])
        latest = forwardings[0] if forwardings else None
        agency = latest.authority.name if latest else ""
        rows.append(request_row(report, agency=agency, expected=_expected(latest)))
    return rows


def find_request(text: str):
    """One public report by its service_request_id, or a 404."""
    pk = params.request_id(text)
    report = _with_forwardings(public_reports()).filter(pk=pk).first() if pk is not None else None
    if report is None:
        raise Open311Error(404, f"service_request_id {text!r} not found.")
    return report


def _service_codes(query) -> list[str]:
    codes = params.comma_list(query, "service_code")
    known = set(public_categories().filter(code__in=codes).values_list("code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise Open311Error(404, f"service_code {unknown[0]!r} not found.")
    return codes


def find_requests(query, *, now: dt.datetime):
    """GET requests: by ids (overrides the filters) or by codes, window and status; paged.

    Malformed parameters are refused even when service_request_id overrides them.
    """
    page = params.page(query)
    window = params.date_window(query, now)
    statuses = params.statuses(query)
    reports = _with_forwardings(public_reports())
    if params.comma_list(query, "service_request_id"):
        reports = reports.filter(pk__in=params.request_ids(query))
    else:
        codes = _service_codes(query)
        reports = reports.filter(created_at__gte=window.start, created_at__lte=window.end)
        if codes:
            reports = reports.filter(category__code__in=codes)
        if statuses == {"open"}:
            reports = reports.open()
        elif statuses == {"closed"}:
            reports = reports.closed()
    return reports.order_by("-created_at", "-id")[page.offset : page.offset + page.size]


def find_updates(query, *, now: dt.datetime) -> list[dict]:
    """GET servicerequestupdates (key required): history rows of public reports, oldest first."""
    authenticate(query)
    params.check_jurisdiction(query)
    window = params.date_window(query, now)
    page = params.page(query)
    changes = public_updates().filter(created_at__gte=window.start, created_at__lte=window.end)
    changes = changes.order_by("created_at", "id")[page.offset : page.offset + page.size]
    return [update_row(change) for change in changes]


# --- Writing ---------------------------------------------------------------------------------


def authenticate(query) -> ApiClient:
    client = ApiClient.objects.active().for_key(params.value(query, "api_key")).first()
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


def _location(form) -> tuple[float, float, str]:
    """(lat, long, address). There is no geocoder: an address alone must name a known place."""
    lat, long, address = (params.value(form, n) for n in ("lat", "long", "address_string"))
    if lat or long:
        if not (lat and long):
            raise Open311Error(400, "lat and long must be sent together.")
        return _coordinate(lat, "lat", 90), _coordinate(long, "long", 180), address[:200]
    if address:
        base = _known_place(address)
        if base is None:
            raise Open311Error(
                400,
                "address_string could not be resolved (this endpoint has no geocoder); "
                "please send lat and long.",
            )
        return base.latitude, base.longitude, base.address
    if params.value(form, "address_id"):
        raise Open311Error(400, "address_id is not supported; please send lat and long.")
    raise Open311Error(400, "A location is required: lat and long (or a known address_string).")


def _attribute_value(form, attribute: dict):
    code = attribute["code"]
    if attribute.get("datatype") == "multivaluelist":
        return [v.strip() for v in form.getlist(f"attribute[{code}][]") if v.strip()]
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


# Sent by some clients, never stored (and not part of the replay key).
PERSONAL_FIELDS = frozenset(
    {"email", "first_name", "last_name", "phone", "device_id", "account_id", "api_key"}
)
REPLAY_NAMESPACE = uuid.UUID("5c6f0d1e-4b8a-4d33-9a51-0b1c5e3f7a10")


def replay_ids(client: ApiClient, form, now: dt.datetime) -> tuple[uuid.UUID, uuid.UUID]:
    """Client ids for this POST in this hour and the hour before.

    A client that retries a POST (e.g. after a timeout) sends the same form again; it gets
    the same report back instead of a second one. Identical forms more than an hour apart
    are separate reports.
    """
    fields = sorted((k, v) for k, v in form.lists() if k not in PERSONAL_FIELDS)
    hour = int(now.timestamp()) // 3600
    keys = [json.dumps([client.pk, h, fields], ensure_ascii=False) for h in (hour, hour - 1)]
    return uuid.uuid5(REPLAY_NAMESPACE, keys[0]), uuid.uuid5(REPLAY_NAMESPACE, keys[1])


def create_request(form, *, now: dt.datetime):
    """POST requests. Personal fields (email, names, phone, device/account ids) are discarded.

    A replayed POST returns the report the first one created (see `replay_ids`).
    """
    client = authenticate(form)
    current, previous = replay_ids(client, form, now)
    earlier = public_reports().filter(client_id__in=[current, previous]).first()
    if earlier is not None:
        return earlier
    params.check_jurisdiction(form)
    code = params.value(form, "service_code")
    if not code:
        raise Open311Error(400, "service_code is required.")
    category = get_public_category(code)
    if category is None:
        raise Open311Error(404, f"service_code {code!r} not found.")
    latitude, longitude, address = _location(form)
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
            address=address,
            description=_description(form, MAX_DESCRIPTION),
            attributes=attributes,
            source=ReportSource.OPEN311,
            client_id=current,
        )
    except ReportError:
        raise Open311Error(400, "The location lies outside Krefeld.") from None
    return report


def create_update(form):
    """POST servicerequestupdates: a partner system reports a status."""
    client = authenticate(form)
    params.check_jurisdiction(form)
    report = find_request(params.value(form, "service_request_id"))
    status = normalise_status(params.value(form, "status"))
    if status is None:
        raise Open311Error(400, "status must be open, closed or a mySociety extended status.")
    updated_text = params.value(form, "updated_datetime")
    if updated_text:
        params.parse_datetime(updated_text, "updated_datetime")
    return apply_partner_status(
        report=report,
        status=status,
        partner=client.authority,
        label=f"Open311: {client.name}",
        note=_description(form, MAX_UPDATE_DESCRIPTION),
        external_id=params.value(form, "update_id")[:100],
    )
