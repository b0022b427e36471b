"""Krefeld's partner authorities (DOMAIN.md §4). Addresses and phone numbers are EXAMPLES."""

from quartier.routing.models import Authority

# (short name, name, responsible for, example e-mail, SLA working days)
DEMO_AUTHORITIES = [
    (
        "GSAK",
        "GSAK – Gesellschaft für Stadtreinigung und Abfallwirtschaft Krefeld",
        "Straßenreinigung, wilder Müll, Papierkörbe",
        "meldungen@gsak.example.org",
        3,
    ),
    (
        "KBK",
        "Kommunalbetrieb Krefeld (KBK)",
        "Straßen, Gehwege, Grünflächen, Spielplätze",
        "maengel@kbk.example.org",
        10,
    ),
    (
        "KOD",
        "Kommunaler Ordnungsdienst (KOD)",
        "Öffentliche Ordnung, 8–24 Uhr",
        "kod@krefeld.example.org",
        2,
    ),
    (
        "NGN",
        "NGN Netzgesellschaft Niederrhein (für SWK)",
        "Straßenbeleuchtung (Mastnummer)",
        "beleuchtung@ngn.example.org",
        5,
    ),
    (
        "Polizei",
        "Polizei Krefeld – Bezirksdienst",
        "Bezirksbeamt*innen",
        "bezirksdienst@polizei.example.org",
        5,
    ),
    (
        "Streetwork",
        "Streetwork / Drogenhilfe Krefeld",
        "Menschen in Not, Spritzenfunde",
        "streetwork@krefeld.example.org",
        1,
    ),
    (
        "Wohnungslosenhilfe",
        "Wohnungslosenhilfe Krefeld",
        "Wohnungslose Menschen",
        "wohnungslosenhilfe@krefeld.example.org",
        1,
    ),
    (
        "AG Problemimmobilien",
        "Arbeitsgruppe Problemimmobilien der Stadt Krefeld",
        "Schrott- und Problemimmobilien",
        "problemimmobilien@krefeld.example.org",
        15,
    ),
]


def load() -> None:
    for short, name, description, email, sla in DEMO_AUTHORITIES:
        Authority.objects.update_or_create(
            short_name=short,
            defaults={
                "name": name,
                "description": description,
                "emails": email,
                "phone": "02151 000000 (Beispiel)",
                "sla_working_days": sla,
                "is_example_data": True,
            },
        )
