"""Load the Krefeld demo data. Idempotent: running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from quartier.core import registry


class Command(BaseCommand):
    help = "Lädt die Krefelder Demodaten (Quartiere, Stützpunkte, Partner, Demo-Konten)."

    def handle(self, *args, **options):
        # Each app registers its loader (registry.DemoLoader) in its AppConfig.ready(); lower
        # order runs first (accounts need quarters and bases). A loader may return lines to
        # print (e.g. a demo API key).
        lines = []
        with transaction.atomic():
            for loader in registry.demo_loaders():
                lines.extend(import_string(loader.path)() or [])
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demodaten geladen."))
