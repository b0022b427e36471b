"""The `can_*()` predicates: every permission decision in the platform asks one of these.

Each takes the user first and answers True/False; views turn False into a 403 page.
Object-level visibility (which reports, which residents) lives in each app's `access.py`.
"""

from __future__ import annotations

from quartier.accounts.models import Role


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles: str) -> bool:
    return _active(user) and (user.role in roles or (user.is_superuser and Role.ADMIN in roles))


def can_report(user) -> bool:
    """File field reports: helpers and coordinators."""
    return has_role(user, Role.HELPER, Role.COORDINATOR)


def can_manage_reports(user) -> bool:
    """Inbox, categorise, merge, close and forward reports."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_manage_routing(user) -> bool:
    """Edit authorities and routing rules."""
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_log_contacts(user) -> bool:
    """Log conversations with residents and work with help requests."""
    return has_role(user, Role.HELPER, Role.COORDINATOR)


def can_manage_team(user) -> bool:
    """See the team's work, rota and expert meetings."""
    return has_role(user, Role.COORDINATOR)


def can_view_audit_log(user) -> bool:
    """The audit and security log: privacy officers (and admins for operations)."""
    return has_role(user, Role.PRIVACY_OFFICER, Role.ADMIN)


def can_manage_privacy(user) -> bool:
    """Retention, access requests, restriction flags: privacy officers only."""
    return has_role(user, Role.PRIVACY_OFFICER)


def can_administer(user) -> bool:
    """Users, quarters, categories, configuration."""
    return has_role(user, Role.ADMIN)


def can_view_statistics(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_edit_directory(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


def can_use_directory(user) -> bool:
    return has_role(user, Role.HELPER, Role.COORDINATOR, Role.ADMIN)
