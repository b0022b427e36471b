"""The GeoReport v2 server under /open311/v2/ (JSON and XML, chosen by the URL's suffix).

An interface only: it reads through `open311.access` and writes through the reports' actions.
docs/open311.md describes every endpoint; docs/adr/0005-open311-interface.md the choices.
"""

from __future__ import annotations

from typing import Literal

from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from quartier.areas.geo import in_krefeld
from quartier.open311 import filters, schema
from quartier.open311.access import (
    get_public_category,
    get_public_report_by_token,
    public_services,
)
from quartier.open311.answer_cache import cached
from quartier.open311.bodies import read_form
from quartier.open311.formats import Open311Error, format_of, render, render_error
from quartier.open311.params import MAX_PAGE_SIZE, check_jurisdiction, site_url
from quartier.open311.serializers import service_definition, service_row
from quartier.open311.service_requests import (
    create_request,
    create_update,
    find_updates,
    request_detail_rows,
    request_list_rows,
    window_expiry,
)

Format = Literal["json", "xml"]
CHANGESET = "2026-11-24T00:00:00+01:00"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


class Open311Api(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        return schema.add_xml_responses(super().get_openapi_schema(*args, **kwargs))


api = Open311Api(
    title="Quartiershelfer Krefeld – Open311 GeoReport v2",
    version="v2",
    description="GeoReport v2 with the mySociety servicerequestupdates extension. "
    "Every operation answers JSON or XML, chosen by the suffix `.json`/`.xml`.",
    urls_namespace="open311v2",
    docs_url=None,  # the interactive docs page would load scripts from a CDN
    openapi_url="/openapi.json",
)


@api.exception_handler(Open311Error)
def _open311_error(request, exc: Open311Error):
    return render_error(format_of(request.path), exc.status, exc.description)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    if any("format" in (error.get("loc") or ()) for error in exc.errors):
        return render_error(format_of(request.path), 404, "Unknown format; use .json or .xml.")
    return render_error(format_of(request.path), 400, "Invalid parameters.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    return render_error(format_of(request.path), 404, "Not found.")


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    status = exc.status_code if exc.status_code in (403, 404) else 400
    return render_error(format_of(request.path), status, str(exc))


def _form(request):
    """The POSTed form; some clients send the api_key in the query string instead."""
    form = read_form(request)
    if not form.get("api_key") and request.GET.get("api_key"):
        form["api_key"] = request.GET["api_key"]
    return form


@api.get(
    "/discovery.{format}",
    response={200: schema.DiscoveryOut, **schema.PUBLIC_ERRORS},
    operation_id="discovery",
    summary="Service discovery",
)
def discovery(request, format: Format):
    endpoint = {
        "specification": SPECIFICATION,
        "url": f"{site_url()}/open311/v2/",
        "changeset": CHANGESET,
        "type": "production",
        "formats": ["text/xml", "application/json"],
        "max_requests": MAX_PAGE_SIZE,
    }
    data = {
        "changeset": CHANGESET,
        "contact": "Stadt Krefeld, Quartiershelfer*innen – siehe Impressum der Plattform",
        "key_service": "API-Schlüssel vergibt die Administration der Plattform "
        "(Partnersysteme, siehe docs/open311.md).",
        "endpoints": [endpoint],
    }
    return render(format, "discovery", data)


@api.get(
    "/services.{format}",
    response={200: list[schema.ServiceOut], **schema.PUBLIC_ERRORS},
    operation_id="services",
    summary="Service list (the public categories)",
    openapi_extra=schema.SERVICES_QUERY,
)
def services(request, format: Format):
    """All services; with `lat`/`long` the services offered there (none outside Krefeld)."""
    check_jurisdiction(request.GET)
    where = filters.point(request.GET)
    if where is not None and not in_krefeld(*where):
        return render(format, "services", [])
    return cached(request, lambda: (_services(format), None))


def _services(format: str):
    return render(format, "services", [service_row(c) for c in public_services()])


@api.get(
    "/services/{service_code}.{format}",
    response={200: schema.ServiceDefinitionOut, **schema.PUBLIC_ERRORS},
    operation_id="service_definition",
    summary="Service definition (attributes such as the lamp-post number)",
    openapi_extra=schema.JURISDICTION_QUERY,
)
def service(request, service_code: str, format: Format):
    check_jurisdiction(request.GET)
    return cached(request, lambda: (_service_definition(service_code, format), None))


def _service_definition(service_code: str, format: str):
    category = get_public_category(service_code)
    if category is None:
        raise Open311Error(404, f"service_code {service_code!r} not found.")
    return render(format, "service_definition", service_definition(category))


@api.get(
    "/requests.{format}",
    response={200: list[schema.RequestOut], **schema.PUBLIC_ERRORS},
    operation_id="requests",
    summary="Service requests (last 90 days, at most 1,000 per page)",
    openapi_extra=schema.REQUESTS_QUERY,
)
def requests_list(request, format: Format):
    check_jurisdiction(request.GET)

    def build():
        rows = request_list_rows(request.GET, now=timezone.now())
        return render(format, "service_requests", rows), window_expiry(request.GET, rows)

    return cached(request, build)


@api.post(
    "/requests.{format}",
    response={200: list[schema.CreatedOut], **schema.ERRORS},
    operation_id="create_request",
    summary="Create a service request (api_key required)",
    openapi_extra=schema.CREATE_REQUEST_BODY,
)
def requests_create(request, format: Format):
    report = create_request(_form(request), now=timezone.now(), headers=request.headers)
    data = [{"service_request_id": str(report.pk), "service_notice": "", "account_id": None}]
    return render(format, "service_requests", data)


@api.get(
    "/requests/{service_request_id}.{format}",
    response={200: list[schema.RequestOut], **schema.PUBLIC_ERRORS},
    operation_id="request",
    summary="One service request",
    openapi_extra=schema.JURISDICTION_QUERY,
)
def request_detail(request, service_request_id: str, format: Format):
    check_jurisdiction(request.GET)
    return cached(request, lambda: (_request_detail(service_request_id, format), None))


def _request_detail(service_request_id: str, format: str):
    return render(format, "service_requests", request_detail_rows(service_request_id))


@api.get(
    "/tokens/{token}.{format}",
    response={200: list[schema.TokenOut], **schema.PUBLIC_ERRORS},
    operation_id="token",
    summary="Service request id from a token",
    openapi_extra=schema.JURISDICTION_QUERY,
)
def token(request, token: str, format: Format):
    """Requests are created at once ("realtime"); a request's token is its client id."""
    check_jurisdiction(request.GET)
    report = get_public_report_by_token(token)
    if report is None:
        raise Open311Error(404, f"token {token!r} not found.")
    data = [{"service_request_id": str(report.pk), "token": str(report.client_id)}]
    return render(format, "service_requests", data)


@api.get(
    "/servicerequestupdates.{format}",
    response={200: list[schema.UpdateOut], **schema.ERRORS},
    operation_id="service_request_updates",
    summary="Status updates (mySociety extension, api_key required)",
    openapi_extra=schema.UPDATES_QUERY,
)
def updates_list(request, format: Format):
    rows = find_updates(request.GET, now=timezone.now())
    return render(format, "service_request_updates", rows)


@api.post(
    "/servicerequestupdates.{format}",
    response={200: list[schema.UpdateCreatedOut], **schema.ERRORS},
    operation_id="create_service_request_update",
    summary="Post a partner's status update (mySociety extension, api_key required)",
    openapi_extra=schema.CREATE_UPDATE_BODY,
)
def updates_create(request, format: Format):
    update_id = create_update(_form(request))
    return render(format, "service_request_updates", [{"update_id": update_id}])
