"""The helper's capture flow: Melden, offline outbox, own reports, photos behind access checks.

The capture page works as a plain HTML form (POST, redirect to "Meine Meldungen"); with
JavaScript the phone keeps each submission in its outbox (static/js/outbox.js) and posts it to
`submit_api`, which answers JSON and is idempotent on the client id.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.photos import MAX_PHOTOS, MAX_UPLOAD_BYTES
from quartier.reports import access
from quartier.reports.actions import ReportError, confirm_report, submit_report
from quartier.reports.forms import CaptureForm

# Whole request: all photos at their limit plus the form fields.
MAX_REQUEST_BYTES = MAX_PHOTOS * MAX_UPLOAD_BYTES + 1024 * 1024


class TooLarge(Exception):
    pass


def _check_request_size(request) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_REQUEST_BYTES:
        raise TooLarge


def _save(form, user) -> tuple[object, bool, bool]:
    """Run the action for a valid form; returns (report, created, confirmed_existing)."""
    data = form.cleaned_data
    if data.get("same_as"):
        original = access.duplicate_candidates_for(user).filter(pk=data["same_as"]).first()
        if original is not None:
            confirmation, created = confirm_report(
                report=original,
                actor=user,
                client_id=data.get("client_id"),
                note=data.get("description", ""),
                photos=form.photos,
            )
            return confirmation.report, created, True
    report, created = submit_report(
        reporter=user,
        category=data["category"],
        latitude=data["latitude"],
        longitude=data["longitude"],
        accuracy_m=data.get("accuracy_m"),
        address=data.get("address", ""),
        description=data.get("description", ""),
        attributes=data["attributes"],
        source=data["source"],
        client_id=data.get("client_id"),
        resolved_by_helper=bool(data.get("resolved_by_helper")),
        bags_count=data.get("bags_count"),
        photos=form.photos,
    )
    return report, created, False


def _success_message(report, confirmed: bool) -> str:
    if confirmed:
        return _("Danke! Ihre Bestätigung wurde zu Meldung #%(id)s hinzugefügt.") % {
            "id": report.pk
        }
    if report.resolved_by_helper:
        return _("Danke! „Selbst erledigt“ ist als Meldung #%(id)s gespeichert.") % {
            "id": report.pk
        }
    return _("Danke! Meldung #%(id)s ist angekommen.") % {"id": report.pk}


def _capture_context(form):
    return {
        "form": form,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
    }


@require(perms.can_report)
@require_http_methods(["GET", "POST"])
def capture(request):
    """Melden: photo, category tile, location (GPS, pin or typed address), note, Senden."""
    if request.method == "POST":
        try:
            _check_request_size(request)
        except TooLarge:
            messages.error(request, _("Die Fotos sind zusammen zu groß (höchstens 15 MB je Foto)."))
            return redirect("reports:capture")
        form = CaptureForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                report, _created, confirmed = _save(form, request.user)
            except ReportError as error:
                form.add_error("address", str(error))
            else:
                messages.success(request, _success_message(report, confirmed))
                return redirect("reports:mine")
    else:
        form = CaptureForm(user=request.user)
    return render(request, "reports/capture.html", _capture_context(form))


def _json_error(message: str, status: int, errors: dict | None = None) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message, "errors": errors or {}}, status=status)


@require_POST
def submit_api(request):
    """The outbox posts here (multipart). 200 + {"ok": true} means: stored, remove it."""
    if not request.user.is_authenticated:
        return _json_error(_("Bitte erneut anmelden; die Meldung bleibt gespeichert."), 401)
    if not perms.can_report(request.user):
        return _json_error(_("Sie dürfen keine Meldungen senden."), 403)
    try:
        _check_request_size(request)
    except TooLarge:
        return _json_error(_("Die Fotos sind zusammen zu groß (höchstens 15 MB je Foto)."), 413)
    form = CaptureForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _json_error(first, 400, form.error_dict())
    try:
        report, created, confirmed = _save(form, request.user)
    except ReportError as error:
        return _json_error(str(error), 400, {"address": [str(error)]})
    return JsonResponse(
        {
            "ok": True,
            "id": report.pk,
            "created": created,
            "confirmed": confirmed,
            "message": _success_message(report, confirmed),
        },
        status=201 if created else 200,
    )


def _float(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@require_GET
def nearby_api(request):
    """Already reported here? Same category, within 50 m, open or from the last 8 weeks."""
    if not perms.can_report(request.user):
        return _json_error(_("Bitte erneut anmelden."), 401)
    lat, lon = _float(request.GET.get("lat")), _float(request.GET.get("lon"))
    category_id = request.GET.get("category", "")
    if lat is None or lon is None or not category_id.isdigit():
        return JsonResponse({"ok": True, "reports": []})
    found = access.nearby_duplicates(
        request.user, category=int(category_id), latitude=lat, longitude=lon
    )
    visible_photo_reports = set(
        access.reports_visible_to(request.user)
        .filter(pk__in=[r.pk for r in found])
        .values_list("pk", flat=True)
    )
    return JsonResponse(
        {"ok": True, "reports": [_nearby_item(r, visible_photo_reports) for r in found[:5]]}
    )


def _nearby_item(report, visible_photo_reports) -> dict:
    photos = list(report.photos.all())
    thumb = ""
    if photos and report.pk in visible_photo_reports:
        thumb = reverse("reports:photo_thumbnail", args=[photos[0].pk])
    return {
        "id": report.pk,
        "category": report.category.name,
        "distance_m": round(report.distance_m),
        "status": report.get_status_display(),
        "address": report.address,
        "created": timezone.localtime(report.created_at).strftime("%d.%m.%Y"),
        "thumbnail": thumb,
    }


@require(perms.can_report)
@require_GET
def mine(request):
    """Meine Meldungen: her own reports and the open reports of her quarters, with status."""
    reports = (
        access.reports_visible_to(request.user)
        .select_related("category", "category__parent", "quarter")
        .prefetch_related("photos")
        .annotate(confirmation_count=Count("confirmations"))
        .order_by("-created_at", "-id")
    )
    page_obj = Paginator(reports, 25).get_page(request.GET.get("seite"))
    return render(request, "reports/mine.html", {"page_obj": page_obj})


@require(perms.can_report)
@require_GET
def mine_detail(request, pk: int):
    """One of "Meine Meldungen" for the helper: what became of it, with partners' answers.

    Read-only; the coordinator's page (`reports:detail`) holds the actions.
    """
    report = access.get_report_for(request.user, pk)
    history = report.history.select_related("actor").order_by("created_at", "id")
    context = {
        "report": report,
        "photos": list(report.photos.all()),
        "history": history,
        "is_own": report.reporter_id == request.user.pk,
    }
    return render(request, "reports/mine_detail.html", context)


def _photo_response(request, pk, field):
    if not request.user.is_authenticated:
        raise Http404
    photo = access.get_photo_for(request.user, pk)
    file = getattr(photo, field)
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type="image/jpeg")


@require_GET
@cache_control(private=True, max_age=3600)
def photo(request, pk):
    return _photo_response(request, pk, "image")


@require_GET
@cache_control(private=True, max_age=3600)
def photo_thumbnail(request, pk):
    return _photo_response(request, pk, "thumbnail")


urlpatterns = [
    path("neu/", capture, name="capture"),
    path("neu/senden/", submit_api, name="submit_api"),
    path("neu/in-der-naehe/", nearby_api, name="nearby_api"),
    path("meine/", mine, name="mine"),
    path("meine/<int:pk>/", mine_detail, name="mine_detail"),
    path("foto/<int:pk>/", photo, name="photo"),
    path("foto/<int:pk>/vorschau/", photo_thumbnail, name="photo_thumbnail"),
]
