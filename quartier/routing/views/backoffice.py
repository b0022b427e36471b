"""Back office: forward several reports at once, write down a partner's answer by phone."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.reports.models import Report
from quartier.routing import actions
from quartier.routing.forms import BulkForwardForm, PhoneAnswerForm
from quartier.routing.models import AnswerChannel, Forwarding

MAX_SELECTED = 100


def _selected_reports(request) -> list[Report]:
    ids = {int(v) for v in request.POST.getlist("meldung") if v.isdigit()}
    if len(ids) > MAX_SELECTED:
        return []
    return list(Report.objects.open().filter(pk__in=ids).select_related("category", "quarter"))


@require_POST
@require(perms.can_manage_reports)
def bulk_forward(request):
    """Step 1 (from the inbox): pick the partner; step 2 (`authority` set): forward each."""
    reports = _selected_reports(request)
    if not reports:
        messages.error(request, _("Bitte wählen Sie mindestens eine offene Meldung aus."))
        return redirect("reports:inbox")
    form = BulkForwardForm(request.POST if "authority" in request.POST else None)
    if form.is_bound and form.is_valid():
        done, refused = _forward_all(request, reports, form.cleaned_data)
        if done:
            messages.success(
                request,
                ngettext(
                    "%(n)s Meldung an %(who)s weitergeleitet.",
                    "%(n)s Meldungen an %(who)s weitergeleitet.",
                    len(done),
                )
                % {"n": len(done), "who": form.cleaned_data["authority"]},
            )
        for line in refused:
            messages.error(request, line)
        return redirect("reports:inbox")
    return render(request, "routing/bulk_forward.html", {"reports": reports, "form": form})


def _forward_all(request, reports, data) -> tuple[list[int], list[str]]:
    done, refused = [], []
    for report in reports:
        try:
            actions.forward_report(
                report=report,
                authority=data["authority"],
                actor=request.user,
                message=data["message"],
            )
        except actions.RoutingError as exc:
            refused.append(_("Meldung #%(pk)s: %(why)s") % {"pk": report.pk, "why": exc})
        else:
            done.append(report.pk)
    return done, refused


@require_POST
@require(perms.can_manage_reports)
def phone_answer(request, pk):
    """Record what a partner said by phone; it counts like an answer through the link."""
    forwarding = get_object_or_404(Forwarding.objects.select_related("report", "authority"), pk=pk)
    form = PhoneAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie, was der Partner gesagt hat."))
        return redirect("routing:forward", report_pk=forwarding.report_id)
    try:
        actions.record_partner_answer(
            forwarding=forwarding,
            kind=form.cleaned_data["kind"],
            comment=form.cleaned_data["comment"],
            channel=AnswerChannel.STAFF,
            actor=request.user,
        )
    except actions.RoutingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Die Antwort des Partners wurde eingetragen."))
    return redirect("routing:forward", report_pk=forwarding.report_id)
