"""Back-office triage: internal notes, assignment and several reports at once (coordinators).

Every write goes through `reports.actions`, is audited and appears in the report's history
(internal notes only in the coordination's view of it).
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.confirm import confirmation_page, needs_confirmation
from quartier.reports import actions
from quartier.reports.access import reports_for_coordinator
from quartier.reports.inbox_forms import AssignForm, BulkForm, NoteForm
from quartier.reports.views.inbox import _get_report, _render_detail


@require(perms.can_manage_reports)
@require_POST
def add_note(request, pk: int):
    report = _get_report(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, report, 400, note_form=form)
    actions.add_internal_note(report=report, text=form.cleaned_data["text"], actor=request.user)
    messages.success(request, _("Interne Notiz gespeichert."))
    return redirect(reverse("reports:detail", args=[report.pk]) + "#verlauf")


@require(perms.can_manage_reports)
@require_POST
def assign(request, pk: int):
    report = _get_report(request, pk)
    form = AssignForm(request.POST, report=report)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            actions.assign_report(
                report=report, assignee=person, actor=request.user, note=form.cleaned_data["note"]
            )
        except actions.ReportError as exc:
            form.add_error("person", str(exc))
    if form.errors:
        return _render_detail(request, report, 400, assign_form=form)
    if person is None:
        messages.success(request, _("Die Zuweisung wurde aufgehoben."))
    else:
        name = person.get_full_name() or person.get_username()
        messages.success(request, _("Die Meldung ist jetzt %(name)s zugewiesen.") % {"name": name})
    return redirect("reports:detail", pk=report.pk)


@require(perms.can_manage_reports)
@require_POST
def bulk(request):
    """Close or merge the reports ticked in the inbox; asks first, all or nothing."""
    back = request.POST.get("zurueck") or reverse("reports:inbox")
    if not back.startswith("/"):
        back = reverse("reports:inbox")
    form = BulkForm(request.POST, reports=reports_for_coordinator(request.user))
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back)
    if needs_confirmation(request):
        return _confirm_bulk(request, form, back)
    try:
        done = _run_bulk(request, form)
    except actions.ReportError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    numbers = ", ".join(f"#{pk}" for pk in done)
    messages.success(
        request,
        ngettext(
            "Erledigt für %(n)s Meldung: %(numbers)s.",
            "Erledigt für %(n)s Meldungen: %(numbers)s.",
            len(done),
        )
        % {"n": len(done), "numbers": numbers},
    )
    return redirect(back)


def _run_bulk(request, form: BulkForm) -> list[int]:
    data = form.cleaned_data
    if data["aktion"] == "close":
        return actions.close_reports(
            reports=form.selected, reason=data["grund"].strip(), actor=request.user
        )
    target = reports_for_coordinator(request.user).filter(pk=data["ziel"]).first()
    if target is None:
        raise actions.ReportError(_("Eine Meldung mit dieser Nummer gibt es nicht."))
    duplicates = [report for report in form.selected if report.pk != target.pk]
    return actions.merge_many(duplicates=duplicates, into=target, actor=request.user)


def _confirm_bulk(request, form: BulkForm, back: str):
    data = form.cleaned_data
    numbers = ", ".join(f"#{report.pk}" for report in form.selected)
    count = len(form.selected)
    if data["aktion"] == "close":
        title = ngettext("%(n)s Meldung abschließen?", "%(n)s Meldungen abschließen?", count)
        lines = [
            _("Abgeschlossen werden: %(numbers)s.") % {"numbers": numbers},
            _("Grund: %(reason)s") % {"reason": data["grund"].strip()},
            _("Offene Weiterleitungen werden zurückgezogen."),
        ]
        label = _("Ja, abschließen")
    else:
        title = ngettext(
            "%(n)s Meldung als doppelt zuordnen?", "%(n)s Meldungen als doppelt zuordnen?", count
        )
        lines = [
            _("%(numbers)s werden als doppelt zu Meldung #%(into)s markiert.")
            % {"numbers": numbers, "into": data["ziel"]},
            _("Offene Weiterleitungen der doppelten Meldungen werden zurückgezogen."),
        ]
        label = _("Ja, zuordnen")
    return confirmation_page(
        request,
        title=title % {"n": count},
        consequences=lines,
        confirm_label=label,
        cancel_url=back,
        undo_hint=_(
            "Wenn eine Meldung nicht passt, bricht der ganze Vorgang ab; nichts wird halb erledigt."
        ),
    )


urlpatterns = [
    path("sammel/", bulk, name="bulk"),
    path("<int:pk>/notiz/", add_note, name="add_note"),
    path("<int:pk>/zuweisen/", assign, name="assign"),
]
