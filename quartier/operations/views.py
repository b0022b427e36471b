"""The helper's day: what the apps put on it (help requests due today and overdue, ...)."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require


@never_cache
@require(perms.can_log_contacts)
def my_day(request):
    return render(request, "operations/my_day.html")
