"""The printable large-print handout: context, QR code and PDF (WeasyPrint).

The same template `directory/_handout.html` is used for the HTML page (printed from the
browser) and for the PDF; `static/css/handout.css` holds the A4 print rules for both.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import qrcode
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from quartier.core.pdf import write_pdf
from quartier.directory.handout_labels import (
    GERMAN,
    bilingual_labels,
    language_for,
    native_language_name,
)


def entry_url(entry, language_code: str = GERMAN) -> str:
    """The public page of the entry (no login): what a resident reaches through the QR code."""
    path = reverse("directory:public", args=[entry.external_id])
    query = f"?sprache={language_code}" if language_code != GERMAN else ""
    return settings.SITE_URL.rstrip("/") + path + query


def qr_data_uri(url: str) -> str:
    """A PNG QR code as a data: URI (works in browsers and in WeasyPrint, no file needed)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def public_context(entry, language_code: str | None) -> dict:
    """What the public page of an entry shows: no internal notes, German plus a translation."""
    language = language_for(language_code)
    return {
        "entry": entry,
        "language": language,
        "labels": bilingual_labels(language.code),
        "translated": _content(entry, language.code),
        "service_languages": [native_language_name(code) for code in entry.language_codes],
    }


def _content(entry, code: str) -> dict:
    """Name and description in the handout language if translated, else German."""
    translations = (entry.translations or {}).get(code, {}) if code != GERMAN else {}
    return {
        "name": translations.get("name", ""),
        "description": translations.get("description", ""),
        "is_translated": bool(translations.get("name") or translations.get("description")),
    }


def handout_context(entry, user, language_code: str | None) -> dict:
    language = language_for(language_code)
    url = entry_url(entry, language.code)
    base = getattr(user, "base", None)
    return {
        "entry": entry,
        "language": language,
        "bilingual": language.code != GERMAN,
        "labels": bilingual_labels(language.code),
        "translated": _content(entry, language.code),
        "service_languages": [native_language_name(code) for code in entry.language_codes],
        "entry_url": url,
        "qr": qr_data_uri(url),
        "helper_name": user.first_name or user.get_full_name(),
        "helper_phone": user.phone,
        "helper_base": base,
    }


def _stylesheet() -> str:
    path = finders.find("css/handout.css")
    return str(Path(path))


def render_pdf(context: dict) -> bytes:
    """The handout as an A4 PDF, tagged PDF/UA-1 with the other language marked."""
    from weasyprint import CSS  # imported late: WeasyPrint is slow to load

    html = render_to_string("directory/handout_pdf.html", context)
    return write_pdf(html, base_url=settings.SITE_URL, stylesheets=[CSS(filename=_stylesheet())])
