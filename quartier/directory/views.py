"""Pages of the Wegweiser: search on the phone, entry, handout, and the editors' pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas.models import Quarter
from quartier.core import registry
from quartier.directory import access, actions
from quartier.directory.csv_format import DirectoryImportError, export_csv, parse_csv
from quartier.directory.forms import EntryForm, ImportForm, SearchForm
from quartier.directory.handout import handout_context, public_context, render_pdf
from quartier.directory.handout_labels import HANDOUT_LANGUAGES
from quartier.directory.hsds import export_hsds
from quartier.directory.hsds_import import parse_hsds_document
from quartier.directory.models import DirectoryEntry
from quartier.taxonomy.models import Topic

PAGE_SIZE = 20


def _search_form(request):
    data = request.GET.copy()
    if not data:
        # A helper starts with her own quarter (and the city-wide offers).
        first = request.user.quarters.order_by("name").first()
        if first is not None:
            data["quartier"] = first.slug
    topics = list(Topic.objects.active().order_by("order", "name"))
    return SearchForm(data, topics=topics, quarters=list(Quarter.objects.all()))


@require(perms.can_use_directory)
def search(request):
    form = _search_form(request)
    entries = form.filter(access.entries_visible_to(request.user).select_related("quarter"))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "directory/search.html",
        {"form": form, "page_obj": page, "can_edit": perms.can_edit_directory(request.user)},
    )


def _entry_actions(user, entry) -> list[dict]:
    """Buttons other apps add to an entry (e.g. "Vermittlung erfassen" from residents).

    Each contribution of kind "directory_entry_action" is a callable (user, entry) returning
    {"label", "url"} or None.
    """
    actions = (action(user, entry) for action in registry.contributions("directory_entry_action"))
    return [action for action in actions if action]


@require(perms.can_use_directory)
def detail(request, pk):
    entry = access.get_entry_for(request.user, pk)
    return render(
        request,
        "directory/detail.html",
        {
            "entry": entry,
            "topics": entry.topics.select_related("parent"),
            "handout_languages": HANDOUT_LANGUAGES.values(),
            "can_edit": perms.can_edit_directory(request.user),
            "entry_actions": _entry_actions(request.user, entry),
        },
    )


@require_GET
def public_entry(request, external_id):
    """An active entry for residents who scanned a handout's QR code: no login, no notes."""
    entry = get_object_or_404(DirectoryEntry.objects.active(), external_id=external_id)
    return render(
        request,
        "directory/public.html",
        public_context(entry, request.GET.get("sprache")),
    )


@require(perms.can_use_directory)
def handout(request, pk):
    entry = access.get_entry_for(request.user, pk)
    context = handout_context(entry, request.user, request.GET.get("sprache"))
    actions.record_handout(actor=request.user, entry=entry, as_pdf=False)
    return render(request, "directory/handout.html", context)


@require(perms.can_use_directory)
def handout_pdf(request, pk):
    entry = access.get_entry_for(request.user, pk)
    context = handout_context(entry, request.user, request.GET.get("sprache"))
    pdf = render_pdf(context)
    actions.record_handout(actor=request.user, entry=entry, as_pdf=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"wegweiser-{entry.pk}-{context['language'].code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require(perms.can_edit_directory)
def manage(request):
    entries = access.entries_visible_to(request.user).select_related("quarter")
    page = Paginator(entries, 50).get_page(request.GET.get("seite"))
    return render(request, "directory/manage.html", {"page_obj": page})


@require(perms.can_edit_directory)
@require_http_methods(["GET", "POST"])
def create(request):
    form = EntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        entry = actions.create_entry(actor=request.user, data=form.entry_data())
        messages.success(request, _("Eintrag „%(name)s“ angelegt.") % {"name": entry.name})
        return redirect(entry)
    return render(request, "directory/edit.html", {"form": form, "entry": None})


@require(perms.can_edit_directory)
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    entry = access.get_entry_for(request.user, pk)
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        actions.update_entry(actor=request.user, entry=entry, data=form.entry_data())
        messages.success(request, _("Eintrag „%(name)s“ gespeichert.") % {"name": entry.name})
        return redirect(entry)
    return render(request, "directory/edit.html", {"form": form, "entry": entry})


MAX_REPORT_LINES = 20


def _parse(file_format: str, raw: bytes) -> tuple[list, list[str]]:
    """(entries, report lines). HSDS says per record what was taken over and what not."""
    if file_format == "hsds":
        parsed = parse_hsds_document(raw)
        kind = _("Erkannt: %(kind)s.") % {"kind": parsed.kind}
        return parsed.entries, [kind, *parsed.report[:MAX_REPORT_LINES]]
    return parse_csv(raw), []


def _run_import(request, form) -> list[str]:
    """Parse and import the uploaded file; returns German error messages (empty: success)."""
    file_format = form.cleaned_data["file_format"]
    try:
        entries, report = _parse(file_format, form.cleaned_data["file"].read())
        result = actions.import_entries(actor=request.user, entries=entries, source=file_format)
    except DirectoryImportError as error:
        return error.errors
    except ValidationError as error:  # a model constraint the row check did not catch
        return [_("Ein Eintrag ist ungültig: %(error)s") % {"error": "; ".join(error.messages)}]
    messages.success(
        request,
        _("Import abgeschlossen: %(created)d neu, %(updated)d aktualisiert.")
        % {"created": result.created, "updated": result.updated},
    )
    for line in report:
        messages.info(request, line)
    return []


@require(perms.can_edit_directory)
@require_http_methods(["GET", "POST"])
def import_file(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        errors = _run_import(request, form)
        if not errors:
            return redirect("directory:manage")
    return render(request, "directory/import.html", {"form": form, "import_errors": errors})


EXPORTS = {
    "csv": (export_csv, "text/csv; charset=utf-8", "wegweiser.csv"),
    "hsds": (export_hsds, "application/json; charset=utf-8", "wegweiser-hsds.json"),
}


@require(perms.can_edit_directory)
def export_file(request, file_format):
    if file_format not in EXPORTS:
        raise Http404
    serialise, content_type, filename = EXPORTS[file_format]
    entries = (
        access.entries_visible_to(request.user).select_related("quarter").prefetch_related("topics")
    )
    body = serialise(entries)
    actions.record_export(actor=request.user, file_format=file_format)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
