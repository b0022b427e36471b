"""Demo quarters and bases. The polygons are SIMPLIFIED DEMO GEOMETRY, not official borders."""

from quartier.areas.actions import QuarterData, import_quarters
from quartier.areas.models import Base, Quarter


def _box(south, north, west, east):
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


# (name, slug, Stadtbezirk, south, north, west, east): rough rectangles around each quarter.
DEMO_QUARTERS = [
    ("Innenstadt (Vier Wälle)", "innenstadt", "mitte", 51.3290, 51.3370, 6.5550, 6.5700),
    ("Stadtgarten", "stadtgarten", "mitte", 51.3370, 51.3440, 6.5480, 6.5620),
    ("Bleichpfad", "bleichpfad", "mitte", 51.3370, 51.3440, 6.5620, 6.5760),
    ("Samtweberviertel", "samtweberviertel", "west", 51.3270, 51.3370, 6.5400, 6.5550),
    ("Stephansplatz", "stephansplatz", "sued", 51.3220, 51.3290, 6.5600, 6.5720),
    ("Josefsviertel", "josefsviertel", "sued", 51.3180, 51.3290, 6.5480, 6.5600),
    ("Hardenbergviertel", "hardenbergviertel", "sued", 51.3140, 51.3220, 6.5600, 6.5760),
    ("Schinkenplatz", "schinkenplatz", "sued", 51.3100, 51.3180, 6.5480, 6.5600),
]

# (name, quarter slug, example address, lat, lon, opening hours)
DEMO_BASES = [
    (
        "Jugendzentrum SpieDie",
        "hardenbergviertel",
        "Hardenbergstraße 10 (Beispiel)",
        51.3180,
        6.5680,
        "Mo–Fr 8–16 Uhr",
    ),
    (
        "Samtweberei",
        "samtweberviertel",
        "Lewerentzstraße 104 (Beispiel)",
        51.3320,
        6.5470,
        "Mo–Fr 8–16 Uhr",
    ),
    (
        "Bürgerinitiative rund um St. Josef",
        "josefsviertel",
        "Josefstraße 5 (Beispiel)",
        51.3235,
        6.5540,
        "Mo–Do 9–15 Uhr",
    ),
    (
        "Diakonie am Stephansplatz",
        "stephansplatz",
        "Stephanstraße 2 (Beispiel)",
        51.3255,
        6.5660,
        "Mo–Fr 8–16 Uhr",
    ),
    (
        "Paritätischer Krefeld",
        "innenstadt",
        "Dionysiusstraße 20 (Beispiel)",
        51.3330,
        6.5620,
        "Mo–Fr 8–17 Uhr",
    ),
    (
        "Neukirchener Erziehungsverein",
        "bleichpfad",
        "Bleichpfad 30 (Beispiel)",
        51.3405,
        6.5690,
        "Mo–Fr 8–16 Uhr",
    ),
    ("Villa K", "stadtgarten", "Westwall 140 (Beispiel)", 51.3400, 6.5550, "Mo–Fr 9–17 Uhr"),
    ("Emmaus", "innenstadt", "Ostwall 50 (Beispiel)", 51.3300, 6.5680, "Di–Fr 10–16 Uhr"),
    (
        "Pfarrei St. Anna",
        "schinkenplatz",
        "Schinkenplatz 1 (Beispiel)",
        51.3140,
        6.5540,
        "Mo–Fr 9–12 Uhr",
    ),
]


def load() -> None:
    import_quarters(
        quarters=[
            QuarterData(name=n, slug=s, stadtbezirk=b, geometry=_box(so, no, we, ea))
            for n, s, b, so, no, we, ea in DEMO_QUARTERS
        ],
        demo=True,
    )
    for name, slug, address, lat, lon, hours in DEMO_BASES:
        Base.objects.update_or_create(
            name=name,
            defaults={
                "quarter": Quarter.objects.get(slug=slug),
                "address": address + ", Krefeld",
                "latitude": lat,
                "longitude": lon,
                "opening_hours": hours,
                "phone": "02151 000000 (Beispiel)",
                "is_example_data": True,
            },
        )
