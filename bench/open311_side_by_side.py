"""Our Open311 server against Helsinki's (6aika/issue-reporting), side by side over HTTP.

    .venv/bin/python bench/open311_side_by_side.py                      # SQLite for both
    .venv/bin/python bench/open311_side_by_side.py \\
        --database-url postgresql://postgres@127.0.0.1:55437/o311_ours \\
        --peer-database-url postgres://postgres@127.0.0.1:55437/o311_peer

The peer is set up at run time from its public repository (`--peer-repo`, or PEER_REPO; by
default `git clone https://github.com/6aika/issue-reporting`) into `--work-dir`, with its own
virtualenv and its pinned dependencies from PyPI; nothing of it is part of this project. When
it cannot be fetched or installed, the script says why and exits with 0 (skipped). Its
settings are only given through the environment it reads (DATABASE_URL, SECRET_KEY, DEBUG).

Both get the same data: ours is seeded with `seed_bench --reports N`, then the same reports
and services are exported and loaded into the peer (`open311_peer_seed.py`). Both run under
gunicorn with 2 sync workers and DEBUG off. Each endpoint is loaded by wrk (`-t2 -c10`; a
Python load generator with 10 keep-alive connections when wrk is missing) for `--seconds`,
ours then the peer, back to back, in `--runs` rounds. The table shows the median req/s, the
ratio ours/peer (per request and per row served), the spread of the ratio over the rounds,
and the server's CPU milliseconds per request (gunicorn master and workers, from /proc; with
`--pgdata`, "+ n" is PostgreSQL's CPU time per request, all its processes).
A trivial JSON view in the same server of ours gives the floor.
"""

from __future__ import annotations

import argparse
import ctypes.util
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import loadlib  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
DEFAULT_PEER_REPO = "https://github.com/6aika/issue-reporting"
PEER_PREFIX = "/api/georeport/v2"
OURS_PREFIX = "/open311/v2"
API_KEY = "side-by-side-benchmark-key-0123456789"
PEER_KEY = "sidebysidebenchmarkkey01234567"
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Skip(Exception):
    """The comparison cannot run here (peer not fetchable or not installable)."""


def run(argv, *, env=None, cwd=None, timeout=1800, check=True) -> str:
    result = subprocess.run(  # noqa: S603
        argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} failed:\n{result.stderr[-3000:]}")
    return result.stdout


# --- Setting up the peer ----------------------------------------------------------------------


def peer_checkout(repo: str, work: Path) -> Path:
    target = work / "peer"
    if (target / "manage.py").exists():
        return target
    try:
        run(["git", "clone", "--quiet", repo, str(target)], timeout=600)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        raise Skip(f"the peer's repository {repo} cannot be fetched: {exc}") from None
    return target


def peer_python(peer: Path, work: Path, postgres: bool) -> Path:
    venv = work / "peer-venv"
    python = venv / "bin" / "python"
    stamp = venv / (".installed-pg" if postgres else ".installed")
    if stamp.exists():
        return python
    if ctypes.util.find_library("gdal") is None:
        raise Skip("the peer needs the GDAL library (Debian: apt-get install libgdal32)")
    try:
        if not python.exists():
            run([sys.executable, "-m", "venv", str(venv)])
        extra = ["gunicorn==27.0.1"] + (["psycopg2-binary==2.9.13"] if postgres else [])
        run([str(python), "-m", "pip", "install", "-q", "-r", str(peer / "requirements.txt"),
             *extra], timeout=1800)  # fmt: skip
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        raise Skip(f"the peer's dependencies cannot be installed: {exc}") from None
    stamp.touch()
    return python


def peer_env(database_url: str, work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    url = database_url or f"sqlite:///{work / 'peer.sqlite3'}"
    if url.startswith("postgresql://"):
        url = "postgres://" + url.removeprefix("postgresql://")
    env.update(DATABASE_URL=url, SECRET_KEY="side-by-side", DEBUG="0", LANGUAGES="en,fi")
    return env


# --- Setting up ours --------------------------------------------------------------------------


def ours_env(database_url: str, work: Path) -> dict[str, str]:
    var_dir = work / ("ours-pg" if database_url else "ours-sqlite")
    var_dir.mkdir(parents=True, exist_ok=True)
    return loadlib.installation_env(
        var_dir, database_url, demo=False,
        SECRET_KEY="side-by-side-benchmark-secret-key-not-for-production-0123456789",
        DJANGO_SETTINGS_MODULE="quartier.settings",
    )  # fmt: skip


def manage(env, *args, timeout=3600) -> str:
    return run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, timeout=timeout)


EXPORT = """
import json, sys
import django
django.setup()
from quartier.open311.access import public_categories
from quartier.open311.serializers import service_row, status_labels
from quartier.open311.statuses import basic_status
from quartier.reports.models import Report
from quartier.reports.publication import public_report_filter
from quartier.routing.actions.api_keys import issue_api_key
from quartier.routing.models import ApiClient
if not ApiClient.objects.filter(name="Side-by-side benchmark").exists():
    issue_api_key(actor=None, name="Side-by-side benchmark", raw_key=sys.argv[2])
labels = status_labels()
public = set(Report.objects.filter(public_report_filter()).values_list("id", flat=True))
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write(json.dumps({"services": [service_row(c) for c in public_categories()]}) + "\\n")
    rows = Report.objects.order_by("id").values_list(
        "id", "category__code", "description", "status", "created_at", "updated_at",
        "latitude", "longitude", "address", "category__default_authority_hint")
    for pk, code, text, status, created, updated, lat, long, address, agency in rows.iterator():
        out.write(json.dumps({
            "service_code": code, "description": text or "-", "status": basic_status(status),
            "status_notes": labels.get(status, status), "created_at": created.isoformat(),
            "updated_at": updated.isoformat(), "lat": lat, "long": long, "address": address,
            "agency": agency, "public": pk in public}) + "\\n")
"""


def prepare_ours(env, reports: int, export: Path) -> None:
    manage(env, "migrate", "--no-input")
    count = int(manage(env, "shell", "--no-imports", "-c", COUNT).split()[-1])
    if count < reports:
        print(f"seeding ours with {reports - count} reports …", file=sys.stderr)
        manage(env, "seed_bench", "--reports", str(reports - count))
    if not export.exists():
        script = export.with_suffix(".py")
        script.write_text(EXPORT)
        run([PYTHON, str(script), str(export), API_KEY], env={**env, "PYTHONPATH": str(ROOT)})


COUNT = "from quartier.reports.models import Report; print(Report.objects.count())"


def prepare_peer(python: Path, peer: Path, env, export: Path) -> None:
    run([str(python), "manage.py", "migrate", "--no-input", "-v0"], env=env, cwd=peer)
    seed_env = {**env, "PYTHONPATH": str(peer)}
    out = run([str(python), str(BENCH / "open311_peer_seed.py"), str(export), PEER_KEY],
              env=seed_env, cwd=peer, timeout=3600)  # fmt: skip
    print(out.strip(), file=sys.stderr)


# --- Servers and load -------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    base: str
    prefix: str
    process: subprocess.Popen | None = None
    paths: dict[str, str] = field(default_factory=dict)
    post_body: str = ""


def gunicorn(argv_app, python, port, env, cwd, log: Path, extra=()) -> subprocess.Popen:
    argv = [str(python), "-m", "gunicorn", *argv_app, f"--bind=127.0.0.1:{port}",
            "--workers=2", "--worker-class=sync", "--timeout=120", "--log-level=warning",
            *extra]  # fmt: skip
    handle = log.open("ab")
    return subprocess.Popen(  # noqa: S603
        argv, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_up(url: str, timeout=90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def _pids(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(child) for child in children)
    return pids


def cpu_seconds(root: int | None) -> float:
    """CPU seconds of a process and all its descendants (0 without a process)."""
    total = 0
    for pid in _pids(root) if root else []:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def wrk_run(url: str, seconds: float, body: str, work: Path) -> tuple[int, int]:
    script = work / "post.lua"
    argv = ["wrk", "-t2", "-c10", f"-d{seconds:g}s", "--latency"]
    if body:
        lua = (
            'wrk.method = "POST"\n'
            f"wrk.body = {json.dumps(body)}\n"
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
        )
        script.write_text(lua)
        argv += ["-s", str(script)]
    out = run([*argv, url], timeout=seconds + 60)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: .*?(\d+) timeout", out)
    return total, (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0)


def python_run(url: str, seconds: float, body: str, work: Path) -> tuple[int, int]:
    """10 keep-alive connections in threads: the fallback when wrk is not installed."""
    parts = urllib.parse.urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    counts = {"ok": 0, "bad": 0}
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client():
        conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        while time.monotonic() < end:
            try:
                conn.request("POST" if body else "GET", target, body=body or None, headers=headers)
                answer = conn.getresponse()
                answer.read()
                ok = answer.status < 400
            except OSError:
                conn.close()
                conn = HTTPConnection(parts.hostname, parts.port, timeout=30)
                ok = False
            with lock:
                counts["ok" if ok else "bad"] += 1

    threads = [threading.Thread(target=client) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts["ok"] + counts["bad"], counts["bad"]


def postmaster(pgdata: str) -> int | None:
    """The PostgreSQL server's process id (its backends are its children)."""
    if not pgdata:
        return None
    return int((Path(pgdata) / "postmaster.pid").read_text().split()[0])


def measure(server: Server, path: str, seconds: float, body: str, work: Path, db=None) -> dict:
    load = wrk_run if shutil.which("wrk") else python_run
    before, db_before = cpu_seconds(server.process.pid), cpu_seconds(db)
    total, bad = load(server.base + path, seconds, body, work)
    cpu, db_cpu = cpu_seconds(server.process.pid) - before, cpu_seconds(db) - db_before
    requests = max(total, 1)
    return {
        "rps": total / seconds,
        "errors": bad,
        "cpu_ms": 1000 * cpu / requests,
        "db_cpu_ms": 1000 * db_cpu / requests,
    }


def rows_of(server: Server, path: str) -> int:
    with urllib.request.urlopen(server.base + path, timeout=120) as answer:  # noqa: S310
        data = json.loads(answer.read())
    return len(data) if isinstance(data, list) else 1


# --- The comparison ---------------------------------------------------------------------------

FILTER_CODE = "abfall-wilder-muell"
POINT = {"lat": "51.3331", "long": "6.5623"}
# (label, path below the prefix, POST?, goal, compare per row served?)
ENDPOINTS = [
    ("`services.json`", "/services.json", False, 2, False),
    ("`requests/{id}.json`", "/requests/{id}.json", False, 2, False),
    ("`requests.json`, 100 rows per answer", "/requests.json?page_size=100", False, 5, True),
    ("`requests.json` default (per row served)", "/requests.json", False, 5, True),
    (
        "`requests.json?service_code=X&status=open`",
        f"/requests.json?service_code={FILTER_CODE}&status=open",
        False,
        5,
        True,
    ),
    ("`POST requests.json`", "/requests.json", True, 5, False),
]


def post_body(key: str) -> str:
    fields = {"api_key": key, "service_code": FILTER_CODE, **POINT}
    fields["description"] = "Sperrmüll am Straßenrand (Lasttest)"
    return urllib.parse.urlencode(fields)


def newest_id(server: Server) -> str:
    url = f"{server.base}{server.prefix}/requests.json?page_size=1"
    with urllib.request.urlopen(url, timeout=60) as answer:  # noqa: S310
        return json.loads(answer.read())[0]["service_request_id"]


def start_servers(args, work, peer, python, o_env, p_env) -> tuple[Server, Server]:
    ours = Server("ours", f"http://127.0.0.1:{args.port}", OURS_PREFIX)
    theirs = Server("peer", f"http://127.0.0.1:{args.port + 1}", PEER_PREFIX)
    ours.process = gunicorn(
        ["--pythonpath", str(BENCH), "open311_floor:application"],
        PYTHON, args.port, o_env, ROOT, work / "ours.log",
    )  # fmt: skip
    theirs.process = gunicorn(
        ["cfh.wsgi:application"], python, args.port + 1, p_env, peer, work / "peer.log"
    )
    wait_up(f"{ours.base}{OURS_PREFIX}/services.json")
    wait_up(f"{theirs.base}{PEER_PREFIX}/services.json")
    ours.post_body, theirs.post_body = post_body(API_KEY), post_body(PEER_KEY)
    return ours, theirs


def row_counts(ours: Server, theirs: Server) -> dict[str, tuple[int, int]]:
    ids = {ours.name: newest_id(ours), theirs.name: newest_id(theirs)}
    counts = {}
    for label, path, _is_post, _goal, per_row in ENDPOINTS:
        for server in (ours, theirs):
            server.paths[label] = server.prefix + path.replace("{id}", ids[server.name])
        if per_row:
            counts[label] = (rows_of(ours, ours.paths[label]), rows_of(theirs, theirs.paths[label]))
        else:
            counts[label] = (1, 1)
    return counts


def rounds(args, work, ours: Server, theirs: Server) -> dict[str, dict[str, list[dict]]]:
    results: dict[str, dict[str, list[dict]]] = {}
    floor = ("trivial JSON view (floor)", f"{OURS_PREFIX}/floor.json")
    for label, _path, _post, _goal, _per_row in ENDPOINTS:  # warm-up, not counted
        for server in (ours, theirs):
            if not _post:
                measure(server, server.paths[label], 1, "", work)
    for number in range(args.runs):
        print(f"round {number + 1}/{args.runs} …", file=sys.stderr)
        result = measure(ours, floor[1], args.seconds, "", work, postmaster(args.pgdata))
        results.setdefault(floor[0], {}).setdefault("ours", []).append(result)
        for label, _path, is_post, _goal, _per_row in ENDPOINTS:
            for server in (ours, theirs):
                body = server.post_body if is_post else ""
                db = postmaster(args.pgdata)
                result = measure(server, server.paths[label], args.seconds, body, work, db)
                results.setdefault(label, {}).setdefault(server.name, []).append(result)
    return results


def _median(values):
    return statistics.median(values) if values else float("nan")


def _cpu(results: list[dict]) -> str:
    """Server CPU ms per request; "+ database" when PostgreSQL's processes were measured."""
    app = _median([r["cpu_ms"] for r in results])
    db = _median([r["db_cpu_ms"] for r in results])
    return f"{app:.1f} + {db:.1f}" if db > 0 else f"{app:.1f}"


def table(results, counts) -> list[str]:
    lines = [
        "| Open311 endpoint | rows ours/peer | ours req/s | peer req/s | ours/peer "
        "| spread | goal | ours CPU ms/req | peer CPU ms/req | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, by_server in results.items():
        ours = by_server["ours"]
        peer = by_server.get("peer")
        o_rps = _median([r["rps"] for r in ours])
        o_cpu = _cpu(ours)
        errors = sum(r["errors"] for r in ours + (peer or []))
        if not peer:
            lines.append(f"| {label} | | {o_rps:.0f} | | | | | {o_cpu} | | {errors} |")
            continue
        rows = counts[label]
        weight = rows[0] / rows[1]
        ratios = [o["rps"] / p["rps"] * weight for o, p in zip(ours, peer, strict=True)]
        goal = next(g for lbl, _p, _post, g, _r in ENDPOINTS if lbl == label)
        ratio = _median(ratios)
        mark = "✔" if ratio >= goal else "✘"
        p_rps = _median([p["rps"] for p in peer])
        lines.append(
            f"| {label} | {rows[0]}/{rows[1]} | {o_rps:.0f} | {p_rps:.0f} "
            f"| {ratio:.2f}× | {min(ratios):.2f}–{max(ratios):.2f} | ≥ {goal}× {mark} "
            f"| {o_cpu} | {_cpu(peer)} | {errors} |"
        )
    return lines


def options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peer-repo", default=os.environ.get("PEER_REPO", DEFAULT_PEER_REPO))
    default_work = os.environ.get("OPEN311_BENCH_DIR") or str(
        Path(tempfile.gettempdir()) / "quartier-open311-side-by-side"
    )
    parser.add_argument("--work-dir", default=default_work)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="ours; empty: SQLite")
    parser.add_argument("--peer-database-url", default="", help="the peer's; empty: SQLite")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8910, help="ours; the peer gets port + 1")
    parser.add_argument(
        "--no-answer-cache",
        action="store_true",
        help="ours without kept answers (OPEN311_ANSWER_CACHE=0): every answer is built",
    )
    parser.add_argument(
        "--pgdata", default="", help="PostgreSQL's data directory: its CPU time is shown too"
    )
    return parser.parse_args()


def main() -> int:
    args = options()
    work = Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    try:
        peer = peer_checkout(args.peer_repo, work)
        python = peer_python(peer, work, postgres=bool(args.peer_database_url))
    except Skip as exc:
        print(f"skipped: {exc}")
        return 0
    database = "PostgreSQL" if args.database_url else "SQLite"
    o_env = ours_env(args.database_url, work)
    o_env["OPEN311_ANSWER_CACHE"] = "0" if args.no_answer_cache else "1"
    export = work / f"export-{'pg' if args.database_url else 'sqlite'}-{args.reports}.jsonl"
    prepare_ours(o_env, args.reports, export)
    p_env = peer_env(args.peer_database_url, work)
    prepare_peer(python, peer, p_env, export)
    ours = theirs = None
    try:
        ours, theirs = start_servers(args, work, peer, python, o_env, p_env)
        counts = row_counts(ours, theirs)
        load_before = " ".join(f"{v:.1f}" for v in os.getloadavg())
        results = rounds(args, work, ours, theirs)
        load_after = " ".join(f"{v:.1f}" for v in os.getloadavg())
    finally:
        stop(ours.process if ours else None)
        stop(theirs.process if theirs else None)
    tool = "wrk -t2 -c10" if shutil.which("wrk") else "Python load generator, 10 connections"
    print(
        f"\n{database}, {args.reports} reports, answer cache "
        f"{'off' if args.no_answer_cache else 'on'}, gunicorn 2 sync workers, DEBUG off, {tool}, "
        f"{args.seconds:g} s per endpoint and server, {args.runs} rounds alternating ours/peer, "
        f"{os.cpu_count()} cores, load average {load_before} → {load_after}\n"
    )
    print("\n".join(table(results, counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
