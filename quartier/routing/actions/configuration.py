"""Writes to routing rules and authorities (the coordinators' configuration).

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations

from django.db import transaction

from quartier.core.audit import audit
from quartier.routing.models import (
    Authority,
    RoutingRule,
)


def save_routing_rule(*, actor, rule: RoutingRule) -> RoutingRule:
    """Create or update a rule (validated by the form)."""
    created = rule.pk is None
    with transaction.atomic():
        rule.save()
        audit(actor, "routing.rule.create" if created else "routing.rule.update", rule)
    return rule


def delete_routing_rule(*, actor, rule: RoutingRule) -> None:
    """Rules that were used stay (forwardings point to them) but become inactive."""
    with transaction.atomic():
        audit(actor, "routing.rule.deactivate", rule)
        rule.is_active = False
        rule.save(update_fields=["is_active", "updated_at"])


def save_authority(*, actor, authority: Authority) -> Authority:
    created = authority.pk is None
    with transaction.atomic():
        authority.save()
        audit(
            actor, "routing.authority.create" if created else "routing.authority.update", authority
        )
    return authority
