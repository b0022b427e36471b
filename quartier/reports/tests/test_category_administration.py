"""Categories administered in the platform: two levels, icon, extra fields typed as lines,
Open311 visibility, English name; audited; admins only."""

import pytest
from django.urls import reverse
from django.utils import translation

from quartier.core.models import AuditEntry
from quartier.reports.models import ReportCategory
from testkit.factories import categories


def form_data(**extra):
    return {
        "name": "Sperrige Gegenstände",
        "name_en": "Bulky items",
        "code": "sperrige-gegenstaende",
        "icon": "sofa",
        "order": "5",
        "is_active": "on",
        "is_public": "on",
        "attributes_text": "hausnummer | Hausnummer | Pflicht\nhinweis | Hinweis",
        **extra,
    }


def test_admin_creates_a_subcategory_with_extra_fields(client_for, admin_user, quarters):
    waste = categories()["abfall"]
    response = client_for(admin_user).post(
        reverse("report_admin:category_new"), form_data(parent=waste.pk)
    )
    assert response.status_code == 302
    category = ReportCategory.objects.get(code="sperrige-gegenstaende")
    assert category.parent == waste
    assert category.attributes == [
        {"code": "hausnummer", "label": "Hausnummer", "datatype": "string", "required": True},
        {"code": "hinweis", "label": "Hinweis", "datatype": "string", "required": False},
    ]
    assert AuditEntry.objects.filter(action="category.create", actor=admin_user).exists()
    with translation.override("en"):
        assert str(category) == "Waste → Bulky items"


def test_three_levels_and_bad_lines_are_refused(client_for, admin_user, quarters):
    child = categories()["abfall-wilder-muell"]
    client = client_for(admin_user)
    response = client.post(reverse("report_admin:category_new"), form_data(parent=child.pk))
    assert response.status_code == 200
    assert not ReportCategory.objects.filter(code="sperrige-gegenstaende").exists()
    response = client.post(
        reverse("report_admin:category_new"), form_data(attributes_text="nur ein Wort")
    )
    assert "Zeile 1" in response.content.decode()


def test_list_shows_both_levels(client_for, admin_user, quarters):
    categories()
    page = client_for(admin_user).get(reverse("report_admin:category_list")).content.decode()
    assert "Wilder Müll" in page and "abfall-wilder-muell" in page


@pytest.mark.parametrize("persona", ["helper", "coordinator", "privacy_officer"])
def test_only_admins_edit_categories(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse("report_admin:category_list")
    )
    assert response.status_code == 403
