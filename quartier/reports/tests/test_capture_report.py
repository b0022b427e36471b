"""Melden: the capture page, the plain form POST and the outbox's JSON submission."""

import io
import uuid

import pytest
from PIL import Image

from quartier.core.models import AuditEntry
from quartier.reports.models import Report, ReportSource, ReportStatus
from testkit.images import HARDENBERG, png_bomb

API = "/meldungen/neu/senden/"
PAGE = "/meldungen/neu/"


def test_capture_page_shows_category_tiles_and_the_address_alternative(client_for, helper):
    response = client_for(helper).get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Melden", "Wilder Müll", "Laterne defekt", "Menschen in Not", "Senden"):
        assert text in html
    assert "Selbst erledigt" in html
    assert 'name="address"' in html
    assert 'capture="environment"' in html
    assert "leaflet.js" not in html.split("data-leaflet-js")[0]  # Leaflet only on demand


def test_plain_form_post_creates_the_report_with_photo_and_redirects(
    client_for, helper, capture_data, photo_upload, quarter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(helper).post(
            PAGE, {**capture_data(description="Matratze am Baum"), "photos": photo_upload()}
        )
    assert response.status_code == 302
    assert response["Location"] == "/meldungen/meine/"
    report = Report.objects.get()
    assert report.reporter == helper
    assert report.quarter == quarter
    assert report.accuracy_m == 8
    assert report.status == ReportStatus.NEW
    assert report.source == ReportSource.FIELD
    assert report.photos.count() == 1
    assert report.history.count() == 1
    assert AuditEntry.objects.filter(action="report.submit", object_id=str(report.pk)).exists()


def test_json_submission_returns_ok_and_a_replay_is_absorbed(
    client_for, helper, capture_data, photo_upload
):
    client = client_for(helper)
    data = capture_data()
    first = client.post(API, {**data, "photos": photo_upload()}, HTTP_ACCEPT="application/json")
    replay = client.post(API, {**data, "photos": photo_upload()}, HTTP_ACCEPT="application/json")

    assert first.status_code == 201
    assert first.json()["ok"] is True
    assert replay.status_code == 200
    assert replay.json() == {**first.json(), "created": False}
    assert Report.objects.count() == 1
    assert Report.objects.get().photos.count() == 1


def test_double_tap_on_senden_in_the_plain_form_makes_one_report(client_for, helper, capture_data):
    client = client_for(helper)
    data = capture_data()
    client.post(PAGE, data)
    client.post(PAGE, data)
    assert Report.objects.count() == 1


def test_several_photos_are_stored_without_metadata(client_for, helper, capture_data, photo_upload):
    client_for(helper).post(API, {**capture_data(), "photos": [photo_upload(), photo_upload()]})

    photos = list(Report.objects.get().photos.all())
    assert len(photos) == 2
    for photo in photos:
        data = photo.image.read()
        assert b"Secret Model 7" not in data
        assert dict(Image.open(io.BytesIO(data)).getexif()) == {}


def test_missing_category_gets_a_german_message(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(category=None))
    assert response.status_code == 400
    assert response.json()["message"] == "Bitte eine Kategorie antippen."
    assert response.json()["ok"] is False
    assert not Report.objects.exists()


def test_missing_category_in_the_plain_form_keeps_what_was_typed(client_for, helper, capture_data):
    response = client_for(helper).post(PAGE, capture_data(category=None, address="Ecke Kölner"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte eine Kategorie antippen." in html
    assert 'value="Ecke Kölner"' in html


def test_coordinates_outside_krefeld_are_refused(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(latitude=52.52, longitude=13.40))
    assert response.status_code == 400
    assert "außerhalb von Krefeld" in response.json()["message"]
    assert not Report.objects.exists()


def test_not_an_image_is_refused_with_a_clear_message(
    client_for, helper, capture_data, photo_upload
):
    upload = photo_upload("brief.jpg", b"%PDF-1.4 not a photo")
    response = client_for(helper).post(API, {**capture_data(), "photos": upload})
    assert response.status_code == 400
    assert "brief.jpg: Die Datei ist kein Foto" in response.json()["message"]
    assert not Report.objects.exists()


def test_image_bomb_is_refused(client_for, helper, capture_data, photo_upload):
    response = client_for(helper).post(
        API, {**capture_data(), "photos": photo_upload("bombe.png", png_bomb())}
    )
    assert response.status_code == 400
    assert "zu viele Bildpunkte" in response.json()["message"]


def test_50_mb_upload_is_refused(client_for, helper, capture_data, photo_upload):
    huge = b"\xff\xd8\xff" + bytes(50 * 1024 * 1024)
    response = client_for(helper).post(
        API, {**capture_data(), "photos": photo_upload("riesig.jpg", huge)}
    )
    assert response.status_code == 400
    assert "größer als 15 MB" in response.json()["message"]
    assert not Report.objects.exists()


def test_request_larger_than_all_photos_together_is_refused_early(client_for, helper):
    response = client_for(helper).post(
        API, {}, CONTENT_LENGTH=str(200 * 1024 * 1024), content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "zu groß" in response.json()["message"]


def test_html_in_the_description_is_stored_as_text_and_shown_escaped(
    client_for, helper, capture_data
):
    client = client_for(helper)
    client.post(API, capture_data(description='<script>alert("x")</script><b>Müll</b>'))

    report = Report.objects.get()
    assert report.description == '<script>alert("x")</script><b>Müll</b>'
    html = client.get("/meldungen/meine/").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_without_gps_the_photo_position_is_used(client_for, helper, capture_data, photo_upload):
    data = capture_data(latitude=None, longitude=None, accuracy=None)
    response = client_for(helper).post(API, {**data, "photos": photo_upload()})
    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.latitude, report.longitude) == pytest.approx(HARDENBERG, abs=1e-5)


def test_typed_address_without_gps_is_placed_in_the_helpers_quarter(
    client_for, helper, capture_data, quarter
):
    data = capture_data(latitude=None, longitude=None, accuracy=None, address="Hardenbergstr. 3")
    response = client_for(helper).post(API, data)
    assert response.status_code == 201
    report = Report.objects.get()
    assert report.quarter == quarter
    assert report.address == "Hardenbergstr. 3"
    assert report.accuracy_m > 100  # honest: only the quarter is known


def test_no_gps_and_no_address_asks_for_one(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(latitude=None, longitude=None))
    assert response.status_code == 400
    assert "Adresse/Ort eintippen" in response.json()["message"]


def test_lamp_post_number_is_kept_as_an_attribute(client_for, helper, capture_data):
    from quartier.reports.models import ReportCategory

    lamp = ReportCategory.objects.get(code="beleuchtung-laterne-defekt")
    client_for(helper).post(API, capture_data(category=lamp.pk, attr_lamp_post_number="KR-4711"))
    assert Report.objects.get().attributes == {"lamp_post_number": "KR-4711"}


def test_report_on_behalf_of_a_resident(client_for, helper, capture_data):
    client_for(helper).post(API, capture_data(source="on_behalf_of_resident"))
    assert Report.objects.get().source == ReportSource.ON_BEHALF


def test_expired_session_gets_json_401_so_the_outbox_keeps_it(client, db, capture_data):
    response = client.post(API, capture_data())
    assert response.status_code == 401
    assert response.json()["ok"] is False


@pytest.mark.parametrize("persona", ["privacy_officer", "admin_user"])
def test_roles_without_reporting_right_cannot_capture(client_for, request, persona, capture_data):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403
    assert client.post(API, capture_data()).status_code == 403


def test_coordinator_can_capture_too(client_for, coordinator, capture_data):
    response = client_for(coordinator).post(API, capture_data())
    assert response.status_code == 201


def test_client_id_must_be_a_uuid(client_for, helper, capture_data):
    response = client_for(helper).post(API, capture_data(client_id="not-a-uuid"))
    assert response.status_code == 400


def test_same_client_id_from_json_and_plain_form_is_one_report(client_for, helper, capture_data):
    client = client_for(helper)
    data = capture_data(client_id=str(uuid.uuid4()))
    client.post(API, data)
    client.post(PAGE, data)
    assert Report.objects.count() == 1


def test_inactive_category_is_not_offered_and_refused(client_for, helper, capture_data, litter):
    litter.is_active = False
    litter.save()
    client = client_for(helper)
    assert f'id="category-{litter.pk}"' not in client.get(PAGE).content.decode()
    response = client.post(API, capture_data())
    assert response.status_code == 400
    assert response.json()["message"] == "Diese Kategorie gibt es nicht (mehr)."
