"""`manage.py rebuild_contact_counts`: count the residents' tally again from the contacts.

Needed after contacts went in without the models (bulk loads, SQL, restores); the running
system keeps the counts up to date by itself (`residents.contact_counts`, ADR 0022)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from quartier.residents import contact_counts


class Command(BaseCommand):
    help = "Zählt die Gesprächszahlen der Bewohner-Statistik neu aus den Gesprächen."

    def handle(self, *args, **options):
        start = time.perf_counter()
        with transaction.atomic():
            rows = contact_counts.rebuild()
        seconds = time.perf_counter() - start
        self.stdout.write(f"{rows} Tageszahlen neu gezählt in {seconds:.1f} s.")
