"""The one function every action calls to leave an audit entry."""

from __future__ import annotations

from django.db import models

from quartier.core.models import AuditEntry


def audit(
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str | int = "",
    detail: str = "",
) -> AuditEntry:
    """Record that `actor` did `action` to `obj` (or to object_type/object_id).

    `action` is a short dotted code such as ``report.submit`` or ``resident.view``. Never pass
    personal content: the entry holds who, what kind of action, which record and when;
    `detail` is a procedural note (legal reason and reference number of a request, why a
    sign-on was refused), shown after the sentence in the audit log.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=user.get_username() if user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        detail=detail[:200],
    )
