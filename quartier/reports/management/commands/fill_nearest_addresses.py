"""Give existing reports the nearest address from the address register (after an import)."""

from django.core.management.base import BaseCommand

from quartier.reports.actions import fill_nearest_addresses


class Command(BaseCommand):
    help = (
        "Ergänzt bei Meldungen ohne „nächste Adresse“ die nächste Adresse aus dem "
        "Adressbestand (nach dem ersten Import oder einem neuen Bestand)."
    )

    def handle(self, *args, **options):
        filled = fill_nearest_addresses(actor=None)
        self.stdout.write(self.style.SUCCESS(f"{filled} Meldungen ergänzt."))
