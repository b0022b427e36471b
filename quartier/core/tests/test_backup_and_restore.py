"""A backup restored into an empty installation brings back reports, photos, residents, consent
scans and the audit log; a restore into a used installation is refused."""

import tarfile

import pytest
from django.core.management import CommandError, call_command

from quartier.core.models import AuditEntry
from quartier.reports.models import Report, ReportPhoto
from quartier.residents.models import Consent, Resident
from testkit.factories import categories, make_report


@pytest.fixture
def installation(helper, quarter, settings, tmp_path, short_demo_history):
    """Demo data plus a report with a photo and a resident with a scanned consent. The demo's
    lived-in history covers eight weeks instead of a year: every kind of record, fewer rows
    (the size of a backup is not what this test is about)."""
    from quartier.core.photos import clean_photo
    from quartier.reports.actions import submit_report
    from quartier.reports.models import ReportCategory
    from quartier.residents import actions as resident_actions
    from quartier.residents.tests.conftest import written_consent
    from testkit.images import HARDENBERG, jpeg_with_gps

    call_command("load_demo", verbosity=0)
    category = ReportCategory.objects.filter(parent__isnull=False).first()
    submit_report(
        reporter=helper,
        category=category,
        latitude=HARDENBERG[0],
        longitude=HARDENBERG[1],
        photos=[clean_photo(jpeg_with_gps(size=(800, 600)))],
    )
    resident = resident_actions.create_resident(
        actor=helper,
        quarter=quarter,
        display_name="Frau Becker",
        reach="über den Stützpunkt",
        reason="Einkauf dienstags",
    )
    resident_actions.record_consent(actor=helper, resident=resident, **written_consent())


def snapshot():
    photo = ReportPhoto.objects.order_by("pk").first()
    consent = Consent.objects.exclude(document="").order_by("pk").first()
    return {
        "reports": list(Report.objects.order_by("pk").values_list("pk", "client_id", "status")),
        "residents": list(Resident.objects.order_by("pk").values_list("pk", "display_name")),
        "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "created_at")),
        "photo": photo.image.read(),
        "consent_scan": consent.document.read(),
    }


@pytest.mark.slow(seconds=8)
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_an_empty_installation(installation, settings, tmp_path):
    before = snapshot()
    archive = tmp_path / "backup.tar"
    call_command("backup", output=str(archive), verbosity=0)
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "database.qjson.gz" in names and "manifest.json" in names
    assert sum(name.startswith("media/") for name in names) == 3  # photo, thumbnail, scan

    # A new installation: empty database, empty media directory.
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "new-media"
    call_command("restore", str(archive), verbosity=0)

    assert snapshot() == before
    # Sequences continue after the restored rows (PostgreSQL): new records get new ids.
    entry = AuditEntry.objects.create(action="test.after_restore")
    assert entry.pk > before["audit"][-1][0]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_used_installation(helper, tmp_path):
    # One account and one report make an installation "used"; the demo adds nothing here.
    make_report(helper, categories()["abfall-wilder-muell"])
    archive = tmp_path / "backup.tar"
    call_command("backup", output=str(archive), verbosity=0)
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), verbosity=0)
