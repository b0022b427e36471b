"""System checks that refuse a dangerous configuration at start-up."""

import datetime as dt

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=False)
def check_production_settings(app_configs, **kwargs):
    """An installation reachable under a real host name (not only on this machine) is
    production: it needs its own secret key, no demo mode and an https:// address."""
    errors = []
    if settings.DEBUG or settings.LOCAL:
        return errors
    if settings.SECRET_KEY in {settings.MISSING_SECRET_KEY, settings.DEV_SECRET_KEY}:
        errors.append(
            Error(
                "Ein Server braucht einen eigenen SECRET_KEY.",
                hint="Set SECRET_KEY in the environment (see .env.example).",
                id="quartier.E001",
            )
        )
    elif len(settings.SECRET_KEY) < 40:
        errors.append(
            Error(
                "SECRET_KEY ist zu kurz (mindestens 40 Zeichen).",
                hint="Generate one: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="quartier.E002",
            )
        )
    if settings.DEMO_MODE:
        errors.append(
            Error(
                "QUARTIER_DEMO_MODE darf auf einem Server nicht an sein.",
                hint="Demo mode lets staff skip two-factor login. Unset QUARTIER_DEMO_MODE.",
                id="quartier.E004",
            )
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            Warning(
                "SITE_URL sollte mit https:// beginnen (Links in E-Mails an Partner).",
                id="quartier.W001",
            )
        )
    return errors


@register(Tags.security, deploy=False)
def check_allowed_hosts(app_configs, **kwargs):
    if settings.ALLOWED_HOSTS:
        return []
    return [
        Error(
            "ALLOWED_HOSTS ist leer.",
            hint="Set ALLOWED_HOSTS, e.g. ALLOWED_HOSTS=quartiershelfer.krefeld.de",
            id="quartier.E003",
        )
    ]


@register(Tags.compatibility)
def check_email_settings(app_configs, **kwargs):
    if "@" not in settings.DEFAULT_FROM_EMAIL:
        return [
            Error(
                "DEFAULT_FROM_EMAIL ist keine E-Mail-Adresse.",
                hint="e.g. DEFAULT_FROM_EMAIL='Quartiershelfer <quartier@krefeld.de>'",
                id="quartier.E010",
            )
        ]
    return []


@register()
def check_retention_settings(app_configs, **kwargs):
    """Residents' data must be deleted at some point: retention periods are at least a month."""
    errors = []
    for name in ("RETENTION_RESIDENT_MONTHS", "RETENTION_REFERRAL_MONTHS"):
        value = getattr(settings, name, 0)
        if not isinstance(value, int) or value < 1:
            errors.append(
                Error(
                    f"{name} muss eine ganze Zahl ab 1 sein (Monate).",
                    hint=f"Set {name} in the environment, e.g. {name}=12 (see docs/privacy.md).",
                    id="residents.E001",
                )
            )
    return errors


A11Y_STATUSES = {"full", "partial", "none"}
A11Y_METHODS = {"self", "third_party"}


def _iso_date(value: str):
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@register()
def check_accessibility_statement(app_configs, **kwargs):
    """The accessibility statement (BITV NRW) is generated from A11Y_*: values must make sense."""
    statement = settings.A11Y_STATEMENT
    messages = []
    if statement["status"] not in A11Y_STATUSES:
        messages.append(
            Error(
                "A11Y_STATUS muss full, partial oder none sein.",
                hint="Compliance with WCAG 2.1 AA; see .env.example.",
                id="accessibility.E001",
            )
        )
    if statement["method"] not in A11Y_METHODS:
        messages.append(
            Error("A11Y_METHOD muss self oder third_party sein.", id="accessibility.E002")
        )
    dates = {}
    for key in ("prepared_on", "reviewed_on"):
        value = statement[key]
        dates[key] = _iso_date(value) if value else None
        if value and dates[key] is None:
            messages.append(
                Error(
                    f"A11Y_{key.upper()} ist kein Datum.",
                    hint="Use ISO dates, e.g. 2026-11-30.",
                    id="accessibility.E003",
                )
            )
    if (
        dates["prepared_on"]
        and dates["reviewed_on"]
        and dates["reviewed_on"] < dates["prepared_on"]
    ):
        messages.append(
            Error(
                "A11Y_REVIEWED_ON liegt vor A11Y_PREPARED_ON.",
                id="accessibility.E004",
            )
        )
    return messages


@register(deploy=True)
def check_accessibility_statement_complete(app_configs, **kwargs):
    """`manage.py check --deploy`: every mandatory part of the statement is filled in."""
    statement = settings.A11Y_STATEMENT
    missing = []
    if not (statement["prepared_on"] and statement["reviewed_on"]):
        missing.append("A11Y_PREPARED_ON/A11Y_REVIEWED_ON")
    if "@" not in statement["contact_email"] or not statement["contact_address"].strip():
        missing.append("ACCESSIBILITY_FEEDBACK_EMAIL/A11Y_CONTACT_ADDRESS")
    enforcement = ("enforcement_address", "enforcement_email", "enforcement_url")
    if not statement["enforcement_name"] or not any(statement[k] for k in enforcement):
        missing.append("A11Y_ENFORCEMENT_*")
    if not missing:
        return []
    return [
        Warning(
            "Der Erklärung zur Barrierefreiheit fehlen Pflichtangaben: " + ", ".join(missing),
            hint="BITV NRW requires dates, e-mail and postal contact and the enforcement body.",
            id="accessibility.W001",
        )
    ]
