"""The rota for coordinators: week view with conflicts, month view per quarter, PDF per base,
presence per quarter and day; and the helper's own calendar link."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.areas.models import Base, Quarter
from quartier.operations import actions, queries, rota
from quartier.operations.access import helpers_for
from quartier.operations.forms import ShiftExceptionForm, ShiftPatternForm, add_action_error
from quartier.operations.models import ShiftException, ShiftPattern


def _day_param(request, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get(name) or request.POST.get(name) or "")
    except ValueError:
        return timezone.localdate()


def _week_rows(helpers, the_plan, week_days):
    rows = []
    for helper in helpers:
        cells = []
        for day in week_days:
            shifts = [s for s in the_plan.shifts if s.helper.pk == helper.pk and s.day == day]
            cells.append({"shifts": shifts, "absence": the_plan.absences.get((helper.pk, day))})
        rows.append({"helper": helper, "cells": cells})
    return rows


def _week_context(request, start, pattern_form=None, exception_form=None):
    helpers = helpers_for(request.user).filter(is_active=True)
    end = start + dt.timedelta(days=6)
    the_plan = rota.plan(start, end, helpers=helpers)
    week_days = rota.days(start, end)
    return {
        "start": start,
        "end": end,
        "days": [{"day": d, "holiday": rota.public_holiday(d)} for d in week_days],
        "rows": _week_rows(helpers, the_plan, week_days),
        "conflicts": rota.conflicts(the_plan, start, end),
        "previous": start - dt.timedelta(days=7),
        "next": start + dt.timedelta(days=7),
        "patterns": ShiftPattern.objects.valid_between(start, end)
        .filter(helper__in=helpers)
        .select_related("helper", "quarter", "base"),
        "exceptions": ShiftException.objects.filter(
            day__range=(start, end), helper__in=helpers
        ).select_related("helper", "quarter"),
        "bases": Base.objects.select_related("quarter"),
        "quarters": Quarter.objects.all(),
        "pattern_form": pattern_form
        or ShiftPatternForm(helpers=helpers, prefix="pattern", initial={"valid_from": start}),
        "exception_form": exception_form
        or ShiftExceptionForm(helpers=helpers, prefix="exception", initial={"day": start}),
    }


def _week_url(start) -> str:
    return f"{reverse('operations:rota_week')}?woche={start:%Y-%m-%d}"


@never_cache
@require(perms.can_manage_team)
def rota_week(request):
    start = rota.week_start(_day_param(request, "woche"))
    return render(request, "operations/rota_week.html", _week_context(request, start))


@require_POST
@require(perms.can_manage_team)
def pattern_add(request):
    start = rota.week_start(_day_param(request, "woche"))
    helpers = helpers_for(request.user).filter(is_active=True)
    form = ShiftPatternForm(request.POST, helpers=helpers_for(request.user), prefix="pattern")
    if form.is_valid():
        try:
            actions.add_shift_pattern(actor=request.user, **form.cleaned_data)
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Dienst in den Wochenplan übernommen."))
            return redirect(_week_url(start))
    form.fields["helper"].queryset = helpers
    context = _week_context(request, start, pattern_form=form)
    return render(request, "operations/rota_week.html", context, status=400)


@require_POST
@require(perms.can_manage_team)
def exception_add(request):
    start = rota.week_start(_day_param(request, "woche"))
    form = ShiftExceptionForm(request.POST, helpers=helpers_for(request.user), prefix="exception")
    if form.is_valid():
        try:
            actions.add_shift_exception(actor=request.user, **form.cleaned_data)
        except actions.OperationsError as error:
            add_action_error(form, error)
        else:
            messages.success(request, _("Abweichung eingetragen."))
            return redirect(_week_url(rota.week_start(form.cleaned_data["day"])))
    context = _week_context(request, start, exception_form=form)
    return render(request, "operations/rota_week.html", context, status=400)


@require_POST
@require(perms.can_manage_team)
def pattern_end(request, pk):
    pattern = get_object_or_404(
        ShiftPattern.objects.filter(helper__in=helpers_for(request.user)), pk=pk
    )
    start = rota.week_start(_day_param(request, "woche"))
    actions.end_shift_pattern(
        actor=request.user, pattern=pattern, last_day=start - dt.timedelta(days=1)
    )
    messages.success(request, _("Dienst ab dieser Woche aus dem Wochenplan genommen."))
    return redirect(_week_url(start))


@require_POST
@require(perms.can_manage_team)
def exception_remove(request, pk):
    exception = get_object_or_404(
        ShiftException.objects.filter(helper__in=helpers_for(request.user)), pk=pk
    )
    start = rota.week_start(exception.day)
    actions.remove_shift_exception(actor=request.user, exception=exception)
    messages.success(request, _("Abweichung gelöscht."))
    return redirect(_week_url(start))


def _month(request) -> tuple[dt.date, dt.date]:
    try:
        first = dt.date.fromisoformat(f"{request.GET.get('monat', '')}-01")
    except ValueError:
        first = timezone.localdate().replace(day=1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


@never_cache
@require(perms.can_manage_team)
def rota_month(request):
    quarters = Quarter.objects.all()
    quarter = quarters.filter(slug=request.GET.get("quartier", "")).first() or quarters.first()
    if quarter is None:
        raise Http404
    first, last = _month(request)
    the_plan = rota.plan(first, last)
    shifts = [s for s in the_plan.shifts if s.quarter.pk == quarter.pk]
    month_days = [
        {
            "day": d,
            "holiday": rota.public_holiday(d),
            "working": rota.is_working_day(d),
            "shifts": [s for s in shifts if s.day == d],
        }
        for d in rota.days(first, last)
    ]
    conflicts = [
        c
        for c in rota.conflicts(the_plan, first, last, quarters=[quarter])
        if c.kind == "uncovered"
    ]
    context = {
        "quarter": quarter,
        "quarters": quarters,
        "first": first,
        "month_days": month_days,
        "conflicts": conflicts,
        "previous": (first - dt.timedelta(days=1)).replace(day=1),
        "next": last + dt.timedelta(days=1),
    }
    return render(request, "operations/rota_month.html", context)


@require(perms.can_manage_team)
def rota_pdf(request, pk):
    from quartier.operations import documents

    base = get_object_or_404(Base, pk=pk)
    start = rota.week_start(_day_param(request, "woche"))
    pdf = documents.rota_pdf(base, start)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="einsatzplan-{base.pk}-{start}.pdf"'
    return response


@never_cache
@require(perms.can_manage_team)
def presence(request):
    day = _day_param(request, "tag")
    rows = queries.presence(day, rota.quarters_to_cover())
    return render(request, "operations/presence.html", {"day": day, "rows": rows})
