"""`manage.py restore ARCHIVE`: load a backup into a new, migrated installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (run `migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete everything in this installation first (default: refuse unless empty)",
        )

    def handle(self, *args, archive, replace, **options):
        try:
            manifest = restore_backup(Path(archive), replace=replace)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        records = sum(manifest["records"].values())
        self.stdout.write(
            f"Restored {records} records and {manifest['restored_files']} files "
            f"from a backup of {manifest['created_at']}."
        )
