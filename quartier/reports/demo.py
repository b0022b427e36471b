"""A dozen demo reports, so that inbox, map and "Meine Meldungen" show something at once.

Submitted through `submit_report` like real ones: the routing rules forward them and the
e-mails to the partners land in var/mail/ once the task worker runs. Fixed client ids make
loading twice harmless.
"""

import uuid

from quartier.accounts.models import User
from quartier.reports.actions import submit_report
from quartier.reports.models import ReportCategory, ReportSource

DEMO_NAMESPACE = uuid.UUID("6c1f7f5e-3a51-4d5e-9a43-1c0de0d1e0a1")

# (reporter, category code, latitude, longitude, address, description, extra)
DEMO_REPORTS = [
    (
        "helferin",
        "abfall-wilder-muell",
        51.3181,
        6.5676,
        "Hardenbergstraße 12 (Beispiel)",
        "Matratze und zwei Säcke neben dem Glascontainer",
        {},
    ),
    (
        "helferin",
        "strasse-stolperfalle",
        51.3172,
        6.5702,
        "Hardenbergstraße 30 (Beispiel)",
        "Gehwegplatte steht 3 cm hoch, ältere Dame ist fast gestürzt",
        {},
    ),
    (
        "helferin",
        "beleuchtung-laterne-defekt",
        51.3195,
        6.5655,
        "Ecke Hardenbergstraße (Beispiel)",
        "Laterne seit drei Tagen dunkel",
        {"attributes": {"lamp_post_number": "KR-10417"}},
    ),
    (
        "helferin",
        "abfall-papierkorb-voll",
        51.3165,
        6.5640,
        "Spielplatz (Beispiel)",
        "",
        {"resolved_by_helper": True, "bags_count": 2},
    ),
    (
        "helfer2",
        "abfall-sperrmuell",
        51.3322,
        6.5468,
        "Lewerentzstraße 90 (Beispiel)",
        "Sofa vor der Haustür, seit Montag",
        {},
    ),
    (
        "helfer2",
        "graffiti-vandalismus",
        51.3301,
        6.5440,
        "Unterführung (Beispiel)",
        "Neue Schmierereien an der Wand",
        {},
    ),
    (
        "helfer2",
        "gruen-spielplatz",
        51.3340,
        6.5510,
        "Spielplatz Samtweberviertel (Beispiel)",
        "Schaukel hängt schief, Kette beschädigt",
        {},
    ),
    (
        "s.becker",
        "abfall-hundekot",
        51.3335,
        6.5630,
        "Dionysiusplatz (Beispiel)",
        "Viel Hundekot am Eingang zum Platz",
        {},
    ),
    (
        "s.becker",
        "ordnung-sicherheit",
        51.3312,
        6.5655,
        "Ostwall (Beispiel)",
        "Nachts oft Lärm, Anwohnende fühlen sich unsicher",
        {},
    ),
    (
        "a.yilmaz",
        "problemimmobilie",
        51.3240,
        6.5530,
        "Josefstraße 40 (Beispiel)",
        "Leerstehendes Haus, Fenster offen, Müll im Hof",
        {},
    ),
    (
        "m.nowak",
        "abfall-spritzen-gefahrstoffe",
        51.3258,
        6.5668,
        "Stephanstraße (Beispiel)",
        "Zwei Spritzen im Gebüsch neben der Bank",
        {},
    ),
    (
        "l.hoffmann",
        "strasse-schlagloch",
        51.3410,
        6.5700,
        "Bleichpfad 20 (Beispiel)",
        "Tiefes Schlagloch auf dem Radweg",
        {"source": ReportSource.ON_BEHALF},
    ),
]


def load() -> None:
    for number, (username, code, lat, lon, address, text, extra) in enumerate(DEMO_REPORTS):
        submit_report(
            reporter=User.objects.get(username=username),
            category=ReportCategory.objects.get(code=code),
            latitude=lat,
            longitude=lon,
            accuracy_m=10,
            address=address,
            description=text,
            client_id=uuid.uuid5(DEMO_NAMESPACE, str(number)),
            **extra,
        )
