"""Open311 API keys of partner systems. Keyword-only, one transaction, an audit entry."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from quartier.core.audit import audit
from quartier.routing.models import ApiClient, hash_api_key


class ApiKeyError(ValueError):
    """An API key that cannot be issued; the message is shown to the admin (German)."""


def issue_api_key(
    *, actor, name: str, authority=None, raw_key: str | None = None
) -> tuple[ApiClient, str]:
    """Create an API client for a partner system; returns (client, key).

    The key is returned once and never stored: only its SHA-256 hash is kept. `raw_key` is
    for the documented demo key only; real keys are 43 random URL-safe characters.
    """
    name = name.strip()
    if not name:
        raise ApiKeyError("Bitte geben Sie den Namen des Partnersystems an.")
    if ApiClient.objects.filter(name=name).exists():
        raise ApiKeyError("Für dieses Partnersystem gibt es schon einen Zugang.")
    key = raw_key or secrets.token_urlsafe(32)
    with transaction.atomic():
        client = ApiClient.objects.create(
            name=name, authority=authority, key_hash=hash_api_key(key), key_prefix=key[:8]
        )
        audit(actor, "api_key.issue", client)
    return client, key


def revoke_api_key(*, actor, client: ApiClient) -> ApiClient:
    """Block a key at once; the row stays for the record."""
    with transaction.atomic():
        client.is_active = False
        client.revoked_at = timezone.now()
        client.save(update_fields=["is_active", "revoked_at"])
        audit(actor, "api_key.revoke", client)
    return client
