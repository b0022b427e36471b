"""Backup → restore into an empty installation, checked: reports, photos, residents, consent
scans and the audit log are all there, byte for byte.

    .venv/bin/python scripts/backup_restore_check.py --source-db URL --target-db URL

Both databases must exist and be empty (scripts/ci-backup-restore creates them on a throwaway
PostgreSQL cluster). Each installation gets its own directory for uploaded files.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

POPULATE = """
from django.core.management import call_command
from quartier.accounts.models import User
from quartier.areas.models import Quarter
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory
from quartier.core.photos import clean_photo
from quartier.residents import actions as residents
from django.core.files.uploadedfile import SimpleUploadedFile
from testkit.images import jpeg_with_gps, small_jpeg
import datetime as dt
call_command("load_demo", verbosity=0)
helper = User.objects.get(username="helferin")
quarter = helper.quarters.first()
category = ReportCategory.objects.get(code="abfall-wilder-muell")
for n in range(3):
    submit_report(reporter=helper, category=category, latitude=51.318, longitude=6.568,
                  description=f"Backup-Probe {n}", photos=[clean_photo(jpeg_with_gps())])
person = residents.create_resident(actor=helper, quarter=quarter, display_name="Frau Probe",
                                   reach="Stützpunkt", reason="Einkauf")
scan = SimpleUploadedFile("blatt.jpg", small_jpeg(with_gps=True), content_type="image/jpeg")
residents.record_consent(actor=helper, resident=person, form="written", covers_help=True,
                         given_on=dt.date(2026, 11, 2), info_sheet_version="2026-01",
                         document=scan)
"""

FINGERPRINT = """
import hashlib, json
from quartier.core.models import AuditEntry
from quartier.reports.models import Report, ReportPhoto
from quartier.residents.models import Consent, Resident
from quartier.routing.models import Forwarding
def digest(field):
    with field.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()
reports = Report.objects.order_by("pk")
photos = ReportPhoto.objects.order_by("pk")
scans = Consent.objects.exclude(document="").order_by("pk")
print(json.dumps({
    "reports": list(reports.values_list("pk", "client_id", "status", "description")),
    "photos": [[p.pk, p.image.name, digest(p.image), digest(p.thumbnail)] for p in photos],
    "residents": list(Resident.objects.order_by("pk").values_list("pk", "display_name")),
    "consent_scans": [[c.pk, digest(c.document)] for c in scans],
    "forwardings": list(Forwarding.objects.order_by("pk").values_list("pk", "status")),
    "audit": list(AuditEntry.objects.order_by("pk").values_list("pk", "action", "created_at")),
}, default=str))
"""


def manage(env, *args, stdin=None) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def installation(database_url: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "QUARTIER_DEMO_MODE"}}
    env.update(
        DATABASE_URL=database_url,
        QUARTIER_VAR_DIR=str(var_dir),
        EMAIL_FILE_PATH=str(var_dir / "mail"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
    )
    return env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source-db", required=True)
    parser.add_argument("--target-db", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quartier-backup-check-") as tmp:
        source = installation(args.source_db, Path(tmp) / "source")
        target = installation(args.target_db, Path(tmp) / "target")
        manage(source, "migrate", "--no-input", "-v", "0")
        manage(source, "shell", stdin=POPULATE)
        before = json.loads(manage(source, "shell", stdin=FINGERPRINT).strip().splitlines()[-1])
        archive = Path(tmp) / "backup.tar"
        print(manage(source, "backup", "--output", str(archive)).strip())

        manage(target, "migrate", "--no-input", "-v", "0")
        print(manage(target, "restore", str(archive)).strip())
        after = json.loads(manage(target, "shell", stdin=FINGERPRINT).strip().splitlines()[-1])
    for key in before:
        status = "ok" if before[key] == after[key] else "DIFFERENT"
        print(f"{key}: {len(before[key])} before, {len(after[key])} after: {status}")
    if before != after:
        sys.exit("restore differs from the original")
    if not (before["photos"] and before["consent_scans"] and before["residents"]):
        sys.exit("the check did not cover photos, consent scans and residents")
    print("backup and restore: identical")


if __name__ == "__main__":
    main()
