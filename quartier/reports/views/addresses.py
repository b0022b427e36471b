"""Address suggestions for the capture form and the coordinators' pages (autocomplete).

A small JSON answer (at most 8 entries, a few hundred bytes) from the offline address
register, so it stays quick on a slow phone connection; the browser may cache it for a day.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas.addresses import suggest

MIN_CHARACTERS = 3
MAX_QUERY = 120


def _may_use(user) -> bool:
    return perms.can_report(user) or perms.can_manage_reports(user)


@require(_may_use)
@require_GET
@cache_control(private=True, max_age=86400)
def address_suggestions(request):
    """`?q=hardenb` -> {"results": [{"label", "lat", "lon", "accuracy_m"}, …]}."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    if len(query) < MIN_CHARACTERS:
        return JsonResponse({"results": []})
    results = [
        {
            "label": match.label,
            "lat": round(match.latitude, 6),
            "lon": round(match.longitude, 6),
            "accuracy_m": match.accuracy_m,
        }
        for match in suggest(query)
    ]
    return JsonResponse({"results": results})


urlpatterns = [path("adressen/", address_suggestions, name="address_suggestions")]
