"""HTTP around the GeoReport endpoints: methods, CORS and errors in the specification's format.

- Public reads (every GET/HEAD except the key-protected `servicerequestupdates`) carry
  `Access-Control-Allow-Origin: *`, so dashboards on other sites can read the public data
  (FixMyStreet's server does the same); a CORS preflight (`OPTIONS`) is answered with 204.
- `HEAD` is a `GET` without a body.
- Successful public reads carry an `ETag` (a hash of the body); a client that sends it back
  in `If-None-Match` gets a bodiless 304 when nothing changed (RFC 9110 conditional GET).
- Other methods (PUT, DELETE, PATCH, …) are a 405 in the error format with an `Allow` header.
- NUL characters are removed from query parameters before any view runs: PostgreSQL cannot
  store or compare them, and no GeoReport value means anything by one.
- Any other error page below /open311/v2/ (a 404 from the URL resolver, Django's 400) is
  replaced by the error format, so a client never has to parse HTML.

`Open311LeanPathMiddleware`, first in `MIDDLEWARE`, sends requests below /open311/v2/ through
`OPEN311_MIDDLEWARE` only (security headers, CSP, this middleware, outage answers): the API
has no session, login, messages, CSRF form or HTML page, so the rest of the stack is work
without use for it (about half of a kept answer's time).
"""

from __future__ import annotations

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.module_loading import import_string

from quartier.open311.bodies import without_nul
from quartier.open311.formats import JSON_TYPE, XML_TYPE, format_of, render_error

PREFIX = "/open311/v2/"
ALLOWED = "GET, HEAD, POST, OPTIONS"
KEY_ONLY = "servicerequestupdates"
PREFLIGHT_MAX_AGE = "86400"


def _is_public_read(request) -> bool:
    return request.method in ("GET", "HEAD") and KEY_ONLY not in request.path


def _allow_cors(response) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "Content-Type, Content-Length"


def _preflight(request):
    response = HttpResponse(status=204)
    _allow_cors(response)
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Content-Type, Accept"
    response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    response["Allow"] = ALLOWED
    return response


def _method_not_allowed(request):
    response = render_error(
        format_of(request.path), 405, f"Method {request.method[:10]} not allowed; use {ALLOWED}."
    )
    response["Allow"] = ALLOWED
    return response


def _in_error_format(request, response):
    """A 4xx/5xx answer that is not JSON/XML (Django's own pages) in the spec's format."""
    if response.status_code < 400 or response.get("Content-Type") in (JSON_TYPE, XML_TYPE):
        return response
    status = response.status_code if response.status_code in (403, 404, 405) else 400
    descriptions = {404: "Not found.", 403: "Forbidden.", 405: "Method not allowed."}
    return render_error(format_of(request.path), status, descriptions.get(status, "Bad request."))


def _conditional(request, response):
    """A 200 with an ETag; a 304 when the client already holds this body."""
    if response.status_code != 200:
        return response
    if not response.has_header("ETag"):  # a kept answer brings its own
        set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


class Open311HttpMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        head = request.method == "HEAD"
        if request.method == "OPTIONS":
            return _preflight(request)
        if request.method not in ("GET", "HEAD", "POST"):
            return _method_not_allowed(request)
        if head:
            request.method = "GET"
        if "%00" in request.META.get("QUERY_STRING", ""):
            request.GET = without_nul(request.GET)
        response = _in_error_format(request, self.get_response(request))
        if _is_public_read(request):
            response = _conditional(request, response)
            _allow_cors(response)
        if head:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


class _LeanHandler(BaseHandler):
    """Django's request handling with the middleware of `OPEN311_MIDDLEWARE` only."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        handler = convert_exception_to_response(self._get_response)
        for path in reversed(settings.OPEN311_MIDDLEWARE):
            middleware = import_string(path)(handler)
            if hasattr(middleware, "process_view"):
                self._view_middleware.insert(0, middleware.process_view)
            if hasattr(middleware, "process_exception"):
                self._exception_middleware.append(middleware.process_exception)
            handler = convert_exception_to_response(middleware)
        self._middleware_chain = handler


class Open311LeanPathMiddleware:
    """Requests below /open311/v2/ take the short middleware path (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.lean = _LeanHandler()
        self.lean.load_middleware()

    def __call__(self, request):
        if request.path_info.startswith(PREFIX):
            return self.lean.get_response(request)
        return self.get_response(request)
