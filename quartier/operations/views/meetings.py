"""The weekly expert meeting for coordinators: list, agenda, minutes, action items, PDF, mail."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.operations import actions, agenda
from quartier.operations.access import meetings_visible_to
from quartier.operations.forms import (
    ActionItemForm,
    AgendaItemForm,
    MeetingForm,
    MinutesForm,
    ParticipantForm,
    add_action_error,
)
from quartier.operations.models import ActionItem


@never_cache
@require(perms.can_manage_team)
def meeting_list(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = actions.create_meeting(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Fachaustausch angelegt; die Tagesordnung ist erstellt."))
        return redirect("operations:meeting", pk=meeting.pk)
    meetings = meetings_visible_to(request.user)[:50]
    open_actions = ActionItem.objects.filter(done_at__isnull=True).select_related(
        "owner", "meeting"
    )
    return render(
        request,
        "operations/meeting_list.html",
        {"form": form, "meetings": meetings, "open_actions": open_actions},
    )


def _meeting(request, pk):
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def _detail_context(meeting, *, forms_by_item=None, participant_form=None, item_form=None):
    forms_by_item = forms_by_item or {}
    items = list(meeting.items.select_related("report", "hotspot"))
    removed = agenda.removed_keys(items)
    rows = []
    for item in items:
        minutes_form, action_form = forms_by_item.get(item.pk, (None, None))
        rows.append(
            {
                "item": item,
                "removed": item.source_key in removed,
                "minutes_form": minutes_form
                or MinutesForm(
                    prefix=f"item{item.pk}",
                    initial={"notes": item.notes, "decision": item.decision},
                ),
                "action_form": action_form or ActionItemForm(prefix=f"action{item.pk}"),
                "actions": list(item.actions.select_related("owner")),
            }
        )
    return {
        "meeting": meeting,
        "rows": rows,
        "participants": meeting.participants.select_related("user"),
        "participant_form": participant_form or ParticipantForm(prefix="participant"),
        "item_form": item_form or AgendaItemForm(prefix="topic"),
    }


@never_cache
@require(perms.can_manage_team)
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    return render(request, "operations/meeting_detail.html", _detail_context(meeting))


@require_POST
@require(perms.can_manage_team)
def meeting_refresh(request, pk):
    meeting = _meeting(request, pk)
    added = actions.build_agenda(actor=request.user, meeting=meeting)
    messages.success(
        request, _("Tagesordnung aktualisiert: %(n)s neue Punkte.") % {"n": len(added)}
    )
    return redirect("operations:meeting", pk=pk)


@require_POST
@require(perms.can_manage_team)
def participant_add(request, pk):
    meeting = _meeting(request, pk)
    form = ParticipantForm(request.POST, prefix="participant")
    if form.is_valid():
        try:
            actions.add_participant(actor=request.user, meeting=meeting, **form.cleaned_data)
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            return redirect("operations:meeting", pk=pk)
    context = _detail_context(meeting, participant_form=form)
    return render(request, "operations/meeting_detail.html", context, status=400)


@require_POST
@require(perms.can_manage_team)
def item_add(request, pk):
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST, prefix="topic")
    if form.is_valid():
        actions.add_agenda_item(
            actor=request.user, meeting=meeting, title=form.cleaned_data["title"]
        )
        return redirect("operations:meeting", pk=pk)
    context = _detail_context(meeting, item_form=form)
    return render(request, "operations/meeting_detail.html", context, status=400)


@require_POST
@require(perms.can_manage_team)
def item_minutes(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    form = MinutesForm(request.POST, prefix=f"item{item.pk}")
    if form.is_valid():
        actions.record_minutes(actor=request.user, item=item, **form.cleaned_data)
        messages.success(request, _("Protokoll gespeichert."))
        return redirect(f"{meeting_url(pk)}#item-{item.pk}")
    context = _detail_context(meeting, forms_by_item={item.pk: (form, None)})
    return render(request, "operations/meeting_detail.html", context, status=400)


def meeting_url(pk) -> str:
    from django.urls import reverse

    return reverse("operations:meeting", args=[pk])


@require_POST
@require(perms.can_manage_team)
def action_add(request, pk, item_pk):
    meeting = _meeting(request, pk)
    item = get_object_or_404(meeting.items, pk=item_pk)
    form = ActionItemForm(request.POST, prefix=f"action{item.pk}")
    if form.is_valid():
        try:
            actions.add_action_item(
                actor=request.user, meeting=meeting, agenda_item=item, **form.cleaned_data
            )
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Aufgabe angelegt."))
            return redirect(f"{meeting_url(pk)}#item-{item.pk}")
    context = _detail_context(meeting, forms_by_item={item.pk: (None, form)})
    return render(request, "operations/meeting_detail.html", context, status=400)


@require(perms.can_manage_team)
def meeting_pdf(request, pk):
    from quartier.operations import documents

    meeting = _meeting(request, pk)
    external = request.GET.get("extern") == "1"
    pdf = documents.minutes_pdf(meeting, external=external)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"fachaustausch-{meeting.held_on:%Y-%m-%d}{'-extern' if external else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_POST
@require(perms.can_manage_team)
def meeting_send(request, pk):
    meeting = _meeting(request, pk)
    try:
        count = actions.send_minutes(actor=request.user, meeting=meeting)
    except actions.OperationsError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Protokoll an %(n)s externe Teilnehmende versandt.") % {"n": count}
        )
    return redirect("operations:meeting", pk=pk)
