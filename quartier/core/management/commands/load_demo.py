"""Load the Krefeld demo data. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Order matters: accounts need quarters and bases. Apps append their own loaders here.
DEMO_LOADERS = [
    "quartier.areas.demo.load",
    "quartier.accounts.demo.load",
    "quartier.routing.demo.load",
    "quartier.open311.demo.load",
    "quartier.reports.demo.load",
    "quartier.residents.demo.load",
    "quartier.directory.demo.load",
    "quartier.operations.demo.load",
]


class Command(BaseCommand):
    help = "Lädt die Krefelder Demodaten (Quartiere, Stützpunkte, Partner, Demo-Konten)."

    def handle(self, *args, **options):
        # A loader may return lines to print (e.g. a demo API key).
        lines = []
        with transaction.atomic():
            for path in DEMO_LOADERS:
                lines.extend(import_string(path)() or [])
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demodaten geladen."))
