"""A tiny GeoReport v2 partner on 127.0.0.1 (a real HTTP server in a thread) for client tests."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class FakePartner:
    """Records every call; answers with `status` and `body` (POST) or `updates` (GET)."""

    def __init__(self):
        self.calls: list[tuple[str, str, dict]] = []
        self.status = 200
        self.body: object = [{"service_request_id": "P-100", "service_notice": ""}]
        self.updates: list[dict] = []
        self.delay = 0.0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/georeport/v2/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def posts(self) -> list[dict]:
        return [form for method, _path, form in self.calls if method == "POST"]

    def _answer(self, handler, payload) -> None:
        if self.delay:
            time.sleep(self.delay)
        if self.status >= 400:
            payload = [{"code": self.status, "description": "Partner sagt nein"}]
        body = json.dumps(payload).encode()
        handler.send_response(self.status)
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def _handler(self):
        partner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (http.server's naming)
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
                partner.calls.append(("POST", self.path, form))
                partner._answer(self, partner.body)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                partner.calls.append(("GET", url.path, parse_qs(url.query)))
                partner._answer(self, partner.updates)

            def log_message(self, *args):
                pass

        return Handler
