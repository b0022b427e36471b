"""The client side of scripts/ci-production-smoke: a helper's phone talking to nginx over HTTPS.

The host name is resolved to 127.0.0.1 inside this process only (like curl --resolve); the
self-signed certificate is verified against its own file. Exits non-zero on the first failure.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import re
import socket
import sys
import time
import uuid
from pathlib import Path

import requests
from PIL import Image

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STYLESHEET = re.compile(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"')
HARDENBERG = (51.318, 6.568)  # inside the demo Hardenbergviertel (auto-forwarding rules)


def resolve_to_loopback(host: str) -> None:
    real = socket.getaddrinfo

    def getaddrinfo(name, *args, **kwargs):
        return real("127.0.0.1" if name == host else name, *args, **kwargs)

    socket.getaddrinfo = getaddrinfo


def check(condition: bool, message: str) -> None:
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def photo() -> bytes:
    image = Image.linear_gradient("L").resize((1200, 900)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def wait_for_health(session, base, timeout=90) -> dict:
    deadline, body = time.monotonic() + timeout, {}
    while time.monotonic() < deadline:
        try:
            response = session.get(f"{base}/healthz", timeout=10)
            body = response.json()
            if response.status_code == 200 and body.get("status") == "ok":
                return body
        except (requests.RequestException, ValueError) as exc:
            body = {"error": repr(exc)[:300]}
        time.sleep(1)
    return body


def login(session, base) -> None:
    page = session.get(f"{base}/accounts/login/", timeout=30)
    token = CSRF_INPUT.search(page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"login": "helferin", "password": "quartier-demo", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/accounts/login/", "Origin": base},
        timeout=30,
    )
    check(response.status_code == 200 and "sessionid" in session.cookies, "helper logged in")
    cookie = next(c for c in session.cookies if c.name == "sessionid")
    check(cookie.secure, "session cookie is Secure")


def submit_report(session, base) -> int:
    session.get(f"{base}/meldungen/neu/", timeout=30)
    response = session.post(
        f"{base}/meldungen/neu/senden/",
        data={
            "client_id": str(uuid.uuid4()),
            "category": _category_id(session, base),
            "latitude": HARDENBERG[0],
            "longitude": HARDENBERG[1],
            "accuracy": 8,
            "address": "Hardenbergstraße 10",
            "description": "Sperrmüll am Gehweg (Produktionstest)",
        },
        files={"photos": ("foto.jpg", photo(), "image/jpeg")},
        headers={
            "X-CSRFToken": session.cookies["csrftoken"],
            "Referer": f"{base}/meldungen/neu/",
            "Origin": base,
            "Accept": "application/json",
        },
        timeout=60,
    )
    check(response.status_code == 201, f"report with photo accepted ({response.status_code})")
    return response.json()["id"]


def _category_id(session, base) -> str:
    """The tile "Wilder Müll" on the capture page (auto-forwarded in the demo quarters)."""
    page = session.get(f"{base}/meldungen/neu/", timeout=30).text
    tile = re.search(r'value="(\d+)"(?:(?!value=").){0,3000}?<span>Wilder Müll</span>', page, re.S)
    check(tile is not None, "category tile on the capture page")
    return tile.group(1)


def mails(mail_dir: Path):
    """Every message the file mail backend wrote (one file per connection, 79 dashes between)."""
    for path in sorted(mail_dir.glob("*")) if mail_dir.exists() else []:
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
            if chunk.strip():
                yield email.message_from_string(chunk.strip(), policy=email.policy.default)


def wait_for_mail(mail_dir: Path, report_id: int, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mails(mail_dir):
            if str(message["Subject"]).strip().startswith(f"Meldung {report_id}:"):
                return message
        time.sleep(1)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--mail-dir", required=True)
    args = parser.parse_args()
    resolve_to_loopback(args.host)
    base = f"https://{args.host}:{args.https_port}"
    session = requests.Session()
    session.trust_env = False  # loopback only: no proxy, and our certificate, not a CA bundle
    session.verify = args.ca

    health = wait_for_health(session, base)
    check(health.get("status") == "ok", f"/healthz green before: {health}")
    plain = requests.get(f"http://{args.host}:{args.http_port}/", allow_redirects=False, timeout=10)
    check(plain.status_code == 301 and plain.headers["Location"].startswith(base), "HTTP → HTTPS")
    home = session.get(f"{base}/", timeout=30)
    check(home.status_code == 200, "start page over HTTPS")
    check("max-age=" in home.headers.get("Strict-Transport-Security", ""), "HSTS header")
    stylesheet = STYLESHEET.search(home.text)
    check(stylesheet is not None, "hashed static file name in the page")
    css = session.get(base + stylesheet.group(1), timeout=30)
    check(css.status_code == 200 and "immutable" in css.headers.get("Cache-Control", ""), "css")
    wrong_host = session.get(f"{base}/", headers={"Host": "evil.example.com"}, timeout=30)
    check(wrong_host.status_code == 400, "wrong Host header answered 400")
    missing = session.get(f"{base}/gibt-es-nicht/", timeout=30)
    check(missing.status_code == 404 and "Seite nicht gefunden" in missing.text, "German 404")

    login(session, base)
    report_id = submit_report(session, base)
    message = wait_for_mail(Path(args.mail_dir), report_id)
    if message is None:
        subjects = [str(m["Subject"]) for m in mails(Path(args.mail_dir))]
        print(f"mails so far: {subjects[-10:]}; health: {wait_for_health(session, base, 5)}")
    check(message is not None, f"forwarding e-mail for report #{report_id} delivered")
    body = message.get_body(preferencelist=("plain",)).get_content()
    check(f"{base}/weiterleitung/antwort/" in body, "partner link uses the public https address")
    health = wait_for_health(session, base)
    check(health.get("status") == "ok", f"/healthz green after: {health}")


if __name__ == "__main__":
    main()
