"""Who sees what in operations.

- Coordinators (`can_manage_team`) see the rota, all small jobs, hotspots, meetings and presence
  counts per quarter and day. Nobody sees one helper's duty times over time.
- Helpers see their own rota, their own calendar link, jobs in their quarters or assigned to
  them, and the action items they own.
- The calendar feed is read with a signed, revocable token instead of a login.
"""

from __future__ import annotations

from django.core import signing
from django.db.models import Q
from django.shortcuts import get_object_or_404

from quartier.accounts import permissions as perms
from quartier.accounts.models import Role, User
from quartier.operations.models import (
    ActionItem,
    CalendarFeed,
    ExpertMeeting,
    Hotspot,
    SmallJob,
    SmallJobPhoto,
)

FEED_SALT = "quartier.operations.calendar"


def helpers_for(user):
    """Helpers a coordinator plans: those of her quarters (all when she has none)."""
    if not perms.can_manage_team(user):
        return User.objects.none()
    helpers = User.objects.filter(role=Role.HELPER).order_by("first_name", "last_name", "pk")
    quarters = user.quarters.all()
    if quarters.exists():
        helpers = helpers.filter(quarters__in=quarters).distinct()
    return helpers


def jobs_visible_to(user):
    if perms.can_manage_team(user):
        return SmallJob.objects.all()
    if perms.has_role(user, Role.HELPER):
        return SmallJob.objects.filter(
            Q(done_by=user) | Q(assignees=user) | Q(quarter__in=user.quarters.values("pk"))
        ).distinct()
    return SmallJob.objects.none()


def get_job_photo_for(user, pk):
    return get_object_or_404(
        SmallJobPhoto.objects.filter(job__in=jobs_visible_to(user).values("pk")), pk=pk
    )


def hotspots_visible_to(user):
    if perms.can_manage_reports(user):
        return Hotspot.objects.all()
    return Hotspot.objects.none()


def meetings_visible_to(user):
    if perms.can_manage_team(user):
        return ExpertMeeting.objects.all()
    return ExpertMeeting.objects.none()


def action_items_for(user):
    """Open action items `user` owns (every staff member sees her own)."""
    if not (user and user.is_authenticated and user.is_active):
        return ActionItem.objects.none()
    return ActionItem.objects.filter(owner=user, done_at__isnull=True)


def feed_token(feed: CalendarFeed) -> str:
    return signing.Signer(salt=FEED_SALT).sign(f"{feed.helper_id}-{feed.nonce}")


def feed_for_token(token: str) -> CalendarFeed | None:
    """The calendar feed a token opens, or None (forged, renewed or revoked link)."""
    try:
        value = signing.Signer(salt=FEED_SALT).unsign(token)
    except signing.BadSignature:
        return None
    helper_id, _sep, nonce = value.partition("-")
    if not helper_id.isdigit():
        return None
    return (
        CalendarFeed.objects.select_related("helper")
        .filter(
            helper_id=int(helper_id), nonce=nonce, revoked_at__isnull=True, helper__is_active=True
        )
        .first()
    )
