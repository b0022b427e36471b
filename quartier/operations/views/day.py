"""The helper's day ("Mein Tag"), start and end of duty, result checks, her action items."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.operations import actions, queries
from quartier.operations.access import action_items_for, get_job_photo_for
from quartier.operations.forms import ResultCheckForm
from quartier.operations.models import ActionItem
from quartier.reports.access import get_report_for


def safe_next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@never_cache
@require(perms.can_log_contacts)
def my_day(request):
    context = queries.my_day(request.user)
    context["check_form"] = ResultCheckForm()
    return render(request, "operations/my_day.html", context)


@require_POST
@require(perms.can_log_contacts)
def duty_start(request):
    actions.start_duty(helper=request.user)
    messages.success(request, _("Dienstbeginn eingetragen. Einen guten Tag!"))
    return redirect("operations:my_day")


@require_POST
@require(perms.can_log_contacts)
def duty_end(request):
    try:
        actions.end_duty(helper=request.user)
        messages.success(request, _("Dienstende eingetragen. Schönen Feierabend!"))
    except actions.OperationsError as error:
        messages.error(request, str(error))
    return redirect("operations:my_day")


@require_POST
@require(perms.can_log_contacts)
def result_check(request, pk):
    report = get_report_for(request.user, pk)
    form = ResultCheckForm(request.POST, request.FILES, prefix=f"check{pk}")
    if not form.is_valid():
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        messages.error(request, _("Nachkontrolle nicht gespeichert: %(e)s") % {"e": errors})
        return redirect("operations:my_day")
    try:
        actions.check_result(
            actor=request.user,
            report=report,
            is_done=form.cleaned_data["is_done"],
            note=form.cleaned_data["note"],
            photo=form.cleaned_data["photo"],
        )
        messages.success(request, _("Nachkontrolle gespeichert."))
    except actions.OperationsError as error:
        messages.error(request, str(error))
    return redirect("operations:my_day")


@require_POST
@require(perms.can_report)
def flag_report(request, pk):
    report = get_report_for(request.user, pk)
    actions.flag_report_for_meeting(actor=request.user, report=report)
    messages.success(request, _("Für den nächsten Fachaustausch vorgemerkt."))
    return redirect(safe_next(request, reverse("operations:my_day")))


@require_POST
@require(lambda user: user.is_authenticated and user.is_active)
def action_done(request, pk):
    """The owner (or a coordinator) marks an action item as done."""
    if perms.can_manage_team(request.user):
        action = get_object_or_404(ActionItem, pk=pk)
    else:
        action = get_object_or_404(action_items_for(request.user), pk=pk)
    actions.complete_action_item(actor=request.user, action=action)
    messages.success(request, _("Aufgabe erledigt."))
    return redirect(safe_next(request, reverse("home")))


@require(perms.can_log_contacts)
def job_photo(request, pk):
    photo = get_job_photo_for(request.user, pk)
    field = photo.thumbnail if request.GET.get("gross") != "1" else photo.image
    return FileResponse(field.open("rb"), content_type="image/jpeg")
