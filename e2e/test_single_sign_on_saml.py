"""Staff sign on with SAML 2.0: a real identity provider (pysaml2, e2e/saml_provider) runs as
its own process on loopback and answers with signed assertions."""

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from playwright.sync_api import expect

from quartier.core.models import AuditEntry

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent


def _key_and_certificate(tmp_path) -> tuple[Path, Path, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.test")])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = tmp_path / "idp-key.pem", tmp_path / "idp-cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    cert_path.write_bytes(pem)
    return key_path, cert_path, pem.decode()


def _free_port() -> int:
    """A port nobody listens on now: parallel test processes each get their own."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, process) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the identity provider did not start (see saml-idp.log)")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("the identity provider did not open its port")


@pytest.fixture
def saml_identity_provider(tmp_path, live_server, settings):
    from quartier.settings import saml_providers

    key_path, cert_path, pem = _key_and_certificate(tmp_path)
    port = _free_port()
    idp = f"http://127.0.0.1:{port}"
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        **saml_providers(f"{idp}/metadata", f"{idp}/sso", pem, "Identitätsdienst der Stadt"),
    }
    settings.CSP_FORM_ACTION_URLS = [idp]
    metadata = requests.get(f"{live_server.url}/accounts/saml/stadt-saml/metadata/", timeout=10)
    metadata.raise_for_status()
    (tmp_path / "sp.xml").write_bytes(metadata.content)
    env = {
        **os.environ,
        "SAML_IDP_BASE": idp,
        "SAML_IDP_KEY": str(key_path),
        "SAML_IDP_CERT": str(cert_path),
        "SAML_SP_METADATA": str(tmp_path / "sp.xml"),
        "PYTHONPATH": str(ROOT),
    }
    log = tmp_path / "saml-idp.log"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "e2e.saml_provider.server"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        _wait_for_port(port, server)
        yield idp
    finally:
        server.terminate()
        server.wait(timeout=10)
        print(log.read_text()[-4000:])  # shown when the test failed


def _sign_on(page, username="k.ordner"):
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Anmelden mit: Identitätsdienst der Stadt").click()
    page.get_by_role("button", name="Fortfahren").click()  # allauth: on to the provider
    page.get_by_label("Dienstkennung").fill(username)
    page.get_by_label("Kennwort").fill("idp-kennwort-1")
    page.get_by_role("button", name="Weiter").click()


def test_coordinator_signs_on_with_saml_and_gives_the_platforms_second_factor(
    browsing, coordinator, saml_identity_provider
):
    """SAML carries no `amr`: the platform's own TOTP code is always asked for."""
    from testkit.personas import totp_code

    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    session.check(page)
    page.get_by_label("Code", exact=True).fill(totp_code(coordinator))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht Koordination")
    session.check(page)
    assert AuditEntry.objects.filter(action="account.login", actor=coordinator).exists()


def test_an_unknown_account_at_the_saml_provider_gets_no_account_here(
    browsing, coordinator, saml_identity_provider
):
    from quartier.accounts.models import User

    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page, username="fremd")
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Übersicht Koordination")
    assert not User.objects.filter(email="fremd@example.org").exists()
    assert AuditEntry.objects.filter(action="sso.unknown_account").exists()
    session.check(page)


def test_a_saml_response_altered_after_signing_is_refused_and_audited(
    browsing, coordinator, saml_identity_provider
):
    """The response names the coordinator, but not with the provider's signature."""
    session = browsing("desktop")
    page = session.new_page()
    _sign_on(page, username="manipuliert")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung abgelehnt")
    expect(page.get_by_role("alert")).to_contain_text(
        "abgelehnt: die Signatur der SAML-Antwort ist ungültig."
    )
    session.check(page)
    page.goto("/bewohner/personen/")
    expect(page).to_have_url(re.compile("/accounts/login/"))
    assert not AuditEntry.objects.filter(action="account.login").exists()
    entry = AuditEntry.objects.get(action="sso.login_failed")
    assert entry.detail == "die Signatur der SAML-Antwort ist ungültig"
