import datetime as dt
import sys

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from quartier.core import actions, outages, registry
from quartier.core.decorators import require
from quartier.core.forms import AccessibilityFeedbackForm
from quartier.core.models import WorkerHeartbeat
from quartier.core.navigation import tiles_for, worklist_for
from quartier.core.sections import render_sections


def home(request):
    """Each role has its own start page; visitors see what the platform is and the login.

    Which page a user gets, its tiles, counts and sections come from the apps (registry).
    """
    user = request.user
    start = registry.start_page(user) if user.is_authenticated else None
    if start is None:
        return render(request, "core/home_public.html")
    context = {
        "tiles": tiles_for(user),
        "page_tiles": tiles_for(user, start.page),
        "quarters": user.quarters.all(),
        "worklist": worklist_for(user) if start.worklist else [],
        "sections": render_sections(f"home_{start.page}", request),
    }
    return render(request, start.template, context)


@never_cache
@require_GET
def healthz(request):
    """Database and task-worker status as JSON; 503 when the database is unreachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = {"ok": True}
    except Exception as exc:  # report, don't crash: this is what monitoring reads
        database = {"ok": False, "error": type(exc).__name__}
    worker = _worker_status() if database["ok"] else {"ok": False}
    ok = database["ok"] and worker["ok"]
    body = {"status": "ok" if ok else "degraded", "database": database, "task_worker": worker}
    return JsonResponse(body, status=200 if database["ok"] else 503)


def _worker_status() -> dict:
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timezone.timedelta(seconds=settings.WORKER_HEARTBEAT_TIMEOUT)
    latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    alive = WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).count()
    return {
        "ok": alive > 0,
        "workers": alive,
        "last_seen": latest.last_seen.isoformat() if latest else None,
        "queued": DBTaskResult.objects.ready().count(),
    }


def page(request, template):
    return render(request, template)


def accessibility(request):
    """The accessibility statement with its feedback form (BITV NRW)."""
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.submit_accessibility_feedback(**form.cleaned_data, actor=request.user)
        messages.success(request, _("Danke! Ihre Rückmeldung ist angekommen."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form, **statement_context()})


def statement_context() -> dict:
    """The settings of the accessibility statement, ready for the template."""
    statement = dict(settings.A11Y_STATEMENT)
    for key in ("prepared_on", "reviewed_on"):
        value = statement[key]
        statement[key] = dt.date.fromisoformat(value) if value else None
    for key in ("contact_address", "enforcement_address"):
        statement[key] = [line.strip() for line in statement[key].split("|") if line.strip()]
    return {"statement": statement, "site_url": settings.SITE_URL}


def simple_language(request):
    """Leichte Sprache: what the platform is and how to reach the helpers (BITV 2.0 § 4)."""
    sections = render_sections("simple_language", request)
    return render(request, "core/simple_language.html", {"sections": sections})


@require(registry.permission("administer"))
def administration(request):
    """The admin's index: the administration pages the apps contribute (registry tiles)."""
    tiles = tiles_for(request.user, page="administration")
    return render(request, "core/administration.html", {"tiles": tiles})


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def csrf_failure(request, reason=""):
    """An expired or foreign form: German page instead of Django's English one."""
    return render(request, "403_csrf.html", status=403)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, unless a part was down (database restarting, storage full): that is a 503 with
    Retry-After even when it happened in a middleware, before any view ran."""
    exc = sys.exc_info()[1]
    if outages.is_outage(exc):
        return outages.outage_response(request, exc, plain=True)
    return render(request, "500.html", status=500)


def offline(request):
    """What works without network; the service worker shows it instead of the browser's error.

    Lists the menu entries whose pages the apps registered as offline pages.
    """
    offline_names = set(registry.offline_pages())
    items = [
        item
        for item in registry.menu_items(request.user)
        if item.url_name in offline_names and item.url()
    ]
    return render(request, "core/offline.html", {"items": items})
