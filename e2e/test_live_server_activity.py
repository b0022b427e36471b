"""The browser fixture's wait for an idle live server: a request still being handled when a
test ends must finish before the tables are emptied (see LiveServerActivity)."""

import http.client
import threading

from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from e2e.conftest import LiveServerActivity


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def serve(app):
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(app)
    activity = LiveServerActivity(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, activity


def slow_app(release: threading.Event, finished: list):
    def app(environ, start_response):
        release.wait(10)
        finished.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
        return [b"ok"]

    return app


def test_waits_for_a_request_still_being_handled():
    release, finished = threading.Event(), []
    server, activity = serve(slow_app(release, finished))
    try:
        client = http.client.HTTPConnection(*server.server_address, timeout=10)
        client.request("GET", "/late-sync")
        started = threading.Event()

        def read_and_close():
            started.set()
            client.getresponse().read()
            client.close()

        reader = threading.Thread(target=read_and_close)
        reader.start()
        started.wait(5)
        # The request is being handled: not idle yet.
        waiter = threading.Thread(target=activity.wait_until_idle)
        waiter.start()
        waiter.join(0.2)
        assert waiter.is_alive()
        assert finished == []
        release.set()
        waiter.join(10)
        assert not waiter.is_alive()
        assert finished == ["/late-sync"]
        reader.join(10)
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def test_a_connection_kept_open_by_another_client_does_not_block_once_requests_are_done():
    release, finished = threading.Event(), []
    release.set()
    server, activity = serve(slow_app(release, finished))
    try:
        client = http.client.HTTPConnection(*server.server_address, timeout=10)
        client.request("GET", "/kept-alive")
        assert client.getresponse().read() == b"ok"
        # The connection stays open (keep-alive): the wait ends when no request is handled.
        activity.wait_until_idle(connections_timeout=0.05, requests_timeout=5)
        assert activity.requests == 0
        assert activity.connections == 1
        client.close()
        activity.wait_until_idle(connections_timeout=5, requests_timeout=0)
        assert activity.connections == 0
    finally:
        server.shutdown()
        server.server_close()
