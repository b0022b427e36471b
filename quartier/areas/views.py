"""Administration of quarters (GeoJSON upload with preview) and bases (Stützpunkte)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas import actions
from quartier.areas.actions import QuarterData
from quartier.areas.forms import BaseForm, QuarterUploadForm
from quartier.areas.models import Base, Quarter

SESSION_KEY = "quarter_upload"


def _map_config() -> dict:
    return {"tileUrl": settings.MAP_TILE_URL, "attribution": settings.MAP_ATTRIBUTION}


def _quarter_list(request, form, status=200):
    quarters = Quarter.objects.annotate(base_count=Count("bases")).order_by("name")
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": q.name}, "geometry": q.geometry}
            for q in quarters
        ],
    }
    context = {"quarters": quarters, "form": form, "collection": collection, "map": _map_config()}
    return render(request, "areas/quarter_list.html", context, status=status)


@require(perms.can_administer)
def quarter_list(request):
    """The quarters on a map and as a list; upload new or official polygons."""
    return _quarter_list(request, QuarterUploadForm())


@require_POST
@require(perms.can_administer)
def quarter_upload(request):
    """Step 1: check the file completely and show what would change, on a map."""
    form = QuarterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _quarter_list(request, form, status=400)
    quarters: list[QuarterData] = form.cleaned_data["quarters"]
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {"token": token, "quarters": [q.__dict__ for q in quarters]}
    existing = set(Quarter.objects.values_list("slug", flat=True))
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": q.name}, "geometry": q.geometry}
            for q in quarters
        ],
    }
    context = {
        "quarters": [(q, q.slug in existing) for q in quarters],
        "token": token,
        "collection": collection,
        "map": _map_config(),
    }
    return render(request, "areas/quarter_preview.html", context)


@require_POST
@require(perms.can_administer)
def quarter_import(request):
    """Step 2: store what the preview showed (all or nothing)."""
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or request.POST.get("token") != pending.get("token"):
        messages.error(
            request, _("Die Vorschau ist abgelaufen. Bitte die Datei noch einmal hochladen.")
        )
        return redirect("areas:quarter_list")
    quarters = [QuarterData(**data) for data in pending["quarters"]]
    saved = actions.import_quarters(quarters=quarters, actor=request.user)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        ngettext("%(n)s Quartier gespeichert.", "%(n)s Quartiere gespeichert.", len(saved))
        % {"n": len(saved)},
    )
    return redirect("areas:quarter_list")


@require(perms.can_administer)
def base_list(request):
    bases = Base.objects.select_related("quarter").order_by("quarter__name", "name")
    return render(request, "areas/base_list.html", {"bases": bases})


@require(perms.can_administer)
def base_edit(request, pk=None):
    base = get_object_or_404(Base, pk=pk) if pk else Base()
    form = BaseForm(request.POST or None, instance=base)
    if request.method == "POST" and form.is_valid():
        saved = actions.save_base(actor=request.user, base=form.save(commit=False))
        messages.success(request, _("Stützpunkt „%(name)s“ gespeichert.") % {"name": saved.name})
        return redirect("areas:base_list")
    return render(request, "areas/base_form.html", {"form": form, "base": base})
