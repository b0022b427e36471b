"""reports_visible_to(): who sees which report, for every role."""

import pytest

from quartier.reports.access import get_photo_for, reports_visible_to
from quartier.reports.models import Report, ReportCategory, ReportStatus


@pytest.fixture
def category(db):
    return ReportCategory.objects.get_or_create(code="test-muell", defaults={"name": "Testmüll"})[0]


def make_report(category, reporter, quarter, status=ReportStatus.NEW):
    return Report.objects.create(
        category=category,
        reporter=reporter,
        quarter=quarter,
        latitude=51.318,
        longitude=6.568,
        status=status,
    )


@pytest.fixture
def reports(category, helper, other_helper, coordinator, quarter, other_quarter):
    return {
        "own_closed": make_report(category, helper, quarter, ReportStatus.CLOSED),
        "own_in_other_quarter": make_report(category, helper, other_quarter),
        "colleague_open": make_report(category, coordinator, quarter),
        "colleague_closed": make_report(category, coordinator, quarter, ReportStatus.RESOLVED),
        "other_quarter_open": make_report(category, other_helper, other_quarter),
    }


def visible(user, reports):
    ids = set(reports_visible_to(user).values_list("pk", flat=True))
    return {name for name, report in reports.items() if report.pk in ids}


def test_helper_sees_own_reports_and_open_reports_of_her_quarter(helper, reports):
    assert visible(helper, reports) == {"own_closed", "own_in_other_quarter", "colleague_open"}


def test_other_helper_sees_only_her_quarter(other_helper, reports):
    assert visible(other_helper, reports) == {"own_in_other_quarter", "other_quarter_open"}


@pytest.mark.parametrize("persona", ["coordinator", "admin_user"])
def test_coordinators_and_admins_see_everything(request, persona, reports):
    assert visible(request.getfixturevalue(persona), reports) == set(reports)


@pytest.mark.parametrize("persona", ["privacy_officer", "outsider"])
def test_privacy_officer_and_inactive_accounts_see_nothing(request, persona, reports):
    assert visible(request.getfixturevalue(persona), reports) == set()


def test_anonymous_sees_nothing(reports):
    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser(), reports) == set()


def test_photo_of_an_invisible_report_is_not_found(other_helper, reports):
    from django.http import Http404

    from quartier.reports.models import ReportPhoto

    photo = ReportPhoto.objects.create(
        report=reports["own_closed"], image="reports/x.jpg", thumbnail="reports/x_t.jpg"
    )
    with pytest.raises(Http404):
        get_photo_for(other_helper, photo.pk)
