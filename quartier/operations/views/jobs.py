"""Small jobs: a helper logs one in seconds; coordinators plan jobs and see the list."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas.models import Quarter
from quartier.operations import actions
from quartier.operations.access import helpers_for, jobs_visible_to
from quartier.operations.forms import (
    CompleteJobForm,
    PlanJobForm,
    SmallJobForm,
    add_action_error,
)


def _quarters_of(user):
    own = user.quarters.all()
    return own if own.exists() else Quarter.objects.all()


@never_cache
@require(perms.can_log_contacts)
def job_new(request):
    quarters = _quarters_of(request.user)
    form = SmallJobForm(request.POST or None, request.FILES or None, quarters=quarters)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.log_small_job(
                helper=request.user,
                kind=data["kind"],
                quarter=data["quarter"],
                place=data["place"],
                bags=data["bags"],
                area_m2=data["area_m2"],
                residents_joined=data["residents_joined"] or 0,
                note=data["note"],
                photos=form.photos(),
            )
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Danke! Der Einsatz ist eingetragen."))
            return redirect("operations:my_day")
    return render(request, "operations/job_form.html", {"form": form, "job": None})


@never_cache
@require(perms.can_log_contacts)
def job_complete(request, pk):
    job = get_object_or_404(jobs_visible_to(request.user).planned(), pk=pk)
    form = CompleteJobForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.complete_small_job(
                helper=request.user,
                job=job,
                bags=data["bags"],
                area_m2=data["area_m2"],
                residents_joined=data["residents_joined"] or 0,
                note=data["note"],
                photos=form.photos(),
            )
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Danke! Der Einsatz ist als erledigt eingetragen."))
            return redirect("operations:my_day")
    return render(request, "operations/job_form.html", {"form": form, "job": job})


@never_cache
@require(perms.can_manage_team)
def job_list(request):
    form = PlanJobForm(
        request.POST or None, helpers=helpers_for(request.user).filter(is_active=True)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.plan_small_job(
                actor=request.user,
                kind=data["kind"],
                quarter=data["quarter"],
                place=data["place"],
                planned_for=data["planned_for"],
                planned_time=data["planned_time"],
                assignees=data["assignees"],
                note=data["note"],
            )
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Einsatz geplant."))
            return redirect("operations:jobs")
    jobs = (
        jobs_visible_to(request.user)
        .select_related("quarter")
        .prefetch_related("photos", "assignees")
        .order_by("-created_at")[:100]
    )
    return render(
        request,
        "operations/job_list.html",
        {"form": form, "jobs": jobs, "today": timezone.localdate()},
    )
