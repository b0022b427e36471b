"""Who may read which report on the coordinator side, for every role."""

import pytest

from quartier.reports.access import may_view_report, reports_for_coordinator
from testkit.factories import SAMTWEBER, categories, make_report
from testkit.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(helper, quarters):
    return make_report(helper, categories()["abfall-wilder-muell"])


@pytest.mark.parametrize(
    ("persona", "sees_all"),
    [
        ("coordinator", True),
        ("admin_user", True),
        ("helper", False),
        ("other_helper", False),
        ("privacy_officer", False),
        ("outsider", False),
    ],
)
def test_reports_for_coordinator_by_role(request, persona, sees_all, report):
    user = request.getfixturevalue(persona)
    assert list(reports_for_coordinator(user)) == ([report] if sees_all else [])


@pytest.mark.parametrize(
    ("persona", "may_view"),
    [
        ("coordinator", True),
        ("admin_user", True),
        ("helper", True),  # her own report
        ("other_helper", False),  # another quarter
        ("privacy_officer", False),
        ("outsider", False),
    ],
)
def test_may_view_report_by_role(request, persona, may_view, report):
    assert may_view_report(request.getfixturevalue(persona), report) is may_view


def test_helpers_see_reports_of_their_quarter_but_not_of_others(report, helper, quarter):
    colleague = make_user("kollegin", "helper", [quarter])
    assert may_view_report(colleague, report)
    elsewhere = make_report(helper, report.category, where=SAMTWEBER)
    assert not may_view_report(colleague, elsewhere)
    outside = make_report(helper, report.category, where=(51.36, 6.60))
    assert outside.quarter_id is None
    assert not may_view_report(colleague, outside)


def test_anonymous_visitors_see_nothing(report):
    from django.contrib.auth.models import AnonymousUser

    assert list(reports_for_coordinator(AnonymousUser())) == []
    assert not may_view_report(AnonymousUser(), report)
