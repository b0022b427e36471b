"""A new report is auto-forwarded when its rule says so; the partner gets a German e-mail."""

from django.core import mail

from quartier.core.models import AuditEntry
from quartier.reports.models import ReportStatus
from quartier.routing.models import ForwardingStatus


def test_dumping_goes_to_gsak_with_a_complete_german_email(make_report):
    report = make_report("abfall-wilder-muell")
    forwarding = report.forwardings.get()
    assert forwarding.authority.short_name == "GSAK"
    assert forwarding.is_automatic
    assert forwarding.rule.category.code == "abfall"
    assert forwarding.status == ForwardingStatus.SENT
    assert forwarding.sent_at is not None
    assert report.status == ReportStatus.FORWARDED
    assert report.history.filter(status=ReportStatus.FORWARDED).exists()
    assert AuditEntry.objects.filter(action="routing.forward").count() == 1

    [message] = mail.outbox
    assert message.to == ["meldungen@gsak.example.org"]
    assert message.subject.startswith(f"Meldung {report.pk}: Wilder Müll, Hardenbergstraße 10")
    for expected in [
        "Abfall → Wilder Müll",
        "Hardenbergstraße 10, Quartier Hardenbergviertel",
        "https://www.openstreetmap.org/?mlat=51.318000&mlon=6.568000",
        "Sofa und Säcke am Gehweg",
        forwarding.due_date.strftime("%d.%m.%Y"),
        f"/weiterleitung/antwort/{forwarding.pk}/",
        "übernommen, erledigt oder nicht zuständig",
    ]:
        assert expected in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Meldung ansehen und antworten" in html
    assert '<html lang="de">' in html
    assert message.attachments == []


def test_photos_are_links_behind_the_signed_page_never_attachments(
    make_report, django_capture_on_commit_callbacks
):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority
    from testkit.factories import add_photo

    report = make_report("ordnung-sicherheit")
    add_photo(report)
    with django_capture_on_commit_callbacks(execute=True):
        forward_report(report=report, authority=Authority.objects.get(short_name="KOD"), actor=None)
    message = mail.outbox[-1]
    assert message.attachments == []
    assert "/foto/" in message.body
    assert f"/weiterleitung/antwort/{report.forwardings.get().pk}/" in message.body


def test_people_in_need_are_never_auto_forwarded_nor_sent_with_photos(
    make_report, coordinator, django_capture_on_commit_callbacks
):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority
    from testkit.factories import add_photo

    report = make_report("menschen-in-not", description="Älterer Mann, hilflos")
    assert report.status == ReportStatus.NEW
    assert not report.forwardings.exists()
    add_photo(report)
    with django_capture_on_commit_callbacks(execute=True):
        forward_report(
            report=report,
            authority=Authority.objects.get(short_name="Streetwork"),
            actor=coordinator,
        )
    [message] = mail.outbox
    assert "/foto/" not in message.body
    assert "Foto" not in message.alternatives[0][0]


def test_rules_without_auto_forward_leave_the_report_for_the_coordinator(make_report):
    report = make_report("ordnung-sicherheit")
    assert report.status == ReportStatus.NEW
    assert not report.forwardings.exists()
    assert mail.outbox == []


def test_resolved_by_helper_is_never_forwarded(make_report):
    report = make_report("abfall-wilder-muell", resolved_by_helper=True, bags_count=2)
    assert report.status == ReportStatus.RESOLVED_BY_HELPER
    assert not report.forwardings.exists()
    assert mail.outbox == []


def test_lighting_needs_the_lamp_post_number(make_report):
    without = make_report("beleuchtung-laterne-defekt")
    assert not without.forwardings.exists()
    assert without.status == ReportStatus.NEW

    report = make_report("beleuchtung-laterne-defekt", attributes={"lamp_post_number": "KR-4711"})
    forwarding = report.forwardings.get()
    assert forwarding.authority.short_name == "NGN"
    assert "Mastnummer: KR-4711" in mail.outbox[0].body


def test_a_retried_submission_is_not_forwarded_twice(make_report):
    import uuid

    client_id = uuid.uuid4()
    first = make_report("abfall-wilder-muell", client_id=client_id)
    again = make_report("abfall-wilder-muell", client_id=client_id)
    assert first.pk == again.pk
    assert first.forwardings.count() == 1
    assert len(mail.outbox) == 1


def test_reports_from_open311_are_not_auto_forwarded(make_report):
    from quartier.reports.models import ReportSource

    report = make_report("abfall-wilder-muell", source=ReportSource.OPEN311)
    assert report.status == ReportStatus.NEW
    assert not report.forwardings.exists()
