"""Errors the routing writes raise; the message is shown to the user (German).

Every write: keyword-only arguments, one transaction, an audit entry.
"""

from __future__ import annotations


class RoutingError(ValueError):
    """A routing write that cannot be done; the message is German and shown to the user."""


class AnswerAlreadyRecorded(RoutingError):
    """The partner already gave this answer (a double click, a reloaded form)."""
