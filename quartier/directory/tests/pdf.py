"""Reading a PDF back as text in tests (Debian's pdftotext from poppler-utils)."""

import shutil
import subprocess
import unicodedata


def pdf_text(content: bytes, tmp_path) -> str:
    """Text of a PDF, NFKC-normalised for Arabic, on one line."""
    assert shutil.which("pdftotext"), "pdftotext missing: apt-get install -y poppler-utils"
    path = tmp_path / "handout.pdf"
    path.write_bytes(content)
    result = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    )
    text = unicodedata.normalize("NFKC", result.stdout.decode("utf-8"))
    # Without the bidi embedding marks pdftotext puts around right-to-left runs.
    return " ".join(text.replace("\u202b", "").replace("\u202c", "").split())
