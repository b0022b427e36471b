"""The partner answers through the signed link: taken, done, not ours; nothing else works."""

import datetime as dt

from django.core import mail
from django.test import Client
from PIL import Image

from quartier.reports.models import ReportStatus
from quartier.routing.models import (
    AnswerKind,
    Forwarding,
    ForwardingStatus,
    Notification,
    PartnerAnswer,
)
from testkit.images import small_jpeg

from .helpers import partner_path_from


def answer(path, kind, client=None, **data):
    client = client or Client()
    return client.post(path, {"kind": kind, **data})


def test_partner_opens_the_link_and_takes_the_report(make_report, coordinator, helper):
    report = make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    page = Client().get(path)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Meldung" in content and "Wilder Müll" in content
    assert "Sofa und Säcke am Gehweg" in content
    assert page.headers["Cache-Control"].startswith("max-age=0")

    response = answer(path, AnswerKind.ACKNOWLEDGED, comment="Wir kommen Donnerstag.")
    assert response.status_code == 302
    assert "gespeichert" in Client().get(response.url).content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACKNOWLEDGED
    change = report.history.last()
    assert change.actor_label == "GSAK (Partnerlink)"
    assert change.note == "Wir kommen Donnerstag."
    assert Forwarding.objects.get().status == ForwardingStatus.ACKNOWLEDGED
    texts = {n.user.username: n.text for n in Notification.objects.all()}
    assert set(texts) == {coordinator.username, helper.username}
    assert "GSAK" in texts[helper.username] and "Übernommen" in texts[helper.username]


def test_the_same_answer_twice_changes_nothing(make_report):
    report = make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    assert answer(path, AnswerKind.ACKNOWLEDGED).status_code == 302
    again = answer(path, AnswerKind.ACKNOWLEDGED)
    assert again.status_code == 400
    assert "Diese Antwort liegt bereits vor." in again.content.decode()
    assert PartnerAnswer.objects.count() == 1
    assert report.history.filter(status=ReportStatus.ACKNOWLEDGED).count() == 1


def test_done_with_a_photo_stores_it_without_metadata_and_closes_the_link(make_report):
    report = make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("a.jpg", small_jpeg(with_gps=True), content_type="image/jpeg")
    response = Client().post(
        path, {"kind": AnswerKind.RESOLVED, "comment": "Abgeholt.", "photo": photo}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    saved = PartnerAnswer.objects.get()
    with Image.open(saved.photo.path) as image:
        assert not image.getexif()
    assert "Mit Foto." in report.history.last().note
    page = Client().get(path).content.decode()
    assert "Diese Weiterleitung ist abgeschlossen" in page
    late = answer(path, AnswerKind.NOT_RESPONSIBLE, suggested_authority="KBK")
    assert late.status_code == 400
    assert PartnerAnswer.objects.count() == 1


def test_a_broken_photo_is_refused(make_report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    junk = SimpleUploadedFile("a.jpg", b"not an image", content_type="image/jpeg")
    response = Client().post(path, {"kind": AnswerKind.RESOLVED, "photo": junk})
    assert response.status_code == 400
    assert not PartnerAnswer.objects.exists()


def test_not_responsible_needs_a_hint_and_puts_the_report_back_in_the_inbox(
    make_report, coordinator, django_capture_on_commit_callbacks
):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority

    report = make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    refused = answer(path, AnswerKind.NOT_RESPONSIBLE)
    assert refused.status_code == 400
    assert "wer zuständig ist" in refused.content.decode()
    assert answer(path, AnswerKind.NOT_RESPONSIBLE, suggested_authority="KBK").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.NOT_RESPONSIBLE
    assert report.is_open
    assert "KBK" in report.history.last().note
    assert Notification.objects.filter(user=coordinator, text__contains="Nicht zuständig")

    with django_capture_on_commit_callbacks(execute=True):
        again = forward_report(
            report=report, authority=Authority.objects.get(short_name="KBK"), actor=coordinator
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.FORWARDED
    assert report.history.last().note.startswith("Neu zugeordnet. An KBK weitergeleitet")
    assert again.rule is None
    assert Forwarding.objects.get(authority__short_name="GSAK").status == (
        ForwardingStatus.NOT_RESPONSIBLE
    )
    assert mail.outbox[-1].to == ["maengel@kbk.example.org"]


def test_tampered_links_show_a_german_page_and_change_nothing(make_report):
    make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    for bad in [tampered, path.replace("/antwort/", "/antwort/9")]:
        response = answer(bad, AnswerKind.RESOLVED)
        assert response.status_code == 404
        assert "Dieser Link ist ungültig" in response.content.decode()
        assert "Es wurde nichts gespeichert" in response.content.decode()
    assert not PartnerAnswer.objects.exists()


def test_a_link_cannot_be_used_for_another_report(make_report):
    make_report("abfall-wilder-muell")
    make_report("abfall-sperrmuell", address="Lutherplatz 1")
    first, second = Forwarding.objects.order_by("pk")
    path_first = partner_path_from(mail.outbox[0])
    token = path_first.rstrip("/").split("/")[-1]
    response = answer(f"/weiterleitung/antwort/{second.pk}/{token}/", AnswerKind.RESOLVED)
    assert response.status_code == 404
    assert not PartnerAnswer.objects.exists()
    second.refresh_from_db()
    assert second.status == ForwardingStatus.SENT


def test_an_expired_link_shows_a_german_page_and_changes_nothing(make_report):
    make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    Forwarding.objects.update(link_expires_at=yesterday)
    response = answer(path, AnswerKind.RESOLVED)
    assert response.status_code == 410
    assert "Dieser Link ist abgelaufen" in response.content.decode()
    assert not PartnerAnswer.objects.exists()
    assert Client().get(path).status_code == 410


def test_a_superseded_forwarding_accepts_no_answers(make_report, coordinator):
    from quartier.routing.actions import forward_report
    from quartier.routing.models import Authority

    report = make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    forward_report(report=report, authority=Authority.objects.get(short_name="KOD"), actor=None)
    page = Client().get(path).content.decode()
    assert "zurückgezogen" in page
    assert answer(path, AnswerKind.RESOLVED).status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.FORWARDED
    assert not PartnerAnswer.objects.exists()


def test_photos_are_served_only_behind_a_valid_link(make_report):
    from testkit.factories import add_photo

    report = make_report("abfall-wilder-muell")
    photo = add_photo(report)
    path = partner_path_from(mail.outbox[0])
    ok = Client().get(f"{path}foto/{photo.pk}/")
    assert ok.status_code == 200
    assert ok.headers["Content-Type"] == "image/jpeg"
    assert Client().get(f"{path[:-5]}xx/foto/{photo.pk}/").status_code == 404


def test_answers_can_also_be_mailed_to_coordinator_and_helper(
    make_report, settings, coordinator, helper, django_capture_on_commit_callbacks
):
    settings.ROUTING_ANSWER_EMAILS = True
    make_report("abfall-wilder-muell")
    path = partner_path_from(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        answer(path, AnswerKind.ACKNOWLEDGED)
    notice = mail.outbox[-1]
    assert set(notice.to) == {coordinator.email, helper.email}
    assert "GSAK zu Meldung" in notice.subject
