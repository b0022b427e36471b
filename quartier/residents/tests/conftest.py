"""Residents' fixtures: one person per helper, with verbal consent, and a Wegweiser entry."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.residents import actions
from quartier.residents.models import ConsentForm, HelpKind, Recurrence
from testkit.images import small_jpeg


def verbal_consent(**extra):
    return {
        "form": ConsentForm.VERBAL,
        "given_on": dt.date(2026, 11, 2),
        "info_sheet_version": "2026-01",
        "witness": "Kollegin Aylin",
        **extra,
    }


def written_consent(**extra):
    scan = SimpleUploadedFile(
        "blatt.jpg", small_jpeg(with_gps=True, size=(60, 40)), content_type="image/jpeg"
    )
    return {
        "form": ConsentForm.WRITTEN,
        "given_on": dt.date(2026, 11, 2),
        "info_sheet_version": "2026-01",
        "document": scan,
        **extra,
    }


@pytest.fixture
def resident(helper, quarter):
    return actions.create_resident(
        actor=helper,
        display_name="Frau Becker",
        reach="02151 123456",
        reason="Einkauf jeden Dienstag",
        quarter=quarter,
        age_band="80_plus",
        consent=verbal_consent(),
    )


@pytest.fixture
def other_resident(other_helper, other_quarter):
    return actions.create_resident(
        actor=other_helper,
        display_name="Herr Yilmaz",
        reach="über den Stützpunkt",
        reason="Smartphone erklären",
        quarter=other_quarter,
        consent=verbal_consent(),
    )


@pytest.fixture
def help_request(helper, resident):
    return actions.create_help_request(
        actor=helper,
        resident=resident,
        kind=HelpKind.SHOPPING,
        recurrence=Recurrence.WEEKLY,
        due_on=dt.date(2026, 11, 24),
    )


@pytest.fixture
def entry(db):
    from quartier.directory.models import DirectoryEntry

    return DirectoryEntry.objects.create(name="Pflegeberatung der Stadt", provider="Stadt Krefeld")
