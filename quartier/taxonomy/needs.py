"""The needs taxonomy of DOMAIN.md § 5: twelve top-level topics with second-level topics."""

# (code, name, is_sensitive, [(code, name), ...])
TAXONOMY = [
    (
        "social",
        "Einsamkeit & soziale Kontakte",
        False,
        [
            ("social-loneliness", "Alleinsein, Einsamkeit"),
            ("social-meeting", "Treffpunkte, Seniorenclubs"),
            ("social-visits", "Besuchsdienst, Begleitung"),
            ("social-family", "Familie, Nachbarschaft"),
        ],
    ),
    (
        "mobility",
        "Mobilität & Unterwegssein",
        False,
        [
            ("mobility-transport", "Bus und Bahn, Fahrdienste"),
            ("mobility-trip-hazard", "Stolperfallen"),
            ("mobility-accompany", "Begleitung zu Terminen und Ämtern"),
            ("mobility-aids", "Rollator, Rollstuhl, Hilfsmittel"),
        ],
    ),
    (
        "everyday",
        "Hilfe im Alltag",
        False,
        [
            ("everyday-shopping", "Einkaufen"),
            ("everyday-repairs", "Kleine Reparaturen"),
            ("everyday-cleaning", "Gemeinsam sauber machen"),
            ("everyday-lost", "Verlorene Dinge suchen"),
            ("everyday-post", "Post und Formulare"),
        ],
    ),
    (
        "health",
        "Gesundheit",
        True,
        [
            ("health-doctor", "Arzt, Termine"),
            ("health-medication", "Medikamente"),
            ("health-mental", "Seelische Gesundheit"),
            ("health-addiction", "Sucht"),
        ],
    ),
    (
        "care",
        "Pflege & Unterstützung",
        False,
        [
            ("care-grade", "Pflegegrad"),
            ("care-advice", "Pflegeberatung"),
            ("care-emergency-call", "Hausnotruf"),
            ("care-meals", "Essen auf Rädern, Mittagstisch"),
        ],
    ),
    (
        "housing",
        "Wohnen",
        False,
        [
            ("housing-adaptation", "Wohnraumanpassung"),
            ("housing-landlord", "Vermieter"),
            ("housing-heating-damp", "Heizung, Feuchtigkeit"),
            ("housing-problem-property", "Problemimmobilie"),
        ],
    ),
    (
        "money",
        "Geld & Leistungen",
        False,
        [
            ("money-basic-income", "Grundsicherung"),
            ("money-housing-benefit", "Wohngeld"),
            ("money-debts", "Schulden"),
            ("money-applications", "Anträge"),
        ],
    ),
    (
        "digital",
        "Digitales",
        False,
        [
            ("digital-smartphone", "Smartphone-Grundlagen"),
            ("digital-video-calls", "Videotelefonie"),
            ("digital-scam", "Betrugsnachrichten"),
        ],
    ),
    (
        "safety",
        "Sicherheit",
        False,
        [
            ("safety-fraud-calls", "Betrugsanrufe"),
            ("safety-after-dark", "Angst im Dunkeln"),
            ("safety-lighting", "Beleuchtung"),
            ("safety-conflicts", "Konflikte"),
        ],
    ),
    (
        "surroundings",
        "Sauberkeit & Umfeld",
        False,
        [
            ("surroundings-litter", "Müll, Sauberkeit"),
            ("surroundings-green", "Grünflächen, Spielplätze"),
            ("surroundings-noise", "Lärm"),
        ],
    ),
    (
        "language",
        "Sprache & Integration",
        False,
        [
            ("language-courses", "Sprachkurse"),
            ("language-translation", "Übersetzen, Dolmetschen"),
            ("language-integration", "Integrationsangebote"),
        ],
    ),
    ("other", "Sonstiges", False, []),
]


# English names of the needs taxonomy (0002); shown on English pages.
ENGLISH = {
    "social": "Loneliness & social contacts",
    "social-loneliness": "Being alone, loneliness",
    "social-meeting": "Meeting places, senior clubs",
    "social-visits": "Visiting service, company",
    "social-family": "Family, neighbours",
    "mobility": "Mobility & getting around",
    "mobility-transport": "Bus and train, transport services",
    "mobility-trip-hazard": "Trip hazards",
    "mobility-accompany": "Company to appointments and offices",
    "mobility-aids": "Walker, wheelchair, aids",
    "everyday": "Everyday help",
    "everyday-shopping": "Shopping",
    "everyday-repairs": "Small repairs",
    "everyday-cleaning": "Cleaning together",
    "everyday-lost": "Looking for lost things",
    "everyday-post": "Post and forms",
    "health": "Health",
    "health-doctor": "Doctor, appointments",
    "health-medication": "Medication",
    "health-mental": "Mental health",
    "health-addiction": "Addiction",
    "care": "Care & support",
    "care-grade": "Care grade",
    "care-advice": "Care advice",
    "care-emergency-call": "Emergency call system",
    "care-meals": "Meals on wheels, lunch club",
    "housing": "Housing",
    "housing-adaptation": "Home adaptation",
    "housing-landlord": "Landlord",
    "housing-heating-damp": "Heating, damp",
    "housing-problem-property": "Derelict property",
    "money": "Money & benefits",
    "money-basic-income": "Basic income support (Grundsicherung)",
    "money-housing-benefit": "Housing benefit (Wohngeld)",
    "money-debts": "Debts",
    "money-applications": "Applications",
    "digital": "Digital",
    "digital-smartphone": "Smartphone basics",
    "digital-video-calls": "Video calls",
    "digital-scam": "Scam messages",
    "safety": "Safety",
    "safety-fraud-calls": "Fraud calls",
    "safety-after-dark": "Fear after dark",
    "safety-lighting": "Lighting",
    "safety-conflicts": "Conflicts",
    "surroundings": "Cleanliness & surroundings",
    "surroundings-litter": "Litter, cleanliness",
    "surroundings-green": "Green spaces, playgrounds",
    "surroundings-noise": "Noise",
    "language": "Language & integration",
    "language-courses": "Language courses",
    "language-translation": "Translating, interpreting",
    "language-integration": "Integration services",
    "other": "Other",
}


def load_into(Topic) -> None:
    """Create or update every topic (idempotent); `Topic` may be a migration's historic model."""
    for position, (code, name, sensitive, children) in enumerate(TAXONOMY, start=1):
        parent, _ = Topic.objects.update_or_create(
            code=code,
            defaults={"name": name, "order": position * 10, "is_sensitive": sensitive},
        )
        for child_position, (child_code, child_name) in enumerate(children, start=1):
            Topic.objects.update_or_create(
                code=child_code,
                defaults={
                    "name": child_name,
                    "parent": parent,
                    "order": child_position,
                    "is_sensitive": sensitive,
                },
            )


def add_english_names_into(Topic) -> None:
    for code, name in ENGLISH.items():
        Topic.objects.filter(code=code, name_en="").update(name_en=name)


def load() -> None:
    """The taxonomy again, e.g. after a browser test flushed the database."""
    from quartier.taxonomy.models import Topic

    load_into(Topic)
    add_english_names_into(Topic)
