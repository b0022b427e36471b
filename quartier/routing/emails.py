"""German e-mails to partners (plain text and HTML), rendered from templates."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from quartier.routing import links
from quartier.routing.models import Authority, Forwarding


def map_link(report) -> str:
    return (
        f"https://www.openstreetmap.org/?mlat={report.latitude:.6f}&mlon={report.longitude:.6f}"
        f"#map=18/{report.latitude:.6f}/{report.longitude:.6f}"
    )


def may_show_photos(forwarding: Forwarding) -> bool:
    """Photos only for public categories and partners that get them (never people in need)."""
    return forwarding.authority.send_photo_links and forwarding.report.category.is_public


def photo_links(forwarding: Forwarding) -> list[str]:
    if not may_show_photos(forwarding):
        return []
    token = links.make_token(forwarding)
    base = settings.SITE_URL.rstrip("/")
    return [
        base + reverse("routing:partner_photo", args=[forwarding.pk, token, photo.pk])
        for photo in forwarding.report.photos.all()
    ]


def _render(name: str, context: dict) -> tuple[str, str, str]:
    with translation.override("de"):
        subject = render_to_string(f"routing/email/{name}_subject.txt", context).strip()
        text = render_to_string(f"routing/email/{name}.txt", context)
        html = render_to_string(f"routing/email/{name}.html", context)
    return " ".join(subject.split()), text, html


def _forwarding_context(forwarding: Forwarding) -> dict:
    report = forwarding.report
    return {
        "forwarding": forwarding,
        "report": report,
        "authority": forwarding.authority,
        "link": links.partner_url(forwarding),
        "map_link": map_link(report),
        "photo_links": photo_links(forwarding),
        "attributes": _attribute_lines(report),
    }


def _attribute_lines(report) -> list[tuple[str, str]]:
    labels = {a.get("code"): a.get("label", a.get("code")) for a in report.category.attributes}
    return [(labels.get(code, code), value) for code, value in report.attributes.items() if value]


def forwarding_email(forwarding: Forwarding) -> tuple[str, str, str]:
    return _render("forwarding", _forwarding_context(forwarding))


def reminder_email(forwarding: Forwarding, which: str) -> tuple[str, str, str]:
    context = _forwarding_context(forwarding) | {"which": which}
    return _render("reminder", context)


def reopened_email(forwarding: Forwarding, note: str) -> tuple[str, str, str]:
    context = _forwarding_context(forwarding) | {"note": note}
    return _render("reopened", context)


def summary_email(authority: Authority, forwardings, today) -> tuple[str, str, str]:
    items = [
        {"forwarding": f, "link": links.partner_url(f), "overdue": f.due_date < today}
        for f in forwardings
    ]
    return _render("summary", {"authority": authority, "items": items, "today": today})
