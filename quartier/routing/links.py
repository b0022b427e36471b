"""Signed, expiring, single-purpose partner links (see docs/adr/0004).

The URL carries the forwarding id and a token signed with a salt that contains that id. The
token holds the report id and the forwarding's nonce; the link is valid only while the nonce is
unchanged and `link_expires_at` has not passed. A new nonce (e.g. on reopening) retires every
older link.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from quartier.routing.models import Forwarding


class LinkError(Exception):
    """A partner link that must not be used. `reason` is "invalid" or "expired"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def new_nonce() -> str:
    return secrets.token_hex(16)


def _salt(forwarding_id: int) -> str:
    return f"quartier.routing.partner-link.{forwarding_id}"


def make_token(forwarding: Forwarding) -> str:
    payload = {"r": forwarding.report_id, "n": forwarding.token_nonce}
    return signing.dumps(payload, salt=_salt(forwarding.pk), compress=True)


def partner_path(forwarding: Forwarding) -> str:
    return reverse("routing:partner", args=[forwarding.pk, make_token(forwarding)])


def partner_url(forwarding: Forwarding) -> str:
    return settings.SITE_URL.rstrip("/") + partner_path(forwarding)


def forwarding_for_token(forwarding_id: int, token: str, *, now=None) -> Forwarding:
    """The forwarding a link belongs to, or LinkError. Never changes anything."""
    try:
        payload = signing.loads(token, salt=_salt(forwarding_id))
    except signing.BadSignature as exc:
        raise LinkError("invalid") from exc
    forwarding = (
        Forwarding.objects.select_related("report", "report__category", "authority")
        .filter(pk=forwarding_id)
        .first()
    )
    if forwarding is None or not isinstance(payload, dict):
        raise LinkError("invalid")
    if payload.get("r") != forwarding.report_id or payload.get("n") != forwarding.token_nonce:
        raise LinkError("invalid")
    if (now or timezone.now()) > forwarding.link_expires_at:
        raise LinkError("expired")
    return forwarding
