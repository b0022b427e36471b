"""Load the official address register (NRW Hauskoordinaten / ALKIS address points)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quartier.areas.actions import import_address_points
from quartier.areas.address_files import AddressFileError, read_file

MAX_FILE_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Importiert amtliche Adresspunkte (Straße, Hausnummer, PLZ, Koordinaten) aus CSV oder "
        "GeoJSON, in EPSG:25832 oder WGS84, und ersetzt den bisherigen Bestand. Bei einem "
        "Fehler wird nichts importiert."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="CSV (; or ,) or GeoJSON file")
        parser.add_argument(
            "--srid", type=int, default=None, help="EPSG code of the coordinates, e.g. 25832"
        )
        parser.add_argument("--source", default="", help="name of the data set (default: file)")

    def handle(self, *args, path, srid, source, **options):
        file = Path(path)
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                raise CommandError("Die Datei ist größer als 200 MB.")
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        try:
            rows = read_file(file.name, data, srid=srid)
        except AddressFileError as exc:
            raise CommandError("Nichts importiert.\n" + "\n".join(exc.errors)) from exc
        batch = import_address_points(actor=None, rows=rows, source=source or file.name)
        self.stdout.write(self.style.SUCCESS(f"{batch.points} Adresspunkte importiert."))
