"""Start-up with DEBUG=0 and missing configuration fails with a clear message."""

import json
import os
import subprocess
import sys

from django.conf import settings


def run_check(*options, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    full_env = {**base, **env}
    return subprocess.run(  # noqa: S603
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "check", *options],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )


def test_debug_off_without_secret_key_and_hosts_refuses_to_start(tmp_path):
    # The refusing checks are security checks; the others (URLs, templates, models: half the
    # command's time) are run by the next test, whose configuration must pass all of them.
    result = run_check(
        "--tag", "security", DEBUG="0", ALLOWED_HOSTS="", QUARTIER_VAR_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "quartier.E001" in result.stderr and "SECRET_KEY" in result.stderr
    assert "quartier.E003" in result.stderr and "ALLOWED_HOSTS" in result.stderr


def test_debug_off_with_proper_settings_starts(tmp_path):
    result = run_check(
        DEBUG="0",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="quartier.krefeld.de",
        SITE_URL="https://quartier.krefeld.de",
        QUARTIER_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def effective_settings(tmp_path, *names, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    # The values come from the settings module alone (no app changes a setting when it is
    # loaded): reading them needs no django.setup(), which imports every app.
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "quartier.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SECURITY = ("DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT")


def test_a_server_is_secure_by_default(tmp_path):
    values = effective_settings(
        tmp_path, *SECURITY, "SECURE_HSTS_SECONDS", ALLOWED_HOSTS="quartier.krefeld.de"
    )
    assert values == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
    }


def test_a_local_installation_runs_without_debug_over_plain_http(tmp_path):
    values = effective_settings(tmp_path, *SECURITY, ALLOWED_HOSTS="127.0.0.1,localhost")
    assert values == dict.fromkeys(SECURITY, False)
