"""Staff sign on with the city's identity provider: a real OpenID Connect provider on loopback.

The provider is a second Django project (e2e/oidc_provider, django-oauth-toolkit) running as
its own process; the platform talks to it over HTTP as it would to Keycloak or ADFS.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from playwright.sync_api import expect

from quartier.core.models import AuditEntry
from testkit.personas import totp_code

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "quartiershelfer"
SECRET = "sso-test-secret"  # noqa: S105


def _idp_key_pem(tmp_path) -> str:
    """The provider's signing key, made once per test."""
    path = tmp_path / "idp-key.pem"
    if not path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
    return path.read_text()


def _idp_env(tmp_path, amr: str, acr: str = "") -> dict:
    pem = _idp_key_pem(tmp_path)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "e2e.oidc_provider.settings",
        "IDP_DATABASE": str(tmp_path / "idp.sqlite3"),
        "IDP_RSA_PRIVATE_KEY": pem,
        "IDP_AMR": amr,
        "IDP_ACR": acr,
        "PYTHONPATH": str(ROOT),
    }


SETUP = """
from django.core.management import call_command
from django.contrib.auth.models import User
call_command("migrate", verbosity=0)
from oauth2_provider.models import Application
User.objects.create_user("k.ordner", "koordination@example.org", "idp-kennwort-1")
User.objects.create_user("fremd", "fremd@example.org", "idp-kennwort-1")
# The provider spoils these accounts' ID tokens (e2e/oidc_provider/validators.py); they carry
# the coordinator's address, so only the platform's token checks stand between them and her.
for name in ["abgelaufen", "fremder-dienst", "falsch-signiert"]:
    User.objects.create_user(name, "koordination@example.org", "idp-kennwort-1")
Application.objects.create(
    name="Quartiershelfer", client_id="{client_id}", client_secret="{secret}",
    client_type="confidential", authorization_grant_type="authorization-code",
    redirect_uris="{redirect}", algorithm="RS256", skip_authorization=True,
)
"""


def _free_port() -> int:
    """A port nobody listens on now (the provider binds it a moment later): parallel test
    processes each get their own."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the identity provider did not start (see idp.log)")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the identity provider did not open its port")


@pytest.fixture(scope="session")
def _idp_database(tmp_path_factory, live_server) -> Path:
    """The provider's database with its accounts and our application, made once per process
    (the redirect names this process's live server); every test starts from a copy."""
    workdir = tmp_path_factory.mktemp("idp")
    redirect = f"{live_server.url}/accounts/oidc/stadt/login/callback/"
    code = SETUP.format(client_id=CLIENT_ID, secret=SECRET, redirect=redirect)
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", "shell", "-c", code],
        env=_idp_env(workdir, "pwd"), check=True, cwd=ROOT,
    )  # fmt: skip
    return workdir / "idp.sqlite3"


@pytest.fixture
def identity_provider(request, tmp_path, _idp_database, settings):
    from django.core.cache import cache

    cache.clear()  # allauth caches the provider's key set; every provider here has a new key
    amr, _sep, acr = getattr(request, "param", "pwd,otp").partition("|")
    env = _idp_env(tmp_path, amr, acr)
    shutil.copyfile(_idp_database, env["IDP_DATABASE"])
    django = [sys.executable, "-m", "django"]
    port = _free_port()
    idp = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603
        [*django, "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "idp.log").open("w"),
    )
    try:
        _wait_for_port(port, server)
        settings.SOCIALACCOUNT_PROVIDERS = _providers(idp)
        settings.CSP_FORM_ACTION_URLS = [idp]
        yield idp
    finally:
        server.terminate()
        server.wait(timeout=10)
        print((tmp_path / "idp.log").read_text()[-4000:])  # shown when the test failed


def _providers(idp: str) -> dict:
    from quartier.settings import sso_providers

    return sso_providers(f"{idp}/o", CLIENT_ID, SECRET, "Identitätsdienst der Stadt")


def _logged_in_user(session):
    """The user id in the browser's platform session, or None."""
    from django.conf import settings as django_settings
    from django.contrib.sessions.backends.db import SessionStore

    cookies = {c["name"]: c["value"] for c in session.context.cookies()}
    key = cookies.get(django_settings.SESSION_COOKIE_NAME)
    return SessionStore(session_key=key).get("_auth_user_id") if key else None


def _sign_on(page, username="k.ordner"):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Anmelden mit: Identitätsdienst der Stadt").click()
    page.get_by_role("button", name="Fortfahren").click()  # allauth: on to the provider
    page.get_by_label("Dienstkennung").fill(username)
    page.get_by_label("Kennwort").fill("idp-kennwort-1")
    page.get_by_role("button", name="Weiter").click()


def test_coordinator_signs_on_and_the_provider_did_the_second_factor(
    browsing, coordinator, identity_provider
):
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht Koordination")
    session.check(page)
    assert AuditEntry.objects.filter(action="account.login", actor=coordinator).exists()


@pytest.mark.parametrize("identity_provider", ["pwd"], indirect=True)
def test_without_a_second_factor_at_the_provider_the_platform_asks_for_totp(
    browsing, coordinator, identity_provider
):
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    session.check(page)


def test_an_unknown_account_at_the_provider_gets_no_account_here(
    browsing, coordinator, identity_provider
):
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page, username="fremd")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Übersicht Koordination")
    from quartier.accounts.models import User

    assert not User.objects.filter(email="fremd@example.org").exists()
    assert AuditEntry.objects.filter(action="sso.unknown_account").exists()
    session.check(page)


@pytest.mark.parametrize(
    ("idp_account", "reason"),
    [
        ("abgelaufen", "das Anmelde-Token ist abgelaufen"),
        ("fremder-dienst", "das Anmelde-Token ist für einen anderen Dienst bestimmt"),
        ("falsch-signiert", "die Signatur des Anmelde-Tokens ist ungültig"),
    ],
)
def test_a_spoilt_id_token_is_refused_in_the_browser_and_audited(
    browsing, coordinator, privacy_officer, identity_provider, idp_account, reason
):
    """The provider's token carries the coordinator's address: only the checks refuse it."""
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page, username=idp_account)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung abgelehnt")
    expect(page.get_by_role("alert")).to_contain_text(
        f"Die Anmeldung mit dem Dienstkonto wurde abgelehnt: {reason}."
    )
    session.check(page)
    assert _logged_in_user(session) is None
    page.goto("/bewohner/personen/")  # no session: a visitor is sent to the login
    expect(page).to_have_url(re.compile("/accounts/login/"))
    assert not AuditEntry.objects.filter(action="account.login").exists()
    entry = AuditEntry.objects.get(action="sso.login_failed")
    assert entry.detail == reason
    session.login(privacy_officer)
    page.goto("/datenschutz/protokoll/?aktion=sso.login_failed")
    expect(page.get_by_text(f"SSO-Anmeldung abgelehnt: {reason}")).to_be_visible()
    session.check(page)


@pytest.mark.parametrize("identity_provider", ["pwd|urn:stadt:loa:hoch"], indirect=True)
def test_an_acr_the_city_lists_counts_as_the_second_factor(
    browsing, coordinator, identity_provider, settings
):
    settings.SSO_MFA_ACR_VALUES = ["urn:stadt:loa:hoch"]
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht Koordination")
    session.check(page)


@pytest.mark.parametrize("identity_provider", ["pwd|urn:stadt:loa:niedrig"], indirect=True)
def test_without_mfa_at_the_provider_the_platforms_totp_is_enforced(
    browsing, coordinator, identity_provider, settings
):
    """amr "pwd" and an acr the city does not list: the platform's own code is needed."""
    settings.SSO_MFA_ACR_VALUES = ["urn:stadt:loa:hoch"]
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    assert _logged_in_user(session) is None  # nobody is logged in before the code
    page.get_by_label("Code", exact=True).fill(totp_code(coordinator))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht Koordination")
    session.check(page)


def _id_token(idp: str, key_pem: str, **claims) -> str:
    import jwt

    now = int(time.time())
    payload = {"iss": f"{idp}/o", "aud": CLIENT_ID, "sub": "1", "iat": now, "exp": now + 300}
    payload.update(claims)
    header = {"kid": _provider_kid(idp)}
    return jwt.encode(payload, key_pem, algorithm="RS256", headers=header)


def _provider_kid(idp: str) -> str:
    import requests

    return requests.get(f"{idp}/o/.well-known/jwks.json", timeout=5).json()["keys"][0]["kid"]


def test_id_tokens_with_wrong_audience_expiry_or_signature_are_refused(
    rf, identity_provider, request
):
    """The checks allauth applies to an ID token, against the provider's real key set."""
    from allauth.socialaccount.adapter import get_adapter as get_social_adapter
    from allauth.socialaccount.providers.oauth2.client import OAuth2Error
    from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter

    idp_key = request.getfixturevalue("tmp_path")  # the provider's key is in its environment
    key_pem = _idp_key_pem(idp_key)
    adapter = OpenIDConnectOAuth2Adapter(rf.get("/"), "stadt")
    app = get_social_adapter().get_app(adapter.request, provider="stadt")
    good = _id_token(identity_provider, key_pem)
    assert adapter._decode_id_token(app, good)["sub"] == "1"
    other_key = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    for bad in [
        _id_token(identity_provider, key_pem, aud="ein-anderer-dienst"),
        _id_token(identity_provider, key_pem, exp=int(time.time()) - 60),
        _id_token(identity_provider, other_key),
    ]:
        with pytest.raises(OAuth2Error):
            adapter._decode_id_token(app, bad)
