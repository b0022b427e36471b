"""Accessible PDFs: every PDF the platform hands out is tagged PDF/UA-1 (BITV 2.0, EN 301 549 10.x).

`write_pdf(html, base_url=…)` renders HTML with WeasyPrint as PDF/UA-1: a structure tree
(StructTreeRoot) in reading order (the order of the HTML), MarkInfo /Marked, the document
title shown by viewers, the document language (/Lang from `<html lang>`) and PDF/UA
identification in the XMP metadata.

WeasyPrint 70 does not copy `lang` attributes inside the document onto the structure elements;
screen readers then read an Arabic paragraph with German rules. `_lang_marking()` adds /Lang to
every structure element whose HTML element carries a `lang` attribute (docs/adr/0014). The
tests in `core/tests/test_pdf.py` read the result back with pypdf, so an upgrade that changes
WeasyPrint's internals fails there, not in front of a resident. For an audit, check the files
with veraPDF (PDF/UA-1 profile) and PAC.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager

PDF_VARIANT = "pdf/ua-1"
_patch_lock = threading.Lock()


def write_pdf(html: str, *, base_url: str | None = None, stylesheets: Iterable = ()) -> bytes:
    """Render `html` (a complete document with `<html lang>` and `<title>`) as tagged PDF/UA-1."""
    from weasyprint import HTML  # imported late: WeasyPrint is slow to load

    document = HTML(string=html, base_url=base_url)
    with _lang_marking():
        return document.write_pdf(stylesheets=list(stylesheets), pdf_variant=PDF_VARIANT)


@contextmanager
def _lang_marking():
    """While rendering, structure elements of HTML elements with `lang` get a /Lang entry."""
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build_with_lang(box, parent, *args, **kwargs):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None else None
        for struct in original(box, parent, *args, **kwargs):
            if lang and "Lang" not in struct:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    with _patch_lock:
        tags._build_box_tree = build_with_lang
        try:
            yield
        finally:
            tags._build_box_tree = original
