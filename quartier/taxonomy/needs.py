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


def load() -> None:
    """The taxonomy again, e.g. after a browser test flushed the database."""
    from quartier.taxonomy.models import Topic

    load_into(Topic)
