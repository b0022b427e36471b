"""Krefeld's default report categories (real configuration, editable in the admin later)."""

from django.db import migrations

LAMP_POST = [
    {
        "code": "lamp_post_number",
        "label": "Mastnummer",
        "datatype": "string",
        "required": False,
        "description": "Nummer am Laternenmast (für NGN), falls lesbar",
    }
]

# (code, name, icon, authority hint, is_public, attributes, children)
DEFAULT_CATEGORIES = [
    ("abfall", "Abfall", "trash", "GSAK", True, [], [
        ("abfall-wilder-muell", "Wilder Müll", "trash", "GSAK", True, []),
        ("abfall-sperrmuell", "Sperrmüll", "sofa", "GSAK", True, []),
        ("abfall-papierkorb-voll", "Papierkorb voll", "bin", "GSAK", True, []),
        ("abfall-hundekot", "Hundekot", "dog", "GSAK", True, []),
        ("abfall-spritzen-gefahrstoffe", "Spritzen / Gefahrstoffe", "syringe",
         "GSAK, Streetwork", True, []),
    ]),
    ("strasse-gehweg", "Straße & Gehweg", "road", "KBK", True, [], [
        ("strasse-stolperfalle", "Stolperfalle", "trip", "KBK", True, []),
        ("strasse-schlagloch", "Schlagloch", "pothole", "KBK", True, []),
        ("strasse-gehweg-beschaedigt", "Gehweg beschädigt", "sidewalk", "KBK", True, []),
    ]),
    ("beleuchtung", "Beleuchtung", "lamp", "NGN (für SWK)", True, [], [
        ("beleuchtung-laterne-defekt", "Laterne defekt", "lamp", "NGN (für SWK)", True,
         LAMP_POST),
    ]),
    ("gruen-spielplatz", "Grün & Spielplatz", "tree", "KBK", True, [], []),
    ("verkehrszeichen", "Verkehrszeichen", "sign", "KBK", True, [], []),
    ("graffiti-vandalismus", "Graffiti & Vandalismus", "spray", "KBK", True, [], []),
    ("problemimmobilie", "Problemimmobilie", "house", "AG Problemimmobilien", True, [], []),
    ("ordnung-sicherheit", "Ordnung & Sicherheit", "shield", "KOD", True, [], []),
    ("menschen-in-not", "Menschen in Not", "heart", "Streetwork, Wohnungslosenhilfe", False,
     [], []),
    ("sonstiges", "Sonstiges", "dots", "", True, [], []),
]


def load(apps, schema_editor):
    ReportCategory = apps.get_model("reports", "ReportCategory")
    for order, (code, name, icon, hint, public, attributes, children) in enumerate(
        DEFAULT_CATEGORIES, start=1
    ):
        parent, _ = ReportCategory.objects.get_or_create(
            code=code,
            defaults=dict(name=name, icon=icon, default_authority_hint=hint, is_public=public,
                          attributes=attributes, order=order * 10),
        )
        for child_order, (c_code, c_name, c_icon, c_hint, c_public, c_attrs) in enumerate(
            children, start=1
        ):
            ReportCategory.objects.get_or_create(
                code=c_code,
                defaults=dict(parent=parent, name=c_name, icon=c_icon, default_authority_hint=c_hint,
                              is_public=c_public, attributes=c_attrs,
                              order=order * 10 + child_order),
            )


def unload(apps, schema_editor):
    ReportCategory = apps.get_model("reports", "ReportCategory")
    Report = apps.get_model("reports", "Report")
    codes = [c[0] for c in DEFAULT_CATEGORIES] + [
        child[0] for c in DEFAULT_CATEGORIES for child in c[6]
    ]
    used = set(Report.objects.values_list("category__code", flat=True))
    ReportCategory.objects.filter(code__in=codes, parent__isnull=False).exclude(code__in=used).delete()
    ReportCategory.objects.filter(code__in=codes, children__isnull=True).exclude(code__in=used).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_report_confirmation")]

    operations = [migrations.RunPython(load, unload)]
