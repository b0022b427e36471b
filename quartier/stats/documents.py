"""The Sachbericht as a tagged PDF (PDF/UA-1) from the same template as the page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"  # tagged PDF for screen readers


def sachbericht_pdf(context: dict) -> bytes:
    from weasyprint import CSS, HTML  # imported late: WeasyPrint is slow to load

    html = render_to_string("stats/sachbericht.html", context)
    sheets = [CSS(filename=str(Path(finders.find(name)))) for name in
              ("css/stats.css", "css/stats-print.css")]  # fmt: skip
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(
        stylesheets=sheets, pdf_variant=PDF_VARIANT
    )
