"""Small helpers for routing tests (no fixtures)."""

import re

LINK_PATTERN = re.compile(r"https?://[^/\s]+(/weiterleitung/antwort/\d+/[^/\s]+/)")


def partner_path_from(message) -> str:
    """The partner link in an e-mail, as a path for the test client or the browser."""
    return LINK_PATTERN.search(message.body).group(1)
