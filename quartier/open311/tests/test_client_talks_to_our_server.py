"""Interoperability: the client sends to and polls this platform's own Open311 server."""

from quartier.open311.client import poll_updates
from quartier.open311.tests.conftest import LAT, LON
from quartier.reports.actions import record_status, submit_report
from quartier.reports.models import Report, ReportSource, ReportStatus
from quartier.routing.actions import forward_report, issue_api_key
from quartier.routing.models import Authority, Channel, ForwardingStatus


def test_a_round_trip_through_our_own_server(live_server, transactional_db, categories, helper):
    _, key = issue_api_key(actor=None, name="Spiegel-Instanz")
    partner = Authority.objects.create(
        name="Spiegel",
        short_name="Spiegel",
        channel=Channel.OPEN311,
        open311_endpoint=f"{live_server.url}/open311/v2/",
        open311_api_key=key,
        open311_jurisdiction_id="krefeld.de",
    )
    report, _ = submit_report(
        reporter=helper,
        category=categories["laterne"],
        latitude=LAT,
        longitude=LON,
        attributes={"lamp_post_number": "K-9"},
    )
    # committed at once (transactional test): the delivery task posts to our server
    forwarding = forward_report(report=report, authority=partner, actor=None)
    forwarding.refresh_from_db()
    assert forwarding.status == ForwardingStatus.SENT
    copy = Report.objects.get(pk=forwarding.external_id)
    assert copy.source == ReportSource.OPEN311
    assert copy.attributes == {"lamp_post_number": "K-9"}
    assert (copy.latitude, copy.longitude) == (LAT, LON)
    record_status(report=copy, status=ReportStatus.RESOLVED, note="repariert")
    counts = poll_updates(partner)
    # FIXED; the copy's creation is not an update of its own
    assert counts["applied"] == 1
    forwarding.refresh_from_db()
    report.refresh_from_db()
    assert forwarding.status == ForwardingStatus.RESOLVED
    assert report.status == ReportStatus.RESOLVED
