"""Report photos are served only to people who may see the report."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from quartier.reports.models import ReportPhoto
from quartier.reports.tests.coordinator_data import SAMTWEBER, categories, make_report

pytestmark = pytest.mark.django_db


def jpeg(name):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def photo(helper, quarters):
    report = make_report(helper, categories()["wilder-muell"])
    return ReportPhoto.objects.create(
        report=report, image=jpeg("a.jpg"), thumbnail=jpeg("a_t.jpg"), uploaded_by=helper
    )


def urls(photo):
    args = [photo.report_id, photo.pk]
    return [reverse("reports:photo", args=args), reverse("reports:photo_thumb", args=args)]


@pytest.mark.parametrize("persona", ["coordinator", "admin_user", "helper"])
def test_coordinators_and_the_reporter_get_the_photo(client_for, request, persona, photo):
    client = client_for(request.getfixturevalue(persona))
    for url in urls(photo):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"] == "private, max-age=3600"


def test_a_helper_of_the_same_quarter_gets_the_photo(client_for, photo, quarter):
    from conftest import make_user

    colleague = make_user("kollegin", "helper", [quarter])
    assert client_for(colleague).get(urls(photo)[0]).status_code == 200


@pytest.mark.parametrize("persona", ["other_helper", "privacy_officer"])
def test_others_do_not_get_the_photo(client_for, request, persona, photo):
    client = client_for(request.getfixturevalue(persona))
    for url in urls(photo):
        assert client.get(url).status_code == 403


def test_visitors_are_sent_to_the_login_and_wrong_pairs_are_404(client_for, photo, coordinator):
    assert client_for(None).get(urls(photo)[0]).status_code == 302
    other = make_report(photo.uploaded_by, photo.report.category, where=SAMTWEBER)
    url = reverse("reports:photo", args=[other.pk, photo.pk])
    assert client_for(coordinator).get(url).status_code == 404


def test_detail_page_links_thumbnails_to_the_photo(client_for, coordinator, photo):
    body = client_for(coordinator).get(reverse("reports:detail", args=[photo.report_id]))
    assert urls(photo)[1] in body.content.decode()
    assert urls(photo)[0] in body.content.decode()
