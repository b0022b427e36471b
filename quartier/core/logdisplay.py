"""Audit entries as German sentences ("Koordination (koordination) öffnete Person #12 (Einsicht)").

Apps contribute their vocabulary in `AppConfig.ready()`:

    registry.add("audit_texts", {"resident.view": _("öffnete %(object)s (Einsicht)")})
    registry.add("audit_objects", {"residents.resident": _("Person")})

A text names the object with `%(object)s`. Actions ending in `.denied` or `.restricted` reuse the
text of the action without the suffix and say that access was refused. An action nobody
described is shown as its code, so nothing is ever hidden from the privacy officer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.core import registry

CORE_TEXTS = {
    "account.login": gettext_lazy("meldete sich an"),
    "account.logout": gettext_lazy("meldete sich ab"),
    "account.login_failed": gettext_lazy("scheiterte bei der Anmeldung"),
    "audit_log.view": gettext_lazy("sah das Protokoll ein"),
    "audit_log.export": gettext_lazy("exportierte das Protokoll als CSV"),
    "accessibility_feedback.submit": gettext_lazy("schickte eine Rückmeldung zur Barrierefreiheit"),
}
SUFFIXES = {
    ".denied": gettext_lazy("– abgelehnt, kein Zugriff"),
    ".restricted": gettext_lazy("– abgelehnt, Verarbeitung eingeschränkt"),
}


@dataclass(frozen=True)
class Sentence:
    who: str
    what: str

    def __str__(self) -> str:
        return f"{self.who} {self.what}"


def texts() -> dict:
    merged = dict(CORE_TEXTS)
    for contribution in registry.contributions("audit_texts"):
        merged.update(contribution)
    return merged


def object_labels() -> dict:
    merged = {}
    for contribution in registry.contributions("audit_objects"):
        merged.update(contribution)
    return merged


def object_label(entry, labels: dict | None = None) -> str:
    labels = object_labels() if labels is None else labels
    if not entry.object_type:
        return ""
    noun = str(labels.get(entry.object_type, entry.object_type))
    return f"{noun} #{entry.object_id}" if entry.object_id else noun


def who(entry) -> str:
    actor = entry.actor
    if actor is not None:
        return f"{actor.get_role_display()} ({actor.get_username()})"
    return entry.actor_label or _("System")


def describe(entry, vocabulary: dict | None = None, labels: dict | None = None) -> Sentence:
    """The entry as a German sentence; pass `vocabulary`/`labels` when describing many."""
    vocabulary = texts() if vocabulary is None else vocabulary
    action, suffix = entry.action, ""
    for ending, note in SUFFIXES.items():
        if action.endswith(ending) and action not in vocabulary:
            action, suffix = action[: -len(ending)], f" {note}"
    thing = object_label(entry, labels)
    text = vocabulary.get(action)
    if text is None and "." in action:  # "resident.export_json.art15": the basis is a detail
        text = vocabulary.get(action.rsplit(".", 1)[0])
    detail = f": {entry.detail}" if getattr(entry, "detail", "") else ""
    if text is None:
        what = f"{entry.action}" + (f" ({thing})" if thing else "")
        return Sentence(who(entry), what + detail)
    what = str(text) % {"object": thing or _("–")}
    return Sentence(who(entry), what + suffix + detail)


def action_choices() -> list[tuple[str, str]]:
    """Known actions for the filter, in German, sorted by their text."""
    return sorted(((code, str(text)) for code, text in texts().items()), key=lambda c: c[1])


def object_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(text)) for code, text in object_labels().items()), key=lambda c: c[1])
