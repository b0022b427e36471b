"""Every PDF is tagged PDF/UA-1, with title, language and marked foreign-language parts."""

from quartier.core.pdf import write_pdf
from quartier.core.tests.tagged_pdf import assert_accessible_pdf

PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Merkblatt</title></head>
<body><h1>Pflegeberatung</h1><p>Beratung für Angehörige.</p>
<p lang="ar" dir="rtl">استشارات الرعاية</p><h2>Kontakt</h2><ul><li>Telefon</li></ul>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Lageplan"></body></html>"""


def test_a_pdf_is_tagged_in_reading_order_with_title_and_language():
    pdf = assert_accessible_pdf(write_pdf(PAGE), lang="de", title="Merkblatt")
    roles = [r for r in pdf.roles() if r in {"H1", "P", "H2", "L", "Figure"}]
    assert roles == ["H1", "P", "P", "H2", "L", "Figure"]
    figure = next(n for n in pdf.root.walk() if n.role == "Figure")
    assert figure.alt == "Lageplan"


def test_foreign_language_parts_are_marked_with_their_language():
    pdf = assert_accessible_pdf(write_pdf(PAGE), lang="de", title="Merkblatt")
    paragraphs = [n for n in pdf.root.walk() if n.role == "P"]
    assert [p.lang for p in paragraphs] == ["de", "ar"]
