"""The Krefeld default categories come with the database (data migration)."""

from quartier.reports.models import ReportCategory


def test_two_levels_with_the_krefeld_defaults(db):
    waste = ReportCategory.objects.get(code="abfall")
    assert set(waste.children.values_list("name", flat=True)) == {
        "Wilder Müll",
        "Sperrmüll",
        "Papierkorb voll",
        "Hundekot",
        "Spritzen / Gefahrstoffe",
    }
    top = set(ReportCategory.objects.filter(parent=None).values_list("name", flat=True))
    assert {"Straße & Gehweg", "Beleuchtung", "Grün & Spielplatz", "Sonstiges"} <= top
    assert all(c.icon for c in ReportCategory.objects.all())


def test_people_in_need_is_never_public(db):
    assert ReportCategory.objects.get(code="menschen-in-not").is_public is False


def test_broken_street_light_asks_for_the_lamp_post_number(db):
    lamp = ReportCategory.objects.get(code="beleuchtung-laterne-defekt")
    assert lamp.attributes[0]["code"] == "lamp_post_number"
    assert lamp.default_authority_hint.startswith("NGN")
