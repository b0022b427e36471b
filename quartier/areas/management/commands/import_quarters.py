"""Import official quarter polygons from a GeoJSON file (WGS84 or EPSG:25832)."""

import json

from django.core.management.base import BaseCommand, CommandError

from quartier.areas.actions import import_quarters, parse_quarters
from quartier.areas.geo import GeometryError


class Command(BaseCommand):
    help = (
        "Importiert Quartiersflächen aus einer GeoJSON-FeatureCollection. Das Koordinatensystem "
        "wird aus dem crs-Eintrag gelesen oder mit --srid angegeben (z. B. 25832)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="GeoJSON file")
        parser.add_argument("--srid", type=int, default=None, help="EPSG code, e.g. 25832")

    def handle(self, *args, path, srid, **options):
        try:
            with open(path, encoding="utf-8") as fh:
                collection = json.load(fh)
        except OSError as exc:
            raise CommandError(f"Datei nicht lesbar: {exc}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"Kein gültiges JSON (Zeile {exc.lineno}): {exc.msg}") from exc
        try:
            quarters = parse_quarters(collection, srid=srid)
        except GeometryError as exc:
            raise CommandError(f"Nichts importiert. {exc}") from exc
        saved = import_quarters(quarters=quarters)
        self.stdout.write(self.style.SUCCESS(f"{len(saved)} Quartiere importiert."))
