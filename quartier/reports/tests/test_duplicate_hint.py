"""Already reported here? Same category, within 50 m, open or from the last 8 weeks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quartier.reports.actions import record_status
from quartier.reports.models import Report, ReportCategory, ReportConfirmation, ReportStatus
from testkit.images import HARDENBERG

NEARBY = "/meldungen/neu/in-der-naehe/"
API = "/meldungen/neu/senden/"
LAT, LON = HARDENBERG
METRE_LAT = 1 / 111_320


def make(category, reporter, quarter, *, north_m=0, days_ago=0, status=ReportStatus.NEW):
    report = Report.objects.create(
        category=category,
        reporter=reporter,
        quarter=quarter,
        latitude=LAT + north_m * METRE_LAT,
        longitude=LON,
        status=status,
    )
    if days_ago:
        Report.objects.filter(pk=report.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return report


def nearby_ids(client, category):
    response = client.get(NEARBY, {"category": category.pk, "lat": LAT, "lon": LON})
    assert response.status_code == 200
    return [r["id"] for r in response.json()["reports"]]


def test_open_report_of_the_same_category_within_50_m_is_shown(
    client_for, helper, other_helper, litter, quarter
):
    near = make(litter, other_helper, quarter, north_m=30)
    make(litter, other_helper, quarter, north_m=80)  # too far
    make(ReportCategory.objects.get(code="abfall-sperrmuell"), other_helper, quarter)  # other kind

    assert nearby_ids(client_for(helper), litter) == [near.pk]


def test_finished_report_counts_for_eight_weeks(client_for, helper, coordinator, litter, quarter):
    recent = make(litter, coordinator, quarter, days_ago=20, status=ReportStatus.RESOLVED)
    make(litter, coordinator, quarter, days_ago=70, status=ReportStatus.RESOLVED)
    old_but_open = make(litter, coordinator, quarter, days_ago=120)

    assert sorted(nearby_ids(client_for(helper), litter)) == sorted([recent.pk, old_but_open.pk])


def test_reports_of_other_quarters_stay_hidden_from_helpers(
    client_for, helper, other_helper, litter, other_quarter
):
    make(litter, other_helper, other_quarter, status=ReportStatus.RESOLVED, days_ago=3)
    assert nearby_ids(client_for(helper), litter) == []


def test_das_ist_dasselbe_adds_photo_and_confirmation_instead_of_a_duplicate(
    client_for, helper, other_helper, litter, quarter, capture_data, photo_upload
):
    original = make(litter, other_helper, quarter, north_m=10)
    client = client_for(helper)
    data = capture_data(same_as=original.pk, description="liegt immer noch da")

    first = client.post(API, {**data, "photos": photo_upload()})
    replay = client.post(API, {**data, "photos": photo_upload()})

    assert first.status_code == 201
    assert first.json()["confirmed"] is True
    assert first.json()["id"] == original.pk
    assert replay.json()["created"] is False
    assert Report.objects.count() == 1
    confirmation = ReportConfirmation.objects.get()
    assert confirmation.confirmed_by == helper
    assert confirmation.note == "liegt immer noch da"
    assert original.photos.count() == 1


def test_confirming_a_finished_report_reopens_it(client_for, helper, coordinator, litter, quarter):
    original = make(litter, coordinator, quarter, days_ago=10)
    record_status(report=original, status=ReportStatus.RESOLVED, actor=coordinator)

    client_for(helper).post(
        API,
        {
            "same_as": original.pk,
            "client_id": "",
            "latitude": LAT,
            "longitude": LON,
            "category": litter.pk,
        },
    )

    original.refresh_from_db()
    assert original.status == ReportStatus.REOPENED
    assert list(original.history.values_list("status", flat=True)) == [
        ReportStatus.RESOLVED,
        ReportStatus.REOPENED,
    ]


def test_same_as_a_report_the_helper_may_not_see_makes_a_new_report(
    client_for, helper, other_helper, litter, other_quarter, capture_data
):
    hidden = make(litter, other_helper, other_quarter)
    response = client_for(helper).post(API, capture_data(same_as=hidden.pk))
    assert response.json()["confirmed"] is False
    assert Report.objects.count() == 2
    assert not ReportConfirmation.objects.exists()


@pytest.mark.parametrize("query", [{}, {"lat": "x", "lon": "1", "category": "1"}])
def test_incomplete_queries_find_nothing(client_for, helper, query):
    response = client_for(helper).get(NEARBY, query)
    assert response.json() == {"ok": True, "reports": []}
