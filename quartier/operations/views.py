"""The helper's day: her help requests due today and overdue, each done with one tap."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.reports.access import reports_assigned_to
from quartier.residents import access


@never_cache
@require(perms.can_log_contacts)
def my_day(request):
    today = timezone.localdate()
    help_requests = list(access.help_requests_due_for(request.user, today))
    checks = list(reports_assigned_to(request.user))
    context = {"today": today, "help_requests": help_requests, "checks": checks}
    return render(request, "operations/my_day.html", context)
