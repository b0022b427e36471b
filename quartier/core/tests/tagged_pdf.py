"""Reading the accessibility structure of a PDF back with pypdf (for tests of every PDF)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


@dataclass
class Node:
    role: str
    lang: str | None
    alt: str | None
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class TaggedPdf:
    lang: str | None
    title: str | None
    marked: bool
    display_title: bool
    pdfua_part: str | None
    root: Node | None

    def roles(self) -> list[str]:
        return [n.role for n in self.root.walk()] if self.root else []

    def languages(self) -> set[str]:
        return {n.lang for n in self.root.walk() if n.lang} if self.root else set()


def _resolve(obj):
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def _node(obj, depth=0) -> Node | None:
    obj = _resolve(obj)
    if not isinstance(obj, DictionaryObject) or "/S" not in obj or depth > 200:
        return None
    lang = obj.get("/Lang")
    alt = obj.get("/Alt")
    node = Node(str(obj["/S"]).lstrip("/"), str(lang) if lang else None, str(alt) if alt else None)
    kids = _resolve(obj.get("/K"))
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        child = _node(kid, depth + 1)
        if child:
            node.children.append(child)
    return node


def read_tagged_pdf(content: bytes) -> TaggedPdf:
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    tree = _resolve(catalog.get("/StructTreeRoot"))
    root = None
    if tree is not None:
        kids = _resolve(tree.get("/K"))
        root = _node(kids[0] if isinstance(kids, ArrayObject) else kids)
    mark_info = _resolve(catalog.get("/MarkInfo")) or {}
    prefs = _resolve(catalog.get("/ViewerPreferences")) or {}
    xmp = reader.xmp_metadata
    part = None
    if xmp is not None:
        raw = xmp.stream.get_data().decode("utf-8", "replace")
        marker = 'pdfuaid:part="'
        if marker in raw:
            part = raw.split(marker, 1)[1].split('"', 1)[0]
    lang = catalog.get("/Lang")
    return TaggedPdf(
        lang=str(lang) if lang else None,
        title=reader.metadata.title if reader.metadata else None,
        marked=bool(mark_info.get("/Marked")),
        display_title=bool(prefs.get("/DisplayDocTitle")),
        pdfua_part=part,
        root=root,
    )


def assert_accessible_pdf(content: bytes, *, lang: str, title: str) -> TaggedPdf:
    """Tagged, marked, PDF/UA-1, with document language and title shown by the viewer."""
    pdf = read_tagged_pdf(content)
    assert pdf.root is not None, "no structure tree (StructTreeRoot)"
    assert pdf.root.role == "Document"
    assert pdf.marked, "MarkInfo /Marked is missing"
    assert pdf.display_title, "viewer does not show the document title"
    assert pdf.pdfua_part == "1", "no PDF/UA-1 identification in the XMP metadata"
    assert pdf.lang == lang
    assert pdf.title and title in pdf.title
    return pdf
