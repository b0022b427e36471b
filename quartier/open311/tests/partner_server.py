"""A tiny GeoReport v2 partner on 127.0.0.1 (a real HTTP server in a thread) for client tests."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from quartier.open311.formats import to_xml


class FakePartner:
    """Records every call; answers with `status` and `body` (POST) or `updates` (GET)."""

    def __init__(self):
        self.calls: list[tuple[str, str, dict]] = []
        self.status = 200
        self.body: object = [{"service_request_id": "P-100", "service_notice": ""}]
        self.updates: list[dict] = []
        self.delay = 0.0
        self.paged = False  # True: honours page/page_size like our own server
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/georeport/v2/"
        # Short polls: `shutdown()` waits up to one interval (the default is half a second).
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def posts(self) -> list[dict]:
        return [form for method, _path, form in self.calls if method == "POST"]

    def _answer(self, handler, payload, root="service_requests") -> None:
        if self.delay:
            time.sleep(self.delay)
        if self.status >= 400:
            payload, root = [{"code": self.status, "description": "Partner sagt nein"}], "errors"
        if urlsplit(handler.path).path.endswith(".xml"):
            body, content_type = to_xml(root, payload), "text/xml; charset=utf-8"
        else:
            body, content_type = json.dumps(payload).encode(), "application/json; charset=utf-8"
        handler.send_response(self.status)
        handler.send_header("Content-Type", content_type)
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
                query = parse_qs(url.query)
                partner.calls.append(("GET", url.path, query))
                rows = partner.updates
                if partner.paged:
                    size = int(query.get("page_size", ["1000"])[0])
                    start = (int(query.get("page", ["1"])[0]) - 1) * size
                    rows = rows[start : start + size]
                partner._answer(self, rows, root="service_request_updates")

            def log_message(self, *args):
                pass

        return Handler
