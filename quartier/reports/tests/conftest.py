import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.reports.models import ReportCategory
from testkit.factories import load_default_categories
from testkit.images import HARDENBERG, jpeg_with_gps


@pytest.fixture
def litter(db):
    """Abfall → Wilder Müll from the default categories (data migration)."""
    load_default_categories()
    return ReportCategory.objects.get(code="abfall-wilder-muell")


@pytest.fixture
def photo_upload():
    def make(name="foto.jpg", data=None):
        return SimpleUploadedFile(name, data or jpeg_with_gps(), content_type="image/jpeg")

    return make


@pytest.fixture
def capture_data(litter):
    """capture_data(**overrides) -> POST data for the capture form."""

    def make(**overrides):
        data = {
            "client_id": str(uuid.uuid4()),
            "category": litter.pk,
            "latitude": HARDENBERG[0],
            "longitude": HARDENBERG[1],
            "accuracy": 8,
            "address": "",
            "description": "",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make
