"""The helper's calendar link (signed, revocable) and the feed behind it."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quartier.accounts import permissions as perms
from quartier.accounts.decorators import require
from quartier.core.audit import audit
from quartier.operations import actions, ical
from quartier.operations.access import feed_for_token, feed_token
from quartier.operations.actions.rota import revoke_calendar_feed
from quartier.operations.models import CalendarFeed


def _is_helper(user) -> bool:
    return perms.can_log_contacts(user) and user.is_helper


@never_cache
@require(_is_helper)
def my_calendar(request):
    feed = CalendarFeed.objects.filter(helper=request.user, revoked_at__isnull=True).first()
    url = None
    if feed is not None:
        url = request.build_absolute_uri(
            reverse("operations:calendar_feed", args=[feed_token(feed)])
        )
    return render(request, "operations/my_calendar.html", {"feed_url": url})


@require_POST
@require(_is_helper)
def calendar_renew(request):
    actions.renew_calendar_feed(actor=request.user, helper=request.user)
    messages.success(
        request, _("Neuer Kalender-Link erstellt. Der alte Link funktioniert nicht mehr.")
    )
    return redirect("operations:my_calendar")


@require_POST
@require(_is_helper)
def calendar_revoke(request):
    revoke_calendar_feed(actor=request.user, helper=request.user)
    messages.success(request, _("Kalender-Link gesperrt."))
    return redirect("operations:my_calendar")


def calendar_feed(request, token):
    """No login (phone calendars cannot log in): the signed token is the key."""
    feed = feed_for_token(token)
    if feed is None:
        raise Http404
    audit(None, "calendar_feed.read", feed)
    response = HttpResponse(
        ical.rota_calendar(feed.helper), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response
