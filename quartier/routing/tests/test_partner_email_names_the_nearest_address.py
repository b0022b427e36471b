"""A report with GPS but no typed address reaches the partner with the nearest address."""

from quartier.areas.demo_addresses import demo_rows
from quartier.areas.demo_addresses import load as load_demo_addresses
from quartier.routing.actions import forward_report
from quartier.routing.emails import forwarding_email
from quartier.routing.models import Authority


def test_the_partner_email_and_page_name_the_nearest_address(make_report, client):
    load_demo_addresses()
    [row] = [r for r in demo_rows() if r.street == "Ostwall" and r.house_number == "50"]
    report = make_report(point=(row.latitude, row.longitude - 0.0006), address="")
    assert report.address == ""
    authority = Authority.objects.create(name="GSAK", short_name="GSAK", emails="g@example.org")
    forwarding = forward_report(report=report, authority=authority, actor=None)
    subject, text, html = forwarding_email(forwarding)
    # about 42 m west of the house, away from the street
    assert ", bei Ostwall 50 (ca. 40 m)" in subject
    assert "Ort: bei Ostwall 50 (ca. 40 m)" in text
    assert "bei Ostwall 50 (ca. 40 m)" in html
