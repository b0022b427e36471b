"""The coordinator's side: inbox, detail and list, category, merge, close, photos."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core import kept_parts, registry
from quartier.core.confirm import confirmation_page, needs_confirmation
from quartier.core.counting import CountingPaginator, count_of
from quartier.core.navigation import worklist_for
from quartier.reports import actions
from quartier.reports.access import reports_for_coordinator
from quartier.reports.inbox_forms import (
    AssignForm,
    CategoryForm,
    CloseForm,
    MergeForm,
    NoteForm,
    ReportFilterForm,
)
from quartier.reports.models import (
    Report,
    ReportStatus,
)

PAGE_SIZE = 50
EXCERPT_CHARS = 90
NEARBY_RADIUS_M = 100
# Inbox tabs: (status filter value, label). "Überfällig" links to routing's deadline list.
INBOX_TABS = [
    ("new", gettext_lazy("Neu")),
    ("open", gettext_lazy("Offen")),
    ("", gettext_lazy("Alle")),
]


def _filter_form(request, default_status: str) -> ReportFilterForm:
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = default_status
    form = ReportFilterForm(data)
    form.is_valid()
    return form


def _query_without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _paginate(request, reports):
    """One page of reports in three queries: count, the page's ids, the page's rows.

    Sorting only ids lets SQLite and PostgreSQL answer from the (status, created_at) index
    instead of sorting whole rows (see docs/benchmarks.md).
    """
    ids = reports.values_list("pk", flat=True)
    page_obj = CountingPaginator(ids, PAGE_SIZE).get_page(request.GET.get("seite"))
    page_ids = list(page_obj.object_list)
    rows = Report.objects.for_listing().in_bulk(page_ids)
    page_obj.object_list = _with_labels([rows[pk] for pk in page_ids if pk in rows])
    return page_obj


def _with_labels(reports: list[Report]) -> list[Report]:
    """What each table row prints, worked out once per page instead of once per row."""
    statuses = {value: str(label) for value, label in ReportStatus.choices}
    categories: dict[int, str] = {}
    detail_url = reverse("reports:detail", args=[0])
    for report in reports:
        report.status_label = statuses.get(report.status, report.status)
        if report.category_id not in categories:
            categories[report.category_id] = str(report.category)
        report.category_label = categories[report.category_id]
        report.detail_url = detail_url.replace("/0/", f"/{report.pk}/")
        report.created_text = timezone.localtime(report.created_at).strftime("%d.%m.%Y %H:%M")
        report.excerpt = _excerpt(report.description, EXCERPT_CHARS)
    return reports


def _excerpt(text: str, length: int) -> str:
    """At most `length` characters, the last one "…" where cut (like `truncatechars`)."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@require(perms.can_manage_reports)
@require_GET
def inbox(request):
    """Work queue: new, open or all reports, newest first, with filters and search."""
    form = _filter_form(request, "new")
    listing = _inbox_listing(request, form)
    current = form.cleaned_data.get("status")
    reports = reports_for_coordinator(request.user)
    # Large totals are counted at most every 30 s (core.counting), small ones live.
    counts = {
        "new": count_of(reports.filter(status=ReportStatus.NEW)),
        "open": count_of(reports.open()),
    }
    base_query = _query_without(request, "status", "seite")
    tabs = [
        {
            "label": label,
            "count": counts.get(value),
            "current": value == current,
            "query": f"{base_query}&status={value}" if base_query else f"status={value}",
        }
        for value, label in INBOX_TABS
    ]
    return render(
        request,
        "reports/inbox.html",
        {
            "listing": listing,
            "tabs": tabs,
            # Tabs and bulk buttons other apps add (routing: "Überfällig", "weiterleiten").
            "extra_tabs": worklist_for(request.user, kind="inbox_tab"),
            "bulk_actions": _bulk_actions(request.user),
            "query": _query_without(request, "seite"),
        },
    )


def _inbox_listing(request, form) -> dict:
    """The filters, the table and the pager, kept while the data is unchanged (ADR 0023).

    The part depends on nothing but the data, the URL (filters, page), the language and the
    day: every coordinator and admin sees every report (`reports_for_coordinator`), and it
    holds no session, user or CSRF token (the bulk form with its token stays outside).
    """

    def build() -> dict:
        page_obj = _paginate(request, form.filter(reports_for_coordinator(request.user)))
        context = {"form": form, "page_obj": page_obj, "query": _query_without(request, "seite")}
        html = render_to_string("reports/_inbox_listing.html", context, request=request)
        return {"html": html, "has_rows": bool(page_obj.object_list)}

    scope = "all-reports"  # what reports_for_coordinator gives everyone who passes @require
    key = ("reports:inbox", scope, request.get_full_path(), get_language(), timezone.localdate())
    return kept_parts.kept(key, build)


def _bulk_actions(user) -> list[dict]:
    """Buttons other apps add to the inbox's bulk form: MenuItem(label, url_name, allowed)."""
    items = [item for item in registry.contributions("inbox_bulk_action") if item.allowed(user)]
    return [{"label": item.label, "url": item.url()} for item in items if item.url()]


@require(perms.can_manage_reports)
@require_GET
def report_list(request):
    """The list alternative to the map: the same filters, paginated."""
    form = _filter_form(request, "open")
    page_obj = _paginate(request, form.filter(reports_for_coordinator(request.user)))
    return render(
        request,
        "reports/list.html",
        {"form": form, "page_obj": page_obj, "query": _query_without(request, "seite")},
    )


def _get_report(request, pk: int) -> Report:
    reports = reports_for_coordinator(request.user).select_related(
        "category__parent", "quarter", "reporter", "duplicate_of"
    )
    return get_object_or_404(reports, pk=pk)


def _render_detail(request, report: Report, status: int = 200, **forms):
    forms.setdefault("category_form", CategoryForm(initial={"kategorie": report.category_id}))
    forms.setdefault("merge_form", MergeForm())
    forms.setdefault("close_form", CloseForm())
    forms.setdefault("note_form", NoteForm())
    forms.setdefault("assign_form", AssignForm(report=report))
    context = {
        "report": report,
        "photos": list(report.photos.all()),
        "history": _timeline(report),
        "duplicates": report.duplicates.only("id", "created_at", "status"),
        "nearby": _possible_duplicates(report),
        "map_config": {
            "lat": report.latitude,
            "lon": report.longitude,
            "tileUrl": settings.MAP_TILE_URL,
            "attribution": settings.MAP_ATTRIBUTION,
        },
        "tile_url": settings.MAP_TILE_URL,
        "can_close": report.status not in {ReportStatus.CLOSED, ReportStatus.DUPLICATE},
        "can_merge": report.status != ReportStatus.DUPLICATE,
        **forms,
    }
    return render(request, "reports/detail.html", context, status=status)


def _timeline(report: Report) -> list:
    """Status history and internal notes in one list, oldest first (notes marked internal)."""
    changes = list(report.history.select_related("actor"))
    notes = list(report.internal_notes.select_related("author"))
    for note in notes:
        note.is_internal = True
    return sorted(changes + notes, key=lambda row: (row.created_at, row.pk))


def _possible_duplicates(report: Report) -> list[Report]:
    """Open reports of the same category within 100 m: candidates for "Das ist dasselbe"."""
    if report.status == ReportStatus.DUPLICATE:
        return []
    candidates = (
        Report.objects.open()
        .filter(category_id=report.category_id)
        .near(report.latitude, report.longitude, NEARBY_RADIUS_M)
        .exclude(pk=report.pk)
        .only(
            "id",
            "created_at",
            "address",
            "nearest_address",
            "nearest_address_m",
            "status",
            "latitude",
            "longitude",
        )
    )
    return list(candidates[:5])


def _can_open_reports(user) -> bool:
    return perms.can_manage_reports(user) or perms.can_report(user)


@require(_can_open_reports)
@require_GET
def detail(request, pk: int):
    """One report: facts, description, photos, map, history and what a coordinator can do.

    A helper following a link to a report gets her read-only page (access checked there).
    """
    if not perms.can_manage_reports(request.user):
        return redirect("reports:mine_detail", pk=pk)
    return _render_detail(request, _get_report(request, pk))


@require(perms.can_manage_reports)
@require_POST
def set_category(request, pk: int):
    report = _get_report(request, pk)
    form = CategoryForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, report, 400, category_form=form)
    try:
        actions.change_category(
            report=report, category=form.cleaned_data["kategorie"], actor=request.user
        )
    except actions.ReportError as exc:
        form.add_error("kategorie", str(exc))
        return _render_detail(request, report, 400, category_form=form)
    messages.success(request, _("Die Kategorie wurde geändert."))
    return redirect("reports:detail", pk=report.pk)


@require(perms.can_manage_reports)
@require_POST
def merge(request, pk: int):
    """Mark this report as the same as the report number entered ("Das ist dasselbe")."""
    report = _get_report(request, pk)
    form = MergeForm(request.POST)
    target = _merge_target(request, form)
    if target is not None:
        try:
            actions.check_merge(report, target)
        except actions.ReportError as exc:
            form.add_error("ziel", str(exc))
    if form.errors:
        return _render_detail(request, report, 400, merge_form=form)
    if needs_confirmation(request):
        return _confirm_merge(request, report, target)
    actions.merge_reports(duplicate=report, into=target, actor=request.user)
    messages.success(
        request, _("Die Meldung ist jetzt Meldung #%(pk)s zugeordnet.") % {"pk": target.pk}
    )
    return redirect("reports:detail", pk=report.pk)


def _confirm_merge(request, report: Report, target: Report):
    return confirmation_page(
        request,
        title=_("Meldung #%(pk)s als doppelt markieren?") % {"pk": report.pk},
        consequences=[
            _("Meldung #%(dup)s bekommt den Status „doppelt“ und zeigt auf Meldung #%(into)s.")
            % {"dup": report.pk, "into": target.pk},
            _("Offene Weiterleitungen von Meldung #%(dup)s werden zurückgezogen.")
            % {"dup": report.pk},
            _("Beide Verläufe vermerken die Zuordnung."),
        ],
        confirm_label=_("Ja, als doppelt markieren"),
        cancel_url=reverse("reports:detail", args=[report.pk]),
    )


def _merge_target(request, form: MergeForm) -> Report | None:
    if not form.is_valid():
        return None
    target = reports_for_coordinator(request.user).filter(pk=form.cleaned_data["ziel"]).first()
    if target is None:
        form.add_error("ziel", _("Eine Meldung mit dieser Nummer gibt es nicht."))
    return target


@require(perms.can_manage_reports)
@require_POST
def close(request, pk: int):
    report = _get_report(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid() and needs_confirmation(request):
        return _confirm_close(request, report, form.cleaned_data["grund"])
    if form.is_valid():
        try:
            actions.close_report(
                report=report, reason=form.cleaned_data["grund"], actor=request.user
            )
        except actions.ReportError as exc:
            form.add_error("grund", str(exc))
    if form.errors:
        return _render_detail(request, report, 400, close_form=form)
    messages.success(request, _("Die Meldung wurde abgeschlossen."))
    return redirect("reports:detail", pk=report.pk)


def _confirm_close(request, report: Report, reason: str):
    return confirmation_page(
        request,
        title=_("Meldung #%(pk)s abschließen?") % {"pk": report.pk},
        consequences=[
            _("Die Meldung bekommt den Status „abgeschlossen“ mit dem Grund: %(reason)s")
            % {"reason": reason},
            _(
                "Offene Weiterleitungen werden zurückgezogen; Partner sehen, dass nichts mehr zu "
                "tun ist."
            ),
        ],
        confirm_label=_("Ja, abschließen"),
        cancel_url=reverse("reports:detail", args=[report.pk]),
        undo_hint=_("Eine abgeschlossene Meldung können Sie über „Weiterleiten“ wieder öffnen."),
    )


urlpatterns = [
    path("eingang/", inbox, name="inbox"),
    path("liste/", report_list, name="list"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/kategorie/", set_category, name="set_category"),
    path("<int:pk>/dasselbe/", merge, name="merge"),
    path("<int:pk>/abschliessen/", close, name="close"),
]
