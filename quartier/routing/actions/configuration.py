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


def _change_action(noun: str, created: bool, was_active: bool | None, is_active: bool) -> str:
    """The audit code of a save: created, switched off, switched on again or changed."""
    if created:
        return f"routing.{noun}.create"
    if was_active and not is_active:
        return f"routing.{noun}.deactivate"
    if was_active is False and is_active:
        return f"routing.{noun}.activate"
    return f"routing.{noun}.update"


def _was_active(model, pk) -> bool | None:
    if pk is None:
        return None
    return model.objects.filter(pk=pk).values_list("is_active", flat=True).first()


def save_routing_rule(*, actor, rule: RoutingRule) -> RoutingRule:
    """Create or update a rule (validated by the form); switching it off is audited as such."""
    created = rule.pk is None
    with transaction.atomic():
        was_active = _was_active(RoutingRule, rule.pk)
        rule.save()
        audit(actor, _change_action("rule", created, was_active, rule.is_active), rule)
    return rule


def delete_routing_rule(*, actor, rule: RoutingRule) -> None:
    """Rules that were used stay (forwardings point to them) but become inactive."""
    with transaction.atomic():
        audit(actor, "routing.rule.deactivate", rule)
        rule.is_active = False
        rule.save(update_fields=["is_active", "updated_at"])


def save_authority(*, actor, authority: Authority) -> Authority:
    """Create or update a partner; switching it off (or on again) is audited as such.

    An inactive partner keeps its history and forwardings; no new report goes to it, and the
    rules that name it do not match (`RoutingRule.objects.active()`).
    """
    created = authority.pk is None
    with transaction.atomic():
        was_active = _was_active(Authority, authority.pk)
        authority.save()
        audit(
            actor, _change_action("authority", created, was_active, authority.is_active), authority
        )
    return authority
