"""Input that once answered 500: an Open311 report's page, a truncated photo, a media directory
that cannot be written (read-only, full). Each now gets a clear answer and keeps nothing half."""

import errno

import pytest

from quartier.reports.models import Report, ReportPhoto, ReportSource
from testkit.images import HARDENBERG, jpeg_with_gps

API = "/meldungen/neu/senden/"


def media_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_coordinator_opens_a_report_that_came_in_through_open311(client_for, coordinator, litter):
    report = Report.objects.create(
        reporter=None,
        category=litter,
        latitude=HARDENBERG[0],
        longitude=HARDENBERG[1],
        source=ReportSource.OPEN311,
        description="Sperrmüll an der Ecke",
    )
    response = client_for(coordinator).get(f"/meldungen/{report.pk}/")
    assert response.status_code == 200
    assert "Bürger*in über Open311" in response.content.decode()


@pytest.mark.parametrize("cut", [600, 1200, 3000])
def test_a_truncated_jpeg_is_refused_with_a_german_message(
    client_for, helper, capture_data, photo_upload, cut
):
    truncated = jpeg_with_gps(size=(400, 300))[:cut]
    response = client_for(helper).post(
        API,
        {**capture_data(), "photos": photo_upload(data=truncated)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert not Report.objects.exists()


def test_an_unwritable_media_directory_answers_503_and_keeps_nothing(
    client_for, helper, capture_data, photo_upload, settings, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the media directory should be")
    settings.MEDIA_ROOT = blocker / "media"
    response = client_for(helper).post(
        API, {**capture_data(), "photos": photo_upload()}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 503
    assert response["Retry-After"]
    assert response.json()["retry"] is True
    assert not Report.objects.exists()


def test_a_full_disk_leaves_no_orphan_file(
    client_for, helper, capture_data, photo_upload, settings, monkeypatch
):
    """The first photo is written, the disk fills up on the second: nothing stays behind."""
    from django.core.files.storage import filesystem

    real_open, real_fdopen, opened = filesystem.os.open, filesystem.os.fdopen, []

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def open_(path, flags, mode=0o777, **kwargs):
        opened.append(path)
        return real_open(path, flags, mode, **kwargs)

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        # Photo 1 and its thumbnail went through; the disk is full half-way into photo 2.
        return FullDisk(handle) if len(opened) >= 3 else handle

    monkeypatch.setattr(filesystem.os, "open", open_)
    monkeypatch.setattr(filesystem.os, "fdopen", fdopen)
    response = client_for(helper).post(
        API,
        {**capture_data(), "photos": [photo_upload("a.jpg"), photo_upload("b.jpg")]},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 503
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert len(opened) == 3
    assert media_files(settings.MEDIA_ROOT) == []
