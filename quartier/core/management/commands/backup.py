"""`manage.py backup`: database and uploaded files into one archive (core/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quartier.core.backup import BackupError, create_backup

PREFIX = "quartier-backup-"


class Command(BaseCommand):
    help = "Write a backup (database + uploaded files) as one .tar file."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default=".", help="directory for the archive")
        parser.add_argument("--output", help="exact file name instead of a dated one")
        parser.add_argument("--keep", type=int, default=0, help="keep only the newest N")

    def handle(self, *args, output_dir, output, keep, **options):
        directory = Path(output_dir)
        directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        target = Path(output) if output else directory / f"{PREFIX}{stamp}.tar"
        partial = target.with_name(target.name + ".partial")
        try:
            manifest = create_backup(partial)
        except (BackupError, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"Backup failed: {exc}") from exc
        partial.rename(target)
        records = sum(manifest["records"].values())
        self.stdout.write(f"{target}: {records} records, {len(manifest['files'])} files")
        for name in manifest["missing_files"]:
            self.stderr.write(f"warning: file missing in storage: {name}")
        if keep and not output:
            for old in sorted(directory.glob(f"{PREFIX}*.tar"))[:-keep]:
                old.unlink()
