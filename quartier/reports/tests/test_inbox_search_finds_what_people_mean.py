"""Inbox search: word forms, synonyms and the category's name; every word must match."""

from django.urls import reverse

from quartier.reports.models import Report
from testkit.factories import SAMTWEBER, categories, make_report


def test_word_forms_synonyms_and_category_names(db, helper, quarters):
    cats = categories()
    mattress = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    lamp = make_report(
        helper, cats["muelleimer-voll"], where=SAMTWEBER, description="Korb quillt über"
    )
    reports = Report.objects.all()
    assert list(reports.search("Matratzen")) == [mattress]  # plural
    assert mattress in reports.search("Sperrmüll")  # a synonym ("Matratze" is bulky waste)
    assert set(reports.search("Abfall")) == {mattress, lamp}  # the parent category
    assert list(reports.search("Wilder Müll Zaun")) == [mattress]  # every word
    assert list(reports.search("Zaun Korb")) == []
    assert list(reports.search(f"#{lamp.pk}")) == [lamp]


def test_inbox_page_uses_it(client_for, coordinator, helper, quarters):
    cats = categories()
    mattress = make_report(helper, cats["abfall-wilder-muell"], description="Matratze am Zaun")
    page = (
        client_for(coordinator)
        .get(reverse("reports:inbox"), {"suche": "Matratzen", "status": "open"})
        .content.decode()
    )
    assert f"#{mattress.pk}" in page
