"""Errors residents' writes and rules raise; the message is shown to the user (German)."""

from __future__ import annotations


class ResidentDataError(ValueError):
    """Input that cannot be stored; the message is shown to the user (German)."""


# Words that make a short note a health note (DSGVO Art. 9): blocked without written consent.
