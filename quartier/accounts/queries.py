"""Reads about accounts that are not access decisions."""

from __future__ import annotations

from quartier.accounts.models import OVERSIGHT_ROLES, User
from quartier.core.models import AuditEntry


def oversight_actions() -> list[str]:
    """Audit codes that gave an account administration or privacy-officer rights."""
    return [f"user.{kind}.{role}" for kind in ("invite", "role") for role in OVERSIGHT_ROLES]


def had_oversight_role(user: User) -> bool:
    """True if the account is or ever was an admin, privacy officer or superuser.

    The audit log is append-only, so it remembers earlier roles even after a change.
    """
    if user.role in OVERSIGHT_ROLES or user.is_superuser or user.is_staff:
        return True
    return AuditEntry.objects.filter(
        object_type=User._meta.label_lower,
        object_id=str(user.pk),
        action__in=oversight_actions(),
    ).exists()


def staff_accounts():
    """All accounts for the user administration, with their quarters."""
    return User.objects.prefetch_related("quarters").order_by("-is_active", "username")
