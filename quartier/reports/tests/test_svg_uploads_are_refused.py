"""An SVG (markup that can carry script) is never accepted as a photo."""

import pytest

from quartier.core.photos import PhotoError, clean_photo

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


@pytest.mark.parametrize("data", [SVG, b'<?xml version="1.0"?>' + SVG])
def test_svg_is_not_a_photo(data):
    with pytest.raises(PhotoError) as error:
        clean_photo(data)
    assert "kein Foto" in str(error.value)


API = "/meldungen/neu/senden/"


@pytest.mark.parametrize(
    ("name", "content_type"), [("bild.svg", "image/svg+xml"), ("foto.jpg", "image/jpeg")]
)
def test_an_svg_upload_to_the_report_form_is_refused(
    client_for, helper, capture_data, name, content_type
):
    """Named as an SVG or disguised as a JPEG: a German error, nothing stored."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quartier.reports.models import Report, ReportPhoto

    upload = SimpleUploadedFile(name, SVG, content_type=content_type)
    response = client_for(helper).post(API, {**capture_data(), "photos": upload})
    assert response.status_code == 400
    assert f"{name}: Die Datei ist kein Foto" in response.json()["message"]
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()


def test_an_svg_answer_photo_from_a_partner_is_refused(client, helper, coordinator, quarters):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quartier.routing.actions import forward_report
    from quartier.routing.links import partner_path
    from quartier.routing.models import Authority, PartnerAnswer
    from testkit.factories import categories, make_report

    report = make_report(helper, categories()["abfall-wilder-muell"], description="Sofa")
    authority = Authority.objects.create(name="Kommunalbetrieb Krefeld", emails="kbk@example.org")
    link = partner_path(forward_report(report=report, authority=authority, actor=coordinator))
    upload = SimpleUploadedFile("erledigt.jpg", SVG, content_type="image/jpeg")
    response = client.post(link, {"kind": "resolved", "comment": "", "photo": upload})
    assert response.status_code == 400
    assert "kein Foto" in response.content.decode() or "gültiges Bild" in response.content.decode()
    assert not PartnerAnswer.objects.exists()
