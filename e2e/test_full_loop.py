"""One report through the whole platform, in real browsers: the helper reports on her phone,
the rule forwards it, the partner answers from the e-mail's link on his phone, and the helper's
start page, the report's history and the Open311 API all show the outcome."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from quartier.reports.models import Report, ReportCategory, ReportStatus
from quartier.routing import demo
from testkit.factories import load_default_categories
from testkit.images import HARDENBERG, jpeg_with_gps

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^/\s]+(/weiterleitung/antwort/\d+/[^/\s]+/)")
GPS = {"latitude": HARDENBERG[0], "longitude": HARDENBERG[1], "accuracy": 8}


@pytest.mark.slow(seconds=8)
def test_report_forward_answer_and_follow_up(browsing, helper, coordinator):
    load_default_categories()
    demo.load()
    dumping = ReportCategory.objects.get(code="abfall-wilder-muell")

    # 1. The helper reports illegal dumping with a photo.
    phone = browsing("phone", geolocation=GPS, permissions=["geolocation"])
    phone.login(helper)
    page = phone.new_page()
    page.goto("/meldungen/neu/")
    expect(page.locator("#gps-status")).to_contain_text("Standort gefunden")
    page.set_input_files(
        "#photo-gallery",
        files=[{"name": "sofa.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    expect(page.locator("#photo-previews img")).to_have_count(1)
    page.locator(f"label[for='category-{dumping.parent_id}']").click()
    page.locator(f"label[for='category-{dumping.pk}']").click()
    page.get_by_label("Notiz (freiwillig)").fill("Sofa und drei Säcke an der Ecke")
    page.get_by_role("button", name="Senden").click()
    expect(page.locator("#capture-result")).to_contain_text("ist angekommen")

    # 2. The rule forwarded it to GSAK at once: one e-mail, photos only behind the link.
    report = Report.objects.get()
    assert report.status == ReportStatus.FORWARDED
    [message] = mail.outbox
    assert message.to == ["meldungen@gsak.example.org"]
    assert message.attachments == []
    path = LINK.search(message.body).group(1)

    # 3. The partner opens the link on his phone and says it is done.
    partner = browsing("phone")
    partner_page = partner.new_page()
    partner_page.goto(path)
    expect(partner_page.get_by_text("Sofa und drei Säcke an der Ecke")).to_be_visible()
    partner.check(partner_page)
    partner_page.get_by_role("radio", name="Erledigt", exact=True).check()
    partner_page.get_by_label("Kommentar (optional)").fill("Abgeholt am Vormittag.")
    partner_page.get_by_role("button", name="Senden").click()
    expect(partner_page.get_by_text("Diese Weiterleitung ist abgeschlossen")).to_be_visible()
    partner.check(partner_page)

    # 4. The helper sees it on her start page and in "Meine Meldungen".
    page.goto("/")
    expect(page.get_by_text(re.compile(rf"zu Meldung {report.pk} .*Erledigt"))).to_be_visible()
    phone.check(page)
    page.goto("/meldungen/meine/")
    expect(page.get_by_text(f"#{report.pk} Wilder Müll")).to_be_visible()

    # 5. The coordinator's report page shows the partner's answer in the history.
    office = browsing("desktop")
    office.login(coordinator)
    office_page = office.new_page()
    office_page.goto(f"/meldungen/{report.pk}/")
    expect(office_page.get_by_text("Abgeholt am Vormittag.").first).to_be_visible()
    office.check(office_page)

    # 6. Other city systems see the same outcome through Open311.
    answer = page.request.get(f"/open311/v2/requests/{report.pk}.json")
    [request] = answer.json()
    assert request["status"] == "closed"
    assert request["service_code"] == "abfall-wilder-muell"
