"""Demo Wegweiser: senior services in Krefeld (DOMAIN.md §4).

Names follow the kinds of services the city and its partners offer; ADDRESSES AND PHONE
NUMBERS ARE EXAMPLES (every entry is flagged `is_example_data`). Loading twice changes nothing:
each entry has a fixed id and is updated in place.
"""

import uuid

from quartier.areas.models import Quarter
from quartier.directory.actions import EntryData, import_entries
from quartier.taxonomy.models import Topic

DEMO_NAMESPACE = uuid.UUID("0f6a3a52-0c1e-4d53-8f0e-2f4a3a5d9b10")
CITY = "Fachbereich Soziales, Senioren und Wohnen der Stadt Krefeld"

# name, provider, description, topic codes, address, quarter slug ("" = city-wide),
# phone, opening hours, languages, accessibility, cost, translations
DEMO_ENTRIES = [
    (
        "Pflegeberatung",
        CITY,
        "Beratung zu Pflegegrad, Pflegeantrag, Hilfen zu Hause und Entlastung für Angehörige. "
        "Auf Wunsch auch Hausbesuche.",
        "care-advice care-grade",
        "Rathausplatz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 101",
        "Mo–Fr 8:30–12 Uhr, Do 14–17 Uhr",
        "de tr pl",
        "Aufzug, barrierefreier Eingang",
        "kostenlos",
        {
            "tr": {
                "name": "Bakım danışmanlığı",
                "description": (
                    "Bakım derecesi, bakım başvurusu ve evde yardım hakkında danışmanlık."
                ),
            },
            "pl": {
                "name": "Doradztwo w sprawie opieki",
                "description": "Porady dotyczące stopnia opieki, wniosku i pomocy w domu.",
            },
            "ar": {
                "name": "استشارات الرعاية",
                "description": "استشارات حول درجة الرعاية وطلب الرعاية والمساعدة في المنزل.",
            },
            "ru": {
                "name": "Консультации по уходу",
                "description": "Консультации о степени ухода, заявлении и помощи на дому.",
            },
        },
    ),
    (
        "Altenhilfe – Beratung für Seniorinnen und Senioren",
        CITY,
        "Erste Anlaufstelle bei Fragen rund ums Älterwerden: Hilfen im Alltag, Anträge, "
        "Vermittlung an passende Angebote.",
        "everyday-post social care-meals",
        "Rathausplatz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 102",
        "Mo–Fr 8:30–12 Uhr",
        "de",
        "Aufzug, barrierefreier Eingang",
        "kostenlos",
        {},
    ),
    (
        "Wohnberatung für ältere Menschen",
        CITY,
        "Beratung zur Anpassung der Wohnung (Haltegriffe, Dusche statt Wanne, Schwellen) und "
        "zu Zuschüssen der Pflegekasse.",
        "housing-adaptation mobility-aids",
        "Rathausplatz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 103",
        "Termine nach Vereinbarung, auch Hausbesuche",
        "de",
        "Hausbesuche möglich",
        "kostenlos",
        {},
    ),
    (
        "Seniorenbeirat der Stadt Krefeld",
        "Seniorenbeirat Krefeld",
        "Die gewählte Vertretung der älteren Menschen in Krefeld. Sprechstunde für Anregungen "
        "und Beschwerden.",
        "social other",
        "Von-der-Leyen-Platz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 104",
        "1. Mittwoch im Monat 10–12 Uhr",
        "de",
        "barrierefreier Eingang",
        "kostenlos",
        {},
    ),
    (
        "Seniorenclub rund um St. Josef",
        "Bürgerinitiative rund um St. Josef",
        "Kaffee, Gespräche, Gedächtnistraining und Ausflüge für Seniorinnen und Senioren.",
        "social-meeting social-loneliness",
        "Josefstraße 5, 47799 Krefeld (Beispiel)",
        "josefsviertel",
        "02151 990 105",
        "Di und Do 14–17 Uhr",
        "de pl",
        "ebenerdig, WC barrierefrei",
        "Kaffee und Kuchen 2 €",
        {
            "pl": {
                "name": "Klub seniora przy St. Josef",
                "description": "Kawa, rozmowy, trening pamięci i wycieczki dla seniorów.",
            }
        },
    ),
    (
        "Seniorentreff in der Samtweberei",
        "Samtweberei",
        "Offener Treff mit Mittagessen am Freitag und Hilfe beim Smartphone.",
        "social-meeting digital-smartphone care-meals",
        "Lewerentzstraße 104, 47798 Krefeld (Beispiel)",
        "samtweberviertel",
        "02151 990 106",
        "Mi 10–13 Uhr, Fr 12–15 Uhr",
        "de tr",
        "ebenerdig",
        "Mittagessen 4 €",
        {},
    ),
    (
        "Quartiersbüro Schinkenplatz",
        "Quartiersmanagement Schinkenplatz",
        "Anlaufstelle im Quartier: Beratung, Nachbarschaftsprojekte, Hilfe bei Formularen.",
        "everyday-post social-family language-integration",
        "Schinkenplatz 10, 47799 Krefeld (Beispiel)",
        "schinkenplatz",
        "02151 990 107",
        "Mo, Mi 10–13 Uhr; Do 15–18 Uhr",
        "de tr ar",
        "ebenerdig",
        "kostenlos",
        {
            "tr": {"name": "Schinkenplatz Mahalle Bürosu"},
            "ar": {"name": "مكتب الحي شينكنبلاتز"},
        },
    ),
    (
        "Quartiersbüro Bleichpfad",
        "Neukirchener Erziehungsverein",
        "Anlaufstelle im Quartier Bleichpfad: Beratung, Nachbarschaftscafé, Hilfe im Alltag.",
        "everyday-post social-meeting",
        "Bleichpfad 20, 47799 Krefeld (Beispiel)",
        "bleichpfad",
        "02151 990 108",
        "Di 9–12 Uhr, Do 14–17 Uhr",
        "de ru uk",
        "eine Stufe am Eingang, Rampe auf Nachfrage",
        "kostenlos",
        {},
    ),
    (
        "Schuldnerberatung",
        "Diakonie Krefeld & Viersen",
        "Hilfe bei Schulden, Mahnungen und Kontopfändung; Beratung zum Pfändungsschutzkonto.",
        "money-debts",
        "Stephanstraße 2, 47799 Krefeld (Beispiel)",
        "",
        "02151 990 109",
        "Termine nach Vereinbarung; offene Sprechstunde Mo 9–11 Uhr",
        "de tr ru",
        "Aufzug",
        "kostenlos",
        {},
    ),
    (
        "Beratung zur Grundsicherung im Alter",
        CITY,
        "Hilfe beim Antrag auf Grundsicherung im Alter und bei Erwerbsminderung.",
        "money-basic-income money-applications",
        "Rathausplatz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 110",
        "Mo–Fr 8:30–12 Uhr",
        "de",
        "Aufzug, barrierefreier Eingang",
        "kostenlos",
        {},
    ),
    (
        "Wohngeldstelle",
        CITY,
        "Antrag und Beratung zum Wohngeld, auch für Rentnerinnen und Rentner.",
        "money-housing-benefit money-applications",
        "Rathausplatz 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 111",
        "Mo–Fr 8:30–12 Uhr",
        "de",
        "Aufzug, barrierefreier Eingang",
        "kostenlos",
        {},
    ),
    (
        "Migrationsberatung für Erwachsene",
        "Caritasverband Krefeld",
        "Beratung für Zugewanderte: Aufenthalt, Sprachkurse, Anträge, Arbeit und Rente.",
        "language-integration language-translation language-courses",
        "Ostwall 50, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 112",
        "Mo–Do 9–12 Uhr",
        "de tr ar ru uk",
        "Aufzug",
        "kostenlos",
        {
            "tr": {
                "name": "Yetişkinler için göç danışmanlığı",
                "description": "Göçmenler için danışmanlık: oturum, dil kursları, başvurular.",
            },
            "ar": {
                "name": "استشارات الهجرة للبالغين",
                "description": "استشارات للمهاجرين: الإقامة، دورات اللغة، الطلبات.",
            },
            "ru": {
                "name": "Консультации для взрослых мигрантов",
                "description": "Консультации для приезжих: вид на жительство, курсы, заявления.",
            },
            "uk": {
                "name": "Консультації для дорослих мігрантів",
                "description": "Консультації для приїжджих: посвідка, мовні курси, заяви.",
            },
        },
    ),
    (
        "Sprachcafé für Ältere",
        "Diakonie am Stephansplatz",
        "Deutsch sprechen üben in kleiner Runde, ohne Anmeldung.",
        "language-courses social-meeting",
        "Stephanstraße 2, 47799 Krefeld (Beispiel)",
        "stephansplatz",
        "02151 990 113",
        "Mi 15–16:30 Uhr",
        "de tr ar ru uk pl",
        "ebenerdig",
        "kostenlos",
        {},
    ),
    (
        "Hausnotruf-Beratung",
        "Paritätischer Krefeld",
        "Beratung zum Hausnotruf, Hilfe beim Antrag bei der Pflegekasse.",
        "care-emergency-call care-advice",
        "Ostwall 50, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 114",
        "Mo–Fr 9–15 Uhr",
        "de",
        "Aufzug",
        "Beratung kostenlos; Gerät nach Tarif, oft von der Pflegekasse bezahlt",
        {},
    ),
    (
        "Mittagstisch im Hardenbergviertel",
        "Jugendzentrum SpieDie",
        "Gemeinsames Mittagessen für Ältere und Nachbarinnen, Mo–Fr.",
        "care-meals social-loneliness",
        "Hardenbergstraße 10, 47799 Krefeld (Beispiel)",
        "hardenbergviertel",
        "02151 990 115",
        "Mo–Fr 12–13:30 Uhr",
        "de tr",
        "ebenerdig",
        "3,50 € je Essen",
        {},
    ),
    (
        "Besuchsdienst „Zeit schenken“",
        "Paritätischer Krefeld",
        "Ehrenamtliche besuchen allein lebende ältere Menschen zu Hause, gehen spazieren oder "
        "begleiten zu Terminen.",
        "social-visits social-loneliness mobility-accompany",
        "Ostwall 50, 47798 Krefeld (Beispiel)",
        "innenstadt",
        "02151 990 116",
        "Anruf Mo–Fr 9–12 Uhr",
        "de",
        "Besuche zu Hause",
        "kostenlos",
        {},
    ),
    (
        "Smartphone-Sprechstunde für Ältere",
        "Villa K",
        "Hilfe mit Smartphone und Tablet: Videotelefonie, WhatsApp, Betrugsnachrichten erkennen.",
        "digital-smartphone digital-video-calls digital-scam",
        "Westwall 140, 47798 Krefeld (Beispiel)",
        "stadtgarten",
        "02151 990 117",
        "Do 10–12 Uhr",
        "de ru",
        "Aufzug",
        "kostenlos",
        {},
    ),
    (
        "Sicher im Alter – Beratung gegen Betrug",
        "Polizei Krefeld, Kriminalprävention",
        "Vorträge und Beratung zu Enkeltrick, falschen Polizeibeamten und Haustürbetrug.",
        "safety-fraud-calls digital-scam",
        "Nordwall 1, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 118",
        "Termine nach Vereinbarung",
        "de",
        "barrierefreier Eingang",
        "kostenlos",
        {},
    ),
    (
        "Begleitdienst zu Arztterminen",
        "Ehrenamtsbörse Krefeld",
        "Ehrenamtliche begleiten zu Arzt, Amt oder Einkauf, zu Fuß oder mit Bus und Bahn.",
        "mobility-accompany mobility-transport",
        "Ostwall 50, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 119",
        "Anmeldung Mo–Do 10–12 Uhr",
        "de",
        "",
        "kostenlos",
        {},
    ),
    (
        "Mieterberatung",
        "Mieterverein Krefeld",
        "Beratung bei Problemen mit Vermietern, Heizung, Feuchtigkeit und Nebenkosten.",
        "housing-landlord housing-heating-damp",
        "Westwall 40, 47798 Krefeld (Beispiel)",
        "",
        "02151 990 120",
        "Di und Do 15–18 Uhr",
        "de tr",
        "Aufzug",
        "Mitgliedsbeitrag; erste Beratung kostenlos",
        {},
    ),
]


def demo_entries() -> list[EntryData]:
    topics = {topic.code: topic for topic in Topic.objects.all()}
    quarters = {quarter.slug: quarter for quarter in Quarter.objects.all()}
    entries = []
    for row in DEMO_ENTRIES:
        name, provider, description, codes, address, slug = row[:6]
        phone, hours, languages, accessibility, cost, translations = row[6:]
        entries.append(
            EntryData(
                name=name,
                external_id=uuid.uuid5(DEMO_NAMESPACE, name),
                topics=[topics[code] for code in codes.split()],
                values={
                    "provider": provider,
                    "description": description,
                    "address": address,
                    "quarter": quarters.get(slug),
                    "phone": phone,
                    "opening_hours": hours,
                    "languages": ",".join(languages.split()),
                    "accessibility": accessibility,
                    "cost": cost,
                    "translations": translations,
                    "is_example_data": True,
                    "notes": "Beispieldaten: Adresse und Telefonnummer sind ausgedacht.",
                },
            )
        )
    return entries


def load() -> None:
    import_entries(actor=None, entries=demo_entries(), source="demo")
