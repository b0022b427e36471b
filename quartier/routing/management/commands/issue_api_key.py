"""Issue an Open311 API key for a partner system; the key is printed once and never stored."""

from django.core.management.base import BaseCommand, CommandError

from quartier.routing.actions import ApiKeyError, issue_api_key
from quartier.routing.models import Authority


class Command(BaseCommand):
    help = (
        "Stellt einen Open311-API-Schlüssel für ein Partnersystem aus (wird nur einmal angezeigt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Name des Partnersystems, z. B. „KBK Mängelmelder“")
        parser.add_argument(
            "--authority",
            help="Kurzname der Behörde, deren Antworten dieses System sendet (z. B. KBK)",
        )

    def handle(self, *args, name, authority=None, **options):
        partner = None
        if authority:
            partner = Authority.objects.filter(short_name=authority).first()
            if partner is None:
                raise CommandError(f"Keine Behörde mit dem Kurznamen „{authority}“.")
        try:
            client, key = issue_api_key(actor=None, name=name, authority=partner)
        except ApiKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"API-Schlüssel für {client.name} (nur jetzt sichtbar):")
        self.stdout.write(key)
