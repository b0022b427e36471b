"""`manage.py rebuild_statistics`: count every month of the statistics again from the rows.

Needed after data went in without the models (bulk loads, SQL, restores); the running
system keeps the months up to date by itself (`stats.aggregates`)."""

import time

from django.core.management.base import BaseCommand

from quartier.stats import aggregates


class Command(BaseCommand):
    help = "Zählt die Monatswerte der Statistik neu aus den Daten (nach Massenimporten)."

    def add_arguments(self, parser):
        parser.add_argument("--subject", action="append", choices=sorted(aggregates.SUBJECTS))

    def handle(self, *args, subject=None, **options):
        start = time.perf_counter()
        months = aggregates.rebuild(subject)
        seconds = time.perf_counter() - start
        self.stdout.write(f"{months} Monate neu gezählt in {seconds:.1f} s.")
