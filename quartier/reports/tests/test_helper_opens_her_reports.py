"""A helper opens her own report and sees what became of it, partners' answers included."""

import pytest
from django.urls import reverse

from quartier.reports.actions import close_report, record_status
from quartier.reports.models import ReportStatus
from testkit.factories import categories, make_report


@pytest.fixture
def cats(quarters):
    return categories()


def test_helper_opens_her_own_report_with_history_and_partner_answer(
    client_for, helper, coordinator, cats
):
    report = make_report(helper, cats["abfall-wilder-muell"])
    record_status(
        report=report,
        status=ReportStatus.ACKNOWLEDGED,
        actor=None,
        actor_label="GSAK (Partnerlink)",
        note="Abholung am Freitag",
    )
    client = client_for(helper)
    # The link in a notification points at the report's number; it used to answer 403.
    response = client.get(reverse("reports:detail", args=[report.pk]), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert f"Meldung #{report.pk}" in page
    assert "GSAK (Partnerlink)" in page
    assert "Abholung am Freitag" in page
    mine = client.get(reverse("reports:mine")).content.decode()
    assert reverse("reports:mine_detail", args=[report.pk]) in mine


def test_helper_cannot_open_a_closed_report_of_someone_else(
    client_for, helper, other_helper, coordinator, cats
):
    report = make_report(other_helper, cats["abfall-wilder-muell"])
    close_report(report=report, reason="erledigt", actor=coordinator)
    response = client_for(helper).get(reverse("reports:mine_detail", args=[report.pk]))
    assert response.status_code == 404
