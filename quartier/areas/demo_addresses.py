"""DEMO ADDRESS POINTS for the demo quarters: invented positions, NOT the official register.

A few streets per demo quarter with numbered houses laid out along a line, so the geocoder,
the autocomplete and "nearest address" can be tried without the city's data. The numbers at
the demo bases match their example addresses. Production loads the official register with
`manage.py import_addresses` (docs/geocoder.md).
"""

from __future__ import annotations

import math

from quartier.areas.actions import import_address_points
from quartier.areas.address_files import AddressRow

SOURCE = "Demo-Adressen (erfundene Lage, kein amtlicher Bestand)"
HOUSE_SPACING_M = 18
SIDE_OFFSET_M = 9

# (street, postcode, locality, anchor lat, anchor lon, anchor number, bearing in degrees,
#  highest number): house `anchor number` lies at the anchor; numbers run along the bearing,
# odd numbers on one side, even on the other.
DEMO_STREETS = [
    ("Hardenbergstraße", "47799", "Hardenbergviertel", 51.3180, 6.5680, 10, 90, 40),
    ("Kölner Straße", "47799", "Hardenbergviertel", 51.3160, 6.5640, 20, 0, 60),
    ("Gladbacher Straße", "47805", "Hardenbergviertel", 51.3200, 6.5720, 2, 120, 30),
    ("Lewerentzstraße", "47798", "Samtweberviertel", 51.3320, 6.5470, 104, 0, 120),
    ("Corneliusstraße", "47798", "Samtweberviertel", 51.3300, 6.5440, 1, 90, 40),
    ("Josefstraße", "47799", "Josefsviertel", 51.3235, 6.5540, 5, 90, 50),
    ("Garnstraße", "47798", "Josefsviertel", 51.3210, 6.5520, 1, 0, 30),
    ("Stephanstraße", "47799", "Stephansplatz", 51.3255, 6.5660, 2, 90, 40),
    ("Dionysiusstraße", "47798", "Innenstadt", 51.3330, 6.5620, 20, 0, 50),
    ("Ostwall", "47798", "Innenstadt", 51.3300, 6.5680, 50, 0, 160),
    ("Rheinstraße", "47799", "Innenstadt", 51.3320, 6.5590, 1, 90, 80),
    ("Bleichpfad", "47799", "Bleichpfad", 51.3405, 6.5690, 30, 90, 60),
    ("Westwall", "47798", "Stadtgarten", 51.3400, 6.5550, 140, 0, 170),
    ("Schinkenplatz", "47799", "Schinkenplatz", 51.3140, 6.5540, 1, 90, 20),
    ("Sankt-Anton-Straße", "47798", "Innenstadt", 51.3350, 6.5660, 1, 90, 60),
]


def _offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    return (
        lat + north_m / 111_320,
        lon + east_m / (111_320 * math.cos(math.radians(lat))),
    )


def street_points(spec) -> list[AddressRow]:
    street, postcode, locality, lat, lon, anchor, bearing, highest = spec
    along = (math.cos(math.radians(bearing)), math.sin(math.radians(bearing)))  # north, east
    across = (-along[1], along[0])
    rows = []
    for number in range(1, highest + 1):
        steps = (number - anchor) / 2 * HOUSE_SPACING_M
        side = SIDE_OFFSET_M if number % 2 else -SIDE_OFFSET_M
        north = along[0] * steps + across[0] * side
        east = along[1] * steps + across[1] * side
        point = _offset(lat, lon, north, east)
        rows.append(AddressRow(street, str(number), postcode, locality, *point))
    return rows


def demo_rows() -> list[AddressRow]:
    return [row for spec in DEMO_STREETS for row in street_points(spec)]


def load() -> list[str]:
    batch = import_address_points(actor=None, rows=demo_rows(), source=SOURCE, is_demo=True)
    return [f"{batch.points} Demo-Adresspunkte (erfundene Lage, kein amtlicher Bestand)."]
