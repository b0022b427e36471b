"""Small helpers for routing tests (no fixtures)."""

import io
import re

from django.core.files.base import ContentFile
from PIL import Image

LINK_PATTERN = re.compile(r"https?://[^/\s]+(/weiterleitung/antwort/\d+/[^/\s]+/)")


def partner_path_from(message) -> str:
    """The partner link in an e-mail, as a path for the test client or the browser."""
    return LINK_PATTERN.search(message.body).group(1)


def jpeg_bytes(*, with_gps: bool = False) -> bytes:
    image = Image.new("RGB", (64, 48), (200, 80, 40))
    buffer = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "N", 2: (51.0, 19.0, 4.0)}  # GPS IFD
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format="JPEG")
    return buffer.getvalue()


def add_photo(report):
    from quartier.reports.models import ReportPhoto

    return ReportPhoto.objects.create(
        report=report,
        image=ContentFile(jpeg_bytes(), name="foto.jpg"),
        thumbnail=ContentFile(jpeg_bytes(), name="foto_t.jpg"),
    )
