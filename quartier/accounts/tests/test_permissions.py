"""The permission matrix: every can_*() predicate for every persona."""

import pytest

from quartier.accounts import permissions as perms

PERSONAS = ["helper", "coordinator", "privacy_officer", "admin_user", "outsider"]

# predicate -> personas that may
MATRIX = {
    perms.can_report: {"helper", "coordinator"},
    perms.can_manage_reports: {"coordinator", "admin_user"},
    perms.can_manage_routing: {"coordinator", "admin_user"},
    perms.can_log_contacts: {"helper", "coordinator"},
    perms.can_manage_team: {"coordinator"},
    perms.can_view_audit_log: {"privacy_officer", "admin_user"},
    perms.can_manage_privacy: {"privacy_officer"},
    perms.can_administer: {"admin_user"},
    perms.can_view_statistics: {"coordinator", "admin_user"},
    perms.can_edit_directory: {"coordinator", "admin_user"},
    perms.can_use_directory: {"helper", "coordinator", "admin_user"},
}


@pytest.mark.parametrize("predicate", list(MATRIX), ids=lambda p: p.__name__)
def test_permission_matrix(request, predicate):
    allowed = {p for p in PERSONAS if predicate(request.getfixturevalue(p))}
    assert allowed == MATRIX[predicate]


def test_anonymous_may_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert not any(predicate(AnonymousUser()) for predicate in MATRIX)
