"""A small SAML 2.0 identity provider for the single sign-on browser test (not part of the
product).

Built on pysaml2 (signing through the `xmlsec1` program), run by e2e/test_single_sign_on_saml.py
as its own process on loopback: it reads the platform's service-provider metadata from a file,
shows its own login form, and answers with a signed response and assertion carrying the
e-mail address. Environment: SAML_IDP_BASE, SAML_IDP_KEY, SAML_IDP_CERT, SAML_SP_METADATA.
"""

from __future__ import annotations

import html
import os
import sys
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, make_server

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server

BASE = os.environ.get("SAML_IDP_BASE", "http://127.0.0.1:8352")
# Test accounts: name -> (password, e-mail address).
ACCOUNTS = {
    "k.ordner": ("idp-kennwort-1", "koordination@example.org"),
    "fremd": ("idp-kennwort-1", "fremd@example.org"),
    # Its signed response is altered afterwards to name the coordinator: the signature breaks.
    "manipuliert": ("idp-kennwort-1", "fremd@example.org"),
}
EMAIL_OID = "urn:oid:0.9.2342.19200300.100.1.3"


def _server() -> Server:
    config = IdPConfig()
    config.load(
        {
            "entityid": f"{BASE}/metadata",
            "service": {
                "idp": {
                    "endpoints": {
                        "single_sign_on_service": [(f"{BASE}/sso", BINDING_HTTP_REDIRECT)]
                    },
                    "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                    "sign_response": True,
                    "sign_assertion": True,
                    "policy": {
                        "default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}
                    },
                }
            },
            "key_file": os.environ["SAML_IDP_KEY"],
            "cert_file": os.environ["SAML_IDP_CERT"],
            "metadata": {"local": [os.environ["SAML_SP_METADATA"]]},
            "xmlsec_binary": "/usr/bin/xmlsec1",
        }
    )
    return Server(config=config)


SERVER = None
FORM = """<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Anmeldung</title></head>
<body><main><h1>Identitätsdienst der Stadt (SAML)</h1>
<form method="post" action="/sso">
<input type="hidden" name="SAMLRequest" value="{request}">
<input type="hidden" name="RelayState" value="{relay}">
<p><label for="u">Dienstkennung</label> <input id="u" name="username"></p>
<p><label for="p">Kennwort</label> <input id="p" name="password" type="password"></p>
<p><button type="submit">Weiter</button></p></form></main></body></html>"""


def _respond(start_response, status, body, headers=()):
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), *headers])
    return [body.encode("utf-8")]


def _answer(fields):
    """The signed response, as the HTML page that posts it to the platform."""
    account = ACCOUNTS.get(fields.get("username", ""))
    if account is None or account[0] != fields.get("password"):
        return None
    email = account[1]
    request = SERVER.parse_authn_request(fields["SAMLRequest"], BINDING_HTTP_REDIRECT)
    args = SERVER.response_args(request.message, [BINDING_HTTP_POST])
    response = SERVER.create_authn_response(
        identity={EMAIL_OID: email, "email_verified": "true"},
        userid=email,
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:Password"},
        sign_response=True,
        sign_assertion=True,
        sign_alg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
        digest_alg="http://www.w3.org/2001/04/xmlenc#sha256",
        **{k: args[k] for k in ("in_response_to", "destination", "sp_entity_id")},
    )
    signed = str(response)
    if fields["username"] == "manipuliert":
        signed = signed.replace(email, "koordination@example.org")
    http = SERVER.apply_binding(
        BINDING_HTTP_POST, signed, args["destination"], fields.get("RelayState", ""),
        response=True,
    )  # fmt: skip
    return http["data"]


def app(environ, start_response):
    if environ["PATH_INFO"] != "/sso":
        return _respond(start_response, "404 Not Found", "nicht gefunden")
    if environ["REQUEST_METHOD"] == "GET":
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        page = FORM.format(
            request=html.escape(query.get("SAMLRequest", "")),
            relay=html.escape(query.get("RelayState", "")),
        )
        return _respond(start_response, "200 OK", page)
    length = int(environ.get("CONTENT_LENGTH") or 0)
    body = environ["wsgi.input"].read(length).decode("utf-8")
    fields = {k: v[0] for k, v in parse_qs(body).items()}
    page = _answer(fields)
    if page is None:
        return _respond(start_response, "401 Unauthorized", "Anmeldung fehlgeschlagen")
    return _respond(start_response, "200 OK", page)


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args):  # requests are not interesting, errors go to stderr
        pass


if __name__ == "__main__":
    SERVER = _server()
    port = int(BASE.rsplit(":", 1)[1])
    print("ready", flush=True, file=sys.stderr)
    make_server("127.0.0.1", port, app, handler_class=_Quiet).serve_forever()
