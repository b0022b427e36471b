"""The Open311 client: send a forwarding to a partner's GeoReport v2 endpoint, poll its updates.

Called by routing's delivery task (`send_forwarding`) for authorities whose channel is
`open311`, and every 15 minutes by `open311.tasks.poll_partners` (`poll_updates`). Partners
are spoken to in JSON or, if the authority says so, in XML (the format every GeoReport v2
server must offer); POSTs are form-encoded as the specification says. The updates feed is
read page by page (`page`/`page_size`) until a short or repeated page. Failures raise:
`PartnerUnavailable` (network, timeout, HTTP 5xx/400, garbage) is retried by the caller;
`PartnerRejected` (HTTP 403/404: wrong key or service code) needs a person and is final.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from defusedxml import ElementTree as SafeET
from django.utils import timezone

from quartier.open311.answers import answer_forwarding
from quartier.open311.formats import ITEM_NAMES
from quartier.open311.serializers import category_attributes
from quartier.open311.statuses import normalise_status
from quartier.routing.channels import ChannelNotAvailable
from quartier.routing.models import Authority, Forwarding

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 15
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
# Each poll looks a day back; replays are recognised by their update id, so the overlap is
# harmless and a partner's late or re-sent updates are still picked up.
POLL_WINDOW = dt.timedelta(hours=24)
UPDATES_PAGE_SIZE = 500
MAX_UPDATE_PAGES = 40
USER_AGENT = "Quartiershelfer-Krefeld-Open311/1.0"


class PartnerUnavailable(Exception):
    """The partner's endpoint did not answer usefully; try again later."""


class PartnerRejected(ChannelNotAvailable):
    """The partner refused the request (HTTP 403/404); retrying will not help."""


def endpoint_url(authority: Authority, resource: str) -> str:
    base = (authority.open311_endpoint or "").strip()
    if urllib.parse.urlsplit(base).scheme not in {"http", "https"}:
        raise ChannelNotAvailable(f"{authority}: keine gültige Open311-Adresse hinterlegt.")
    return base.rstrip("/") + "/" + resource


def _plain(element):
    """An XML element as JSON-like data: repeated or known list children -> a list."""
    children = list(element)
    tags = [child.tag for child in children]
    if element.tag in ITEM_NAMES or (len(tags) > 1 and len(set(tags)) == 1):
        return [_plain(child) for child in children]
    if not children:
        return (element.text or "").strip()
    return {child.tag: _plain(child) for child in children}


def parse_body(body: bytes):
    """A JSON or XML answer as plain data (XML lists become lists, as in the JSON mapping)."""
    if body.lstrip()[:1] == b"<":
        try:
            root = SafeET.fromstring(body)
        except Exception:  # noqa: BLE001  (defusedxml raises several kinds of errors)
            raise PartnerUnavailable("Antwort ist kein gültiges XML.") from None
        return _plain(root) if root.tag in ITEM_NAMES else [_plain(root)]
    try:
        return json.loads(body)
    except ValueError:
        raise PartnerUnavailable("Antwort ist weder JSON noch XML.") from None


def _error_text(body: bytes) -> str:
    try:
        errors = parse_body(body)
        return "; ".join(str(e.get("description", "")) for e in errors)[:300]
    except (PartnerUnavailable, TypeError, AttributeError):
        return ""


def call(method: str, url: str, fields: list[tuple[str, str]]):
    """One HTTP call; returns the decoded JSON or XML body."""
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise ChannelNotAvailable("Open311-Adressen müssen mit http:// oder https:// beginnen.")
    data = urllib.parse.urlencode(fields, doseq=True)
    accept = "text/xml" if url.endswith(".xml") else "application/json"
    headers = {"Accept": accept, "User-Agent": USER_AGENT}
    # S310: the scheme was checked above (http and https only, never file:).
    if method == "GET":
        request = urllib.request.Request(f"{url}?{data}", headers=headers)  # noqa: S310
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
        request = urllib.request.Request(url, data=data.encode(), headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            body = response.read(MAX_RESPONSE_BYTES)
    except urllib.error.HTTPError as exc:
        detail = f"HTTP {exc.code} {_error_text(exc.read(10_000))}".strip()
        if exc.code in (403, 404):
            raise PartnerRejected(detail) from None
        raise PartnerUnavailable(detail) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PartnerUnavailable(f"nicht erreichbar: {reason}") from None
    return parse_body(body)


def resource(authority: Authority, name: str) -> str:
    """`requests.json` or `requests.xml`, as the partner speaks."""
    return f"{name}.{'xml' if authority.open311_format == 'xml' else 'json'}"


# --- Sending -----------------------------------------------------------------------------------


def _attribute_fields(report) -> list[tuple[str, str]]:
    fields = []
    for attribute in category_attributes(report.category):
        code = attribute["code"]
        value = (report.attributes or {}).get(code)
        if isinstance(value, list):
            fields += [(f"attribute[{code}][]", str(v)) for v in value]
        elif value not in (None, ""):
            fields.append((f"attribute[{code}]", str(value)))
    return fields


def request_fields(forwarding: Forwarding) -> list[tuple[str, str]]:
    """The form of a GeoReport v2 POST for this forwarding (no personal data of anyone)."""
    report, authority = forwarding.report, forwarding.authority
    rule = forwarding.rule
    service_code = (rule.partner_service_code if rule else "") or report.category.code
    description = "\n\n".join(
        part
        for part in [forwarding.message, report.description, f"Meldung Nr. {report.pk}"]
        if part
    )
    fields = [
        ("api_key", authority.open311_api_key),
        ("service_code", service_code),
        ("lat", f"{report.latitude:.6f}"),
        ("long", f"{report.longitude:.6f}"),
        ("description", description[:4000]),
    ]
    if report.address:
        fields.append(("address_string", report.address))
    if authority.open311_jurisdiction_id:
        fields.append(("jurisdiction_id", authority.open311_jurisdiction_id))
    media_url = (report.attributes or {}).get("media_url")
    if media_url:
        fields.append(("media_url", str(media_url)))
    return fields + _attribute_fields(report)


def send_forwarding(forwarding: Forwarding) -> str:
    """POST the report to the partner; returns the partner's id ("token:…" for batch servers,
    "" when the partner returns nothing). Raises PartnerUnavailable or PartnerRejected."""
    url = endpoint_url(forwarding.authority, resource(forwarding.authority, "requests"))
    answer = call("POST", url, request_fields(forwarding))
    if answer == []:
        return ""  # a "blackbox" server returns nothing
    first = answer[0] if isinstance(answer, list) and answer else answer
    if not isinstance(first, dict):
        raise PartnerUnavailable("Antwort ohne service_request_id.")
    if first.get("service_request_id"):
        return str(first["service_request_id"])[:100]
    if first.get("token"):
        return f"token:{first['token']}"[:100]
    return ""


# --- Polling -----------------------------------------------------------------------------------


def _w3c(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _window_fields(authority: Authority, now: dt.datetime) -> list[tuple[str, str]]:
    fields = [
        ("api_key", authority.open311_api_key),
        ("start_date", _w3c(now - POLL_WINDOW)),
        # A minute ahead: the partner's clock may differ, and seconds are cut off.
        ("end_date", _w3c(now + dt.timedelta(minutes=1))),
    ]
    if authority.open311_jurisdiction_id:
        fields.append(("jurisdiction_id", authority.open311_jurisdiction_id))
    return fields


def fetch_updates(authority: Authority, *, now: dt.datetime) -> list[dict]:
    """Every update of the window, page by page. A server without paging sends the same
    page again (or a short one): reading stops there, so no update is counted twice."""
    url = endpoint_url(authority, resource(authority, "servicerequestupdates"))
    fields = _window_fields(authority, now)
    rows: list[dict] = []
    previous = None
    for number in range(1, MAX_UPDATE_PAGES + 1):
        page = call(
            "GET", url, [*fields, ("page", str(number)), ("page_size", str(UPDATES_PAGE_SIZE))]
        )
        if not isinstance(page, list):
            raise PartnerUnavailable("Antwort ist keine Liste von Updates.")
        if page == previous:
            break
        rows += [row for row in page if isinstance(row, dict)]
        if len(page) < UPDATES_PAGE_SIZE:
            break
        previous = page
    return rows


def _update_id(row: dict) -> str:
    """The partner's update id; without one, what identifies the update as well."""
    if row.get("update_id"):
        return str(row["update_id"])[:100]
    return f"{row.get('service_request_id')}@{row.get('updated_datetime')}:{row.get('status')}"[
        :100
    ]


def poll_updates(authority: Authority, *, now: dt.datetime | None = None) -> dict:
    """Fetch the partner's updates of the last day and apply those for our forwardings that
    still wait for the partner (an answered or withdrawn forwarding takes no more answers).

    Returns counts {"applied": n, "skipped": m}. Raises PartnerUnavailable/PartnerRejected.
    """
    rows = fetch_updates(authority, now=now or timezone.now())
    ids = {str(row.get("service_request_id")) for row in rows}
    forwardings = {
        f.external_id: f
        for f in Forwarding.objects.open311_waiting()
        .for_authority(authority)
        .filter(external_id__in=ids)
        .select_related("report", "authority")
    }
    counts = {"applied": 0, "skipped": 0}
    for row in sorted(rows, key=lambda r: str(r.get("updated_datetime") or "")):
        forwarding = forwardings.get(str(row.get("service_request_id")))
        status = normalise_status(str(row.get("status") or ""))
        if forwarding is None or status is None:
            counts["skipped"] += 1
            continue
        answer_forwarding(
            forwarding=forwarding,
            status=status,
            note=str(row.get("description") or "")[:2000],
            external_id=_update_id(row),
        )
        counts["applied"] += 1
    return counts
