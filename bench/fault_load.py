"""Fault-and-load test: many phones posting at once while a task worker is killed.

    .venv/bin/python bench/fault_load.py                         # SQLite
    DATABASE_URL=postgresql://…/empty .venv/bin/python bench/fault_load.py --app-servers 2 \
        --workers 2

A throwaway installation (demo data, DEBUG off) with `--app-servers` gunicorn instances and
`--workers` task workers on loopback. `--clients` threads post reports and contacts through the
phone's JSON endpoints (the offline outbox's requests); every `--replay-every`-th item is sent a
second time with the same client id, half of those at the same moment from another thread.
A 503 (database or disk unavailable) is retried like the outbox does. When `--kill-at` of the
items are done, task worker 1 is killed with SIGKILL (mid-delivery if it is busy) and started
again. `--restart-postgres CMD` also runs CMD (a PostgreSQL restart) at that moment.

Afterwards, once the queue is empty: every acknowledged item must exist exactly once, nothing
unacknowledged may have been half-written, and every forwarding must have been delivered exactly
once (counted in the mail files by Message-ID). Prints a Markdown row and exits 1 on any loss or
duplicate. Bounded: items = clients x --items, at most --max-seconds for the whole run.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadlib  # noqa: E402
import requests  # noqa: E402

HELPERS = ["helferin", "helfer2"]
HARDENBERG = (51.318, 6.568)
FIELD = re.compile(r'<(?:input|select)[^>]*name="(?P<name>[a-z_]+)"[^>]*>')
MESSAGE_ID = re.compile(r"<quartier\.forwarding\.(\d+)\.(\d+)@")

CHECK = """
import json
from quartier.reports.models import Report
from quartier.residents.models import Contact
from quartier.routing.models import Forwarding
from django_tasks_db.models import DBTaskResult
ids = json.loads(open({ids!r}).read())
reports = list(Report.objects.filter(client_id__in=ids["reports"]).values_list("client_id", flat=True))
contacts = list(Contact.objects.filter(client_id__in=ids["contacts"]).values_list("client_id", flat=True))
unacked = Report.objects.filter(client_id__in=ids["unacked_reports"]).count() + Contact.objects.filter(client_id__in=ids["unacked_contacts"]).count()
print(json.dumps({{
    "reports": [str(x) for x in reports], "contacts": [str(x) for x in contacts],
    "unacked_stored": unacked,
    "forwardings": {{str(f.pk): f.status for f in Forwarding.objects.filter(report__client_id__in=ids["reports"])}},
    "open_tasks": DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count(),
}}))
"""  # noqa: E501


class Run:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.timings: list[float] = []
        self.statuses: dict[int, int] = {}
        self.acked = {"reports": set(), "contacts": set()}
        self.unacked = {"reports": set(), "contacts": set()}
        self.retried_503 = 0
        self.done = 0
        self.killed = threading.Event()
        self.restarts = 0
        self.chaos_done = threading.Event()

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            self.timings.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


def contact_form(session, base) -> dict:
    page = session.get(f"{base}/bewohner/kontakt/neu/", timeout=60).text
    data: dict[str, str] = {}
    for match in FIELD.finditer(page):
        name, tag = match.group("name"), match.group(0)
        if name in data or name in {"csrfmiddlewaretoken", "client_id", "gender"}:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if tag.startswith("<select"):
            option = re.search(r'<option value="([^"]+)"', page[match.end() :])
            data[name] = option.group(1) if option else ""
        elif value:
            data[name] = value.group(1)
    return data


def report_data(category: str) -> dict:
    jitter = random.uniform(-0.0005, 0.0005)
    return {
        "category": category,
        "latitude": HARDENBERG[0] + jitter,
        "longitude": HARDENBERG[1] + jitter,
        "accuracy": 10,
        "description": "Lasttest",
    }


def post(run, session, url, data, kind, client_id) -> bool:
    """Send like the outbox: retry on 503 and connection errors; True when acknowledged."""
    headers = {
        "X-CSRFToken": session.cookies.get("csrftoken", ""),
        "Accept": "application/json",
        "Referer": url,
    }
    for attempt in range(8):
        start = time.perf_counter()
        try:
            response = session.post(url, data=data, headers=headers, timeout=60)
            status = response.status_code
        except requests.RequestException:
            status = 0
        run.record(status, time.perf_counter() - start)
        if status in (200, 201) and response.json().get("ok"):
            with run.lock:
                run.acked[kind].add(client_id)
            return True
        if status not in (0, 502, 503):
            break
        with run.lock:
            run.retried_503 += 1
        time.sleep(min(0.5 * 2**attempt, 5))
    with run.lock:
        run.unacked[kind].add(client_id)
    return False


def new_session(cookies) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.cookies.update(cookies)
    return session


def client(run, base, cookies, category, contact, index):
    session = new_session(cookies)
    for n in range(run.args.items):
        kind = "reports" if (index + n) % 2 == 0 else "contacts"
        client_id = str(uuid.uuid4())
        if kind == "reports":
            url, data = f"{base}/meldungen/neu/senden/", report_data(category)
        else:
            url, data = f"{base}/bewohner/kontakt/neu/", dict(contact)
        data["client_id"] = client_id
        replay = (index * run.args.items + n) % run.args.replay_every == 0
        if replay and n % 2 == 0:  # the same item from a second connection at the same moment
            twin = threading.Thread(
                target=post, args=(run, new_session(cookies), url, dict(data), kind, client_id)
            )
            twin.start()
            post(run, session, url, data, kind, client_id)
            twin.join()
        else:
            post(run, session, url, data, kind, client_id)
            if replay:  # the outbox sends it again (the answer got lost)
                post(run, session, url, data, kind, client_id)
        with run.lock:
            run.done += 1


def start_worker(env, var_dir, n):
    argv = [loadlib.PYTHON, str(loadlib.ROOT / "manage.py"), "run_worker", "--beat", "2"]
    return loadlib.start(argv, env, var_dir / f"worker-{n}.log")


def start_app(env, var_dir, port):
    argv = [
        loadlib.PYTHON, "-m", "gunicorn",
        f"--config={loadlib.ROOT / 'deploy' / 'gunicorn.conf.py'}",
        f"--bind=127.0.0.1:{port}", "quartier.wsgi:application",
    ]  # fmt: skip
    return loadlib.start(argv, env, var_dir / f"app-{port}.log")


def chaos(run, env, var_dir, workers, total):
    """Kill worker 1 hard once `--kill-at` of the items are done, start it again."""
    while run.done < total * run.args.kill_at:
        time.sleep(0.1)
    with run.lock:
        if workers[0].poll() is not None:  # it stopped by itself: that is the failure
            log = (var_dir / "worker-1.log").read_text(errors="replace")[-3000:]
            print(f"worker 1 exited with {workers[0].returncode} before it was killed:\n{log}",
                  file=sys.stderr)  # fmt: skip
            run.chaos_done.set()
            return
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait()
        run.killed.set()
    if run.args.restart_postgres:
        subprocess.run(run.args.restart_postgres, shell=True, check=False, timeout=120)  # noqa: S602
    time.sleep(2)
    with run.lock:
        workers[0] = start_worker(env, var_dir, 1)
        run.chaos_done.set()


def supervise(run, env, var_dir, workers, stop):
    """What systemd (Restart=always) does on a server: a worker that exited is started again
    (a worker whose database went away mid-query exits)."""
    while not stop.wait(1):
        with run.lock:
            for n, process in enumerate(workers):
                if process.poll() is not None and (n > 0 or run.chaos_done.is_set()):
                    workers[n] = start_worker(env, var_dir, n + 1)
                    run.restarts += 1


def delivered(mail_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in mail_dir.glob("*") if mail_dir.exists() else []:
        for chunk in path.read_text(encoding="utf-8", errors="replace").split("-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.strip(), policy=email.policy.default)
            match = MESSAGE_ID.search(str(message.get("Message-ID", "")))
            if match:
                counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def state(env, var_dir, run) -> dict:
    ids = {
        "reports": sorted(run.acked["reports"]),
        "contacts": sorted(run.acked["contacts"]),
        "unacked_reports": sorted(run.unacked["reports"] - run.acked["reports"]),
        "unacked_contacts": sorted(run.unacked["contacts"] - run.acked["contacts"]),
    }
    path = var_dir / "ids.json"
    path.write_text(json.dumps(ids))
    out = subprocess.run(  # noqa: S603
        [loadlib.PYTHON, str(loadlib.ROOT / "manage.py"), "shell"],
        input=CHECK.format(ids=str(path)),
        env=env, cwd=loadlib.ROOT, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_until_settled(env, var_dir, run, deadline) -> dict:
    while True:
        current = state(env, var_dir, run)
        pending = [s for s in current["forwardings"].values() if s == "pending"]
        if (not pending and current["open_tasks"] == 0) or time.monotonic() > deadline:
            return current
        time.sleep(3)


def login_all(base, count) -> list:
    names = (HELPERS * count)[:count]
    return [loadlib.logged_in(base, name).cookies for name in names]


def capture_category(session, base) -> str:
    page = session.get(f"{base}/meldungen/neu/", timeout=60).text
    tile = re.search(r'value="(\d+)"(?:(?!value=").){0,3000}?<span>Wilder Müll</span>', page, re.S)
    return tile.group(1)


def summarize(run, final, mails, args, seconds) -> dict:
    acked_reports, acked_contacts = run.acked["reports"], run.acked["contacts"]
    stored_r, stored_c = final["reports"], final["contacts"]
    forwardings = final["forwardings"]
    once = sum(1 for pk in forwardings if mails.get(pk) == 1)
    return {
        "database": "PostgreSQL" if args.database_url else "SQLite",
        "app_servers": args.app_servers,
        "workers": args.workers,
        "clients": args.clients,
        "requests": len(run.timings),
        "errors": sum(n for status, n in run.statuses.items() if status not in (200, 201)),
        "retried": run.retried_503,
        "statuses": {str(k): v for k, v in sorted(run.statuses.items())},
        "acknowledged": len(acked_reports) + len(acked_contacts),
        "lost": len(acked_reports - set(stored_r)) + len(acked_contacts - set(stored_c)),
        "duplicated": (len(stored_r) - len(set(stored_r))) + (len(stored_c) - len(set(stored_c))),
        "half_written": final["unacked_stored"],
        "forwardings": len(forwardings),
        "delivered_once": once,
        "not_delivered": sum(1 for pk in forwardings if mails.get(pk, 0) == 0),
        "delivered_twice": sum(1 for pk in forwardings if mails.get(pk, 0) > 1),
        "p50_ms": round(loadlib.percentile(run.timings, 50) * 1000),
        "p95_ms": round(loadlib.percentile(run.timings, 95) * 1000),
        "seconds": round(seconds),
        "worker_killed": run.killed.is_set(),
        "worker_restarts": run.restarts,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--items", type=int, default=4, help="items per client")
    parser.add_argument("--replay-every", type=int, default=3)
    parser.add_argument("--app-servers", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--kill-at", type=float, default=0.4)
    parser.add_argument("--restart-postgres", default="")
    parser.add_argument("--port", type=int, default=8220)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    started = time.monotonic()
    var_dir = loadlib.temp_var_dir("quartier-faultload-")
    env = loadlib.installation_env(
        var_dir, args.database_url, WORKER_HEARTBEAT_TIMEOUT="8", QUARTIER_WEB_THREADS="8"
    )
    loadlib.prepare(env)
    ports = [args.port + i for i in range(args.app_servers)]
    apps = [start_app(env, var_dir, port) for port in ports]
    workers = [start_worker(env, var_dir, n + 1) for n in range(args.workers)]
    run = Run(args)
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base in bases:
            loadlib.wait_until_up(base)
        cookies = login_all(bases[0], min(args.clients, 4))
        category = capture_category(new_session(cookies[0]), bases[0])
        # Each helper logs contacts in their own quarter.
        contacts = [contact_form(new_session(jar), bases[0]) for jar in cookies]
        total = args.clients * args.items
        killer = threading.Thread(target=chaos, args=(run, env, var_dir, workers, total))
        killer.start()
        stop_supervising = threading.Event()
        threading.Thread(
            target=supervise, args=(run, env, var_dir, workers, stop_supervising), daemon=True
        ).start()
        threads = [
            threading.Thread(
                target=client,
                args=(
                    run,
                    bases[i % len(bases)],
                    cookies[i % len(cookies)],
                    category,
                    contacts[i % len(cookies)],
                    i,
                ),
            )
            for i in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        killer.join(timeout=60)
        final = wait_until_settled(env, var_dir, run, started + args.max_seconds)
        stop_supervising.set()
        result = summarize(
            run, final, delivered(var_dir / "mail"), args, time.monotonic() - started
        )
    finally:
        for process in [*apps, *workers]:
            loadlib.stop(process)
    print(json.dumps(result))
    print(
        f"| {result['database']} | {result['app_servers']}×{result['workers']} "
        f"| {result['clients']} | {result['requests']} "
        f"| {result['errors']} ({result['retried']} retried) "
        f"| {result['acknowledged']} | {result['lost']} | {result['duplicated']} "
        f"| {result['forwardings']} | {result['delivered_once']} | {result['delivered_twice']} "
        f"| {result['p50_ms']} | {result['p95_ms']} | {result['seconds']} |"
    )
    failed = result["lost"] or result["duplicated"] or result["half_written"]
    failed = failed or result["not_delivered"] or result["delivered_twice"]
    if os.environ.get("FAULT_LOAD_KEEP") != "1":
        subprocess.run(["rm", "-rf", str(var_dir)], check=False)  # noqa: S603, S607
    sys.exit(1 if failed or not result["worker_killed"] else 0)


if __name__ == "__main__":
    main()
