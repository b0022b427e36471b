"""One user per role: the personas of the root conftest, and their authenticator codes."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from quartier.accounts.models import User

PASSWORD = "quartier-test"


def make_user(username, role, quarters=(), **extra):
    """A user with password "quartier-test"; staff with access to personal data get TOTP."""
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        email=f"{username}@example.org",
        **extra,
    )
    if quarters:
        user.quarters.set(quarters)
    if user.needs_mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user


def totp_code(user) -> str:
    """The current six-digit code of a persona's authenticator app.

    Like a person who sees the code about to run out, it waits for the next one when fewer
    than 8 seconds are left: a busy browser test may otherwise submit it a period too late."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 8:
        time.sleep(left + 0.05)
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(user.totp_secret, counter))
