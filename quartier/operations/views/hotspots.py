"""Hotspots for coordinators: list and map, one hotspot with its history, rules per category."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.operations import actions
from quartier.operations.access import hotspots_visible_to
from quartier.operations.forms import HotspotRuleForm, add_action_error
from quartier.operations.models import HotspotRule


@never_cache
@require(perms.can_manage_reports)
def hotspot_list(request):
    form = HotspotRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_hotspot_rule(actor=request.user, **form.cleaned_data)
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Regel gespeichert."))
            return redirect("operations:hotspots")
    hotspots = list(
        hotspots_visible_to(request.user).select_related("category", "quarter", "authority")
    )
    points = [
        {
            "lat": h.latitude,
            "lon": h.longitude,
            "label": f"{h.category.name}: {h.address}",
            "url": h.get_absolute_url(),
        }
        for h in hotspots
        if h.resolved_at is None
    ]
    context = {
        "hotspots": hotspots,
        "rules": HotspotRule.objects.select_related("category", "authority"),
        "form": form,
        "map_config": {
            "tileUrl": settings.MAP_TILE_URL,
            "attribution": settings.MAP_ATTRIBUTION,
            "points": points,
        },
    }
    return render(request, "operations/hotspot_list.html", context)


@never_cache
@require(perms.can_manage_reports)
def hotspot_detail(request, pk):
    hotspot = get_object_or_404(
        hotspots_visible_to(request.user).select_related("category", "quarter", "authority"), pk=pk
    )
    links = hotspot.links.select_related("report__category").order_by("-report__created_at")
    return render(request, "operations/hotspot_detail.html", {"hotspot": hotspot, "links": links})


@require_POST
@require(perms.can_manage_reports)
def hotspot_resolve(request, pk):
    hotspot = get_object_or_404(hotspots_visible_to(request.user), pk=pk)
    actions.resolve_hotspot(actor=request.user, hotspot=hotspot)
    messages.success(request, _("Hotspot als erledigt markiert."))
    return redirect("operations:hotspots")
