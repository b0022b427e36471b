"""Meine Meldungen: own reports and the quarter's open reports, with status."""

from quartier.reports.models import Report, ReportConfirmation, ReportStatus
from testkit.images import HARDENBERG


def make(category, reporter, quarter, status=ReportStatus.NEW, **extra):
    return Report.objects.create(
        category=category,
        reporter=reporter,
        quarter=quarter,
        latitude=HARDENBERG[0],
        longitude=HARDENBERG[1],
        status=status,
        **extra,
    )


def test_list_shows_own_and_quarter_reports_with_status(
    client_for, helper, coordinator, other_helper, litter, quarter, other_quarter
):
    own = make(
        litter,
        helper,
        quarter,
        ReportStatus.RESOLVED_BY_HELPER,
        bags_count=2,
        resolved_by_helper=True,
    )
    colleague = make(litter, coordinator, quarter, ReportStatus.FORWARDED)
    hidden = make(litter, other_helper, other_quarter)
    ReportConfirmation.objects.create(report=colleague, confirmed_by=helper)

    html = client_for(helper).get("/meldungen/meine/").content.decode()

    assert f"#{own.pk} Wilder Müll" in html
    assert "2 Säcke" in html
    assert f"#{colleague.pk} Wilder Müll" in html
    assert "Weitergeleitet" in html
    assert "1× bestätigt" in html
    assert f"#{hidden.pk} " not in html


def test_list_needs_a_fixed_number_of_queries(
    client_for, helper, litter, quarter, django_assert_max_num_queries
):
    for _ in range(30):
        make(litter, helper, quarter)
    client = client_for(helper)
    with django_assert_max_num_queries(12):
        response = client.get("/meldungen/meine/")
    assert response.status_code == 200
