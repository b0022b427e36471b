"""Krefeld's partner authorities (DOMAIN.md §4) and demo routing rules.

Addresses and phone numbers are EXAMPLES. Rules refer to category codes; categories that do
not exist yet are created here (the reports app's data migration creates the same codes).
"""

from quartier.areas.models import Quarter
from quartier.reports.models import ReportCategory
from quartier.routing.models import Authority, RoutingRule

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


# Partners that must never receive photos (people in need: photos may show persons).
NO_PHOTO_LINKS = {"Streetwork", "Wohnungslosenhilfe"}

LAMP_POST_ATTRIBUTE = {
    "code": "lamp_post_number",
    "label": "Mastnummer",
    "datatype": "string",
    "required": True,
}

# (code, name, parent code, public, attributes)
DEMO_CATEGORIES = [
    ("abfall", "Abfall", None, True, []),
    ("abfall-wilder-muell", "Wilder Müll", "abfall", True, []),
    ("abfall-sperrmuell", "Sperrmüll", "abfall", True, []),
    ("abfall-papierkorb-voll", "Papierkorb voll", "abfall", True, []),
    ("abfall-hundekot", "Hundekot", "abfall", True, []),
    ("abfall-spritzen-gefahrstoffe", "Spritzen / Gefahrstoffe", "abfall", True, []),
    ("strasse-gehweg", "Straße & Gehweg", None, True, []),
    ("strasse-stolperfalle", "Stolperfalle", "strasse-gehweg", True, []),
    ("strasse-schlagloch", "Schlagloch", "strasse-gehweg", True, []),
    ("strasse-gehweg-beschaedigt", "Gehweg beschädigt", "strasse-gehweg", True, []),
    ("beleuchtung", "Beleuchtung", None, True, []),
    ("beleuchtung-laterne-defekt", "Laterne defekt", "beleuchtung", True, [LAMP_POST_ATTRIBUTE]),
    ("gruen-spielplatz", "Grün & Spielplatz", None, True, []),
    ("verkehrszeichen", "Verkehrszeichen", None, True, []),
    ("graffiti-vandalismus", "Graffiti & Vandalismus", None, True, []),
    ("problemimmobilie", "Problemimmobilie", None, True, []),
    ("ordnung-sicherheit", "Ordnung & Sicherheit", None, True, []),
    ("menschen-in-not", "Menschen in Not", None, False, []),
    ("sonstiges", "Sonstiges", None, True, []),
]

# (category code, quarter slug or None, authority short name, deadline or None, auto, note)
DEMO_RULES = [
    ("abfall", None, "GSAK", None, True, "Straßenreinigung und Abfall: GSAK"),
    (
        "abfall-spritzen-gefahrstoffe",
        None,
        "Streetwork",
        1,
        False,
        "Spritzenfunde: Streetwork sichert und entsorgt",
    ),
    ("strasse-gehweg", None, "KBK", None, True, "Straßen und Gehwege: Kommunalbetrieb"),
    ("gruen-spielplatz", None, "KBK", None, True, "Grünflächen und Spielplätze: Kommunalbetrieb"),
    ("verkehrszeichen", None, "KBK", None, False, "Verkehrszeichen: Kommunalbetrieb"),
    ("beleuchtung", None, "NGN", None, True, "Straßenbeleuchtung: NGN für SWK (Mastnummer nötig)"),
    ("ordnung-sicherheit", None, "KOD", None, False, "Öffentliche Ordnung: KOD (8–24 Uhr)"),
    ("graffiti-vandalismus", None, "KOD", None, False, "Vandalismus: KOD prüft und veranlasst"),
    ("problemimmobilie", None, "AG Problemimmobilien", None, False, "Schrottimmobilien: AG"),
    ("menschen-in-not", None, "Streetwork", 1, False, "Nie öffentlich, keine Fotos"),
    (
        "menschen-in-not",
        "innenstadt",
        "Wohnungslosenhilfe",
        1,
        False,
        "Innenstadt: Wohnungslosenhilfe (Beispielregel), nie öffentlich, keine Fotos",
    ),
]


def load_categories() -> dict[str, ReportCategory]:
    categories: dict[str, ReportCategory] = {}
    for order, (code, name, parent, public, attributes) in enumerate(DEMO_CATEGORIES):
        category, _created = ReportCategory.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": categories.get(parent),
                "is_public": public,
                "attributes": attributes,
                "order": order,
            },
        )
        categories[code] = category
    return categories


def load_rules() -> None:
    categories = load_categories()
    authorities = {a.short_name: a for a in Authority.objects.all()}
    quarters = {q.slug: q for q in Quarter.objects.all()}
    for code, quarter_slug, short, days, auto, note in DEMO_RULES:
        if quarter_slug and quarter_slug not in quarters:
            continue
        RoutingRule.objects.update_or_create(
            category=categories[code],
            quarter=quarters.get(quarter_slug) if quarter_slug else None,
            defaults={
                "authority": authorities[short],
                "deadline_working_days": days,
                "auto_forward": auto,
                "note": note,
            },
        )


def load() -> None:
    load_authorities()
    load_rules()


# English names shown on English pages (data labels are per language too).
ENGLISH_NAMES = {
    "GSAK": "GSAK – Krefeld street cleaning and waste company",
    "KBK": "Krefeld municipal services (KBK)",
    "KOD": "Municipal public order service (KOD)",
    "NGN": "NGN grid company (street lighting for SWK)",
    "Polizei": "Krefeld police – neighbourhood officers",
    "Streetwork": "Street work / drug support Krefeld",
    "Wohnungslosenhilfe": "Krefeld homeless support",
    "AG Problemimmobilien": "City working group on derelict properties",
}


def load_authorities() -> None:
    for short, name, description, email, sla in DEMO_AUTHORITIES:
        Authority.objects.update_or_create(
            short_name=short,
            defaults={
                "name": name,
                "name_en": ENGLISH_NAMES.get(short, ""),
                "description": description,
                "emails": email,
                "phone": "02151 000000 (Beispiel)",
                "sla_working_days": sla,
                "is_example_data": True,
                "send_photo_links": short not in NO_PHOTO_LINKS,
            },
        )
