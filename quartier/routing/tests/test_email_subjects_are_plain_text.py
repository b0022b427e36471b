"""Subjects are plain text: an ampersand stays an ampersand (no HTML escaping)."""

from quartier.routing import emails
from quartier.routing.models import Forwarding


def test_forwarding_subject_keeps_an_ampersand(make_report):
    report = make_report("abfall-wilder-muell", address="Ecke Süd & Nord")
    forwarding = Forwarding.objects.get(report=report)
    subject, _text, _html = emails.forwarding_email(forwarding)
    assert "Ecke Süd & Nord" in subject and "&amp;" not in subject
