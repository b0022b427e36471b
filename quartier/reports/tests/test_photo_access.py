"""Photos are served only through a view that checks who may see the report."""

import pytest

from quartier.reports.models import ReportPhoto

API = "/meldungen/neu/senden/"


@pytest.fixture
def photo(client_for, helper, capture_data, photo_upload):
    client_for(helper).post(API, {**capture_data(), "photos": photo_upload()})
    return ReportPhoto.objects.get()


def test_reporter_and_coordinator_get_photo_and_thumbnail(client_for, helper, coordinator, photo):
    for user in (helper, coordinator):
        client = client_for(user)
        for url in (f"/meldungen/foto/{photo.pk}/", f"/meldungen/foto/{photo.pk}/vorschau/"):
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "image/jpeg"
            assert "private" in response["Cache-Control"]
            assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


@pytest.mark.parametrize("persona", ["other_helper", "privacy_officer", None])
def test_others_get_not_found(client_for, request, persona, photo):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(f"/meldungen/foto/{photo.pk}/").status_code == 404


def test_media_files_have_no_public_url(client, photo):
    assert client.get(f"/media/{photo.image.name}").status_code == 404
