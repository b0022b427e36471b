"""Clear answers when a part of the platform is down, instead of a 500.

A file that cannot be stored (disk full, read-only media, object store down) or a database that
is unreachable for a moment (restart, failover, SQLite locked too long) is answered with 503
and Retry-After: nothing of the request was kept, the same request may simply be sent again.
The phone's outbox keeps the item and retries; people get a German page.
"""

from __future__ import annotations

import logging

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from quartier.core.files import StorageError

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
_OUTAGES = (StorageError, OperationalError, InterfaceError)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def is_outage(exc) -> bool:
    return isinstance(exc, _OUTAGES)


def outage_response(request, exc, *, plain: bool = False):
    """503 + Retry-After. `plain`: no template (the database may be what is down)."""
    if plain and not request.path.startswith("/open311/") and not _wants_json(request):
        return _plain_503()
    if isinstance(exc, StorageError):
        message = _(
            "Die Datei konnte gerade nicht gespeichert werden. Es wurde nichts gespeichert."
        )
    else:
        message = _("Die Datenbank ist gerade nicht erreichbar. Es wurde nichts gespeichert.")
    message += " " + _("Bitte in einer Minute noch einmal versuchen.")
    if request.path.startswith("/open311/"):  # the GeoReport error format
        response = JsonResponse([{"code": 503, "description": message}], status=503, safe=False)
    elif _wants_json(request):
        response = JsonResponse({"ok": False, "retry": True, "message": message}, status=503)
    else:
        response = render(request, "503.html", {"message": message}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class OutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exc):
        if not isinstance(exc, _OUTAGES):
            return None
        log.error("outage on %s: %s: %s", request.path, type(exc).__name__, exc)
        try:
            return outage_response(request, exc)
        except _OUTAGES:  # the page itself needs the database (session, user): plain text
            return _plain_503()


def _plain_503():
    from django.http import HttpResponse

    response = HttpResponse(
        "Der Dienst ist gerade nicht verfügbar. Bitte in einer Minute noch einmal versuchen.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
