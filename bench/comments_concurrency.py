"""Concurrency check for posting comments: does every accepted comment end up stored, exactly once?

Not a timed test. For each profile (embedded SQLite; scale = PostgreSQL + Redis, skipped with a
message when either is unreachable) it migrates a fresh database, creates one public article,
starts `broadsheet serve` (4 workers) and has 8 client threads post 1,000 comments the way a
browser does: GET /comments/token/, then POST /comments/<id>/ with the CSRF token, the signed
start time and the server's idempotency key. Rate limits are raised for that phase; it then
compares accepted responses with the rows in the database. A second, short phase uses the
normal settings and checks the flood defence: one client posts 50 comments from one IP address
(a new email address each time, so it is the per-network limit that has to stop it).

Prints a markdown table, writes bench/results/comments_concurrency.json, and exits non-zero
when accepted responses and stored rows disagree (MISMATCH) or a phase could not finish.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "comments_concurrency.json"
BROADSHEET = Path(sys.executable).with_name("broadsheet")

COMMENTS = 1000
CLIENTS = 8
WORKERS = 4
FLOOD_POSTS = 50
REQUEST_TIMEOUT = 30.0  # seconds; gunicorn's own worker timeout is 30 s too
LOAD_DEADLINE = 300.0  # the load phase aborts after five minutes
SERVER_START_TIMEOUT = 240.0  # the first start collects and compresses the static files
PG_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/14"
RAISED_LIMITS = {
    "comment_rate_per_ip": 1_000_000,
    "comment_rate_per_email": 1_000_000,
    "comment_min_fill_seconds": 0,
}


# --- the database side, run in a child process with Django set up ------------------------------


def db_command(action: str) -> None:
    """`--db setup` creates the section and article; `--db count` lists the stored comments."""
    import django

    django.setup()
    from broadsheet.comments.models import Comment
    from broadsheet.content import services
    from broadsheet.content.models import Article, Section

    if action == "setup":
        section = services.save_section(Section(name="Bench", slug="bench"), by=None)
        article = services.create_article(
            by=None,
            headline="Concurrency bench story",
            section=section,
            bylines=["Bench Desk"],
            body="<p>A story for readers to comment on, many at once.</p>",
        )
        services.publish_article(article, by=None)
        print(json.dumps({"article_id": article.pk}))
    else:
        article = Article.objects.get(slug="concurrency-bench-story")
        rows = list(Comment.objects.filter(article=article).values_list("idempotency_key", "status"))
        print(json.dumps({"rows": len(rows), "keys": [key for key, _ in rows], "statuses": [s for _, s in rows]}))


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_child(args: list[str], env: dict[str, str], *, timeout: float = 300) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def db_child(action: str, env: dict[str, str]) -> dict[str, Any]:
    out = run_child([sys.executable, str(Path(__file__).resolve()), "--db", action], env)
    return dict(json.loads(out.strip().splitlines()[-1]))


class Server:
    """`broadsheet serve` on a free port; stopped by its own PID only."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = [str(BROADSHEET), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(WORKERS)]
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(args, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"broadsheet serve exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base}/comments/token/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"broadsheet serve did not answer within {SERVER_START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # gunicorn's master stops its own workers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def log_findings(self) -> dict[str, int]:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return {
            "database_is_locked": text.count("database is locked"),
            "tracebacks": text.count("Traceback (most recent call last)"),
            "worker_timeouts": text.count("WORKER TIMEOUT"),
        }


# --- the client -----------------------------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 303 is the answer we measure, not something to follow


@dataclass
class Outcome:
    kind: str  # approved | held | rate_limited | error
    status: int | None
    seconds: float  # the POST alone
    key: str = ""
    detail: str = ""


@dataclass
class Tally:
    outcomes: list[Outcome] = field(default_factory=list)
    token_seconds: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)


class Client:
    """One reader's browser: its own cookie jar, a token before each comment."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def token(self) -> dict[str, str]:
        with self.opener.open(f"{self.base}/comments/token/", timeout=REQUEST_TIMEOUT) as response:
            return dict(json.loads(response.read()))

    def post(self, article_id: int, token: dict[str, str], *, name: str, email: str, body: str) -> Outcome:
        form = {
            "csrfmiddlewaretoken": token["csrf"],
            "started": token["started"],
            "key": token["key"],
            "name": name,
            "email": email,
            "body": body,
        }
        request = urllib.request.Request(
            f"{self.base}/comments/{article_id}/", data=urllib.parse.urlencode(form).encode(), method="POST"
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, text, location = response.status, response.read().decode(errors="replace"), ""
        except urllib.error.HTTPError as exc:
            status, location = exc.code, exc.headers.get("Location", "")
            text = exc.read().decode(errors="replace")
        except Exception as exc:  # timeouts, resets: the client never learns what happened
            return Outcome("error", None, time.perf_counter() - started, token["key"], f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - started
        if status == 303 and "#comment-" in location:
            return Outcome("approved", status, seconds, token["key"])
        if status == 200 and "held for review" in text:
            return Outcome("held", status, seconds, token["key"])
        if status == 429:
            return Outcome("rate_limited", status, seconds, token["key"])
        return Outcome("error", status, seconds, token["key"], page_message(text))


def page_message(html: str) -> str:
    """The message a form page shows, or the page title: enough to tell errors apart."""
    match = re.search(r'class="form-message[^"]*"[^>]*>(.*?)</', html, re.S) or re.search(
        r"<title>(.*?)</title>", html, re.S
    )
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())[:160] if match else html[:160]


def load_phase(base: str, article_id: int, run_id: str) -> dict[str, Any]:
    work: queue.Queue[int] = queue.Queue()
    for n in range(COMMENTS):
        work.put(n)
    tally = Tally()
    deadline = time.monotonic() + LOAD_DEADLINE
    aborted = threading.Event()

    def reader(index: int) -> None:
        client = Client(base)
        while True:
            if time.monotonic() > deadline:
                aborted.set()
                return
            try:
                n = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                token = client.token()
            except Exception as exc:
                tally.add(Outcome("error", getattr(exc, "code", None), 0.0, "", f"token: {type(exc).__name__}: {exc}"))
                continue
            with tally.lock:
                tally.token_seconds.append(time.perf_counter() - started)
            tally.add(
                client.post(
                    article_id,
                    token,
                    name=f"Bench Reader {index}",
                    email=f"reader-{run_id}-{n}@example.test",
                    body=f"Comment {n} of run {run_id}: a considered view from reader {index}, written once.",
                )
            )

    began = time.perf_counter()
    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT * 2 + 5)
    wall = time.perf_counter() - began
    if any(thread.is_alive() for thread in threads):
        aborted.set()
    with tally.lock:
        outcomes = list(tally.outcomes)
        token_seconds = list(tally.token_seconds)
    return summarise(outcomes, token_seconds, wall, aborted=aborted.is_set())


def summarise(outcomes: list[Outcome], token_seconds: list[float], wall: float, *, aborted: bool) -> dict[str, Any]:
    accepted = [o for o in outcomes if o.kind in ("approved", "held")]
    errors: dict[str, int] = {}
    for o in outcomes:
        if o.kind == "error":
            label = f"{o.status or 'no response'}: {o.detail}"
            errors[label] = errors.get(label, 0) + 1
    posts = sorted(o.seconds for o in outcomes if o.seconds)
    return {
        "attempted": len(outcomes),
        "accepted": len(accepted),
        "approved_303": sum(o.kind == "approved" for o in outcomes),
        "held_200": sum(o.kind == "held" for o in outcomes),
        "rate_limited_429": sum(o.kind == "rate_limited" for o in outcomes),
        "errors": sum(o.kind == "error" for o in outcomes),
        "error_kinds": errors,
        "post_p50_ms": round(percentile(posts, 50) * 1000, 1),
        "post_p99_ms": round(percentile(posts, 99) * 1000, 1),
        "post_max_ms": round(posts[-1] * 1000, 1) if posts else 0.0,
        "token_p50_ms": round(percentile(sorted(token_seconds), 50) * 1000, 1),
        "wall_seconds": round(wall, 2),
        "accepted_per_second": round(len(accepted) / wall, 1) if wall else 0.0,
        "aborted": aborted,
        "accepted_keys": [o.key for o in accepted],
        "unknown_keys": [o.key for o in outcomes if o.kind == "error" and o.status is None and o.key],
    }


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1] if pct < 100 else values[-1]


def flood_phase(base: str, article_id: int, run_id: str) -> dict[str, Any]:
    """One client, one IP, 50 comments as fast as the default limits let a form be sent (3 s fill time)."""
    client = Client(base)
    tokens = [client.token() for _ in range(FLOOD_POSTS)]
    time.sleep(3.2)  # the default minimum fill time is 3 s; the flood should meet the rate limit, not that
    window = 600
    bucket_before = int(time.time() // window)
    outcomes = [
        client.post(
            article_id,
            token,
            name="Flood",
            email=f"flood-{run_id}-{n}@example.test",
            body=f"Flood comment {n} of run {run_id}.",
        )
        for n, token in enumerate(tokens)
    ]
    result = {
        "posted": len(outcomes),
        "accepted": sum(o.kind in ("approved", "held") for o in outcomes),
        "rate_limited_429": sum(o.kind == "rate_limited" for o in outcomes),
        "errors": sum(o.kind == "error" for o in outcomes),
        "error_kinds": sorted({f"{o.status}: {o.detail}" for o in outcomes if o.kind == "error"}),
        "crossed_rate_window": int(time.time() // window) != bucket_before,
    }
    return result


# --- profiles -------------------------------------------------------------------------------------


def base_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BROADSHEET_", "BENCH_", "DJANGO_"))}
    env["BROADSHEET_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH_DIR), env.get("PYTHONPATH", "")]))
    return env


def reachable(profile: str) -> str | None:
    """Return why the scale profile cannot run here, or None when it can."""
    if profile != "scale":
        return None
    try:
        import psycopg

        psycopg.connect(f"{PG_URL}/postgres", connect_timeout=3).close()
    except Exception as exc:
        return f"PostgreSQL at {PG_URL} is unreachable ({type(exc).__name__}: {exc})"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as exc:
        return f"Redis at {REDIS_URL} is unreachable ({type(exc).__name__}: {exc})"
    return None


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_URL}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def redis_delete(pattern: str) -> int:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
    keys = list(client.scan_iter(match=pattern, count=1000))
    return int(client.delete(*keys)) if keys else 0


def run_profile(profile: str, root: Path, run_id: str) -> dict[str, Any]:
    # One data directory for both profiles: the static files are collected (and compressed) once;
    # the SQLite file and the file cache in it are used by the embedded profile only.
    data_dir = root
    env = base_env(data_dir)
    db_name = f"bench_comments_{os.getpid()}"
    prefix = f"bench-{run_id}"
    if profile == "scale":
        env["BROADSHEET_DATABASE_URL"] = f"{PG_URL}/{db_name}"
        env["BROADSHEET_REDIS_URL"] = REDIS_URL
        pg_admin(f'CREATE DATABASE "{db_name}"')
    result: dict[str, Any] = {"profile": profile}
    server: Server | None = None
    try:
        load_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": "_bench_settings",
            "BENCH_BROADSHEET": json.dumps(RAISED_LIMITS),
            "BENCH_CACHE_PREFIX": prefix,
        }
        run_child([str(BROADSHEET), "migrate", "--no-input", "-v", "0"], load_env)
        article_id = int(db_child("setup", load_env)["article_id"])

        server = Server(load_env, data_dir / f"serve-{profile}-load.log")
        server.start()
        load = load_phase(server.base, article_id, run_id)
        server.stop()
        load["server_log"] = server.log_findings()
        server = None

        stored = db_child("count", load_env)
        accepted_keys, stored_keys = set(load.pop("accepted_keys")), set(stored["keys"])
        unknown_keys = set(load.pop("unknown_keys"))
        load["rows_stored"] = stored["rows"]
        load["accepted_not_stored"] = len(accepted_keys - stored_keys)
        extra = stored_keys - accepted_keys
        load["stored_not_accepted"] = len(extra)
        load["stored_after_client_timeout"] = len(extra & unknown_keys)
        load["duplicate_keys_stored"] = stored["rows"] - len(stored_keys)
        load["mismatch"] = stored["rows"] != load["accepted"] or bool(accepted_keys ^ stored_keys)
        result["load"] = load

        # The flood phase: the product's normal settings and default limits (no BENCH_BROADSHEET),
        # with a cache prefix of its own so its counters start at zero and touch nobody else's keys.
        flood_env = {**env, "DJANGO_SETTINGS_MODULE": "_bench_settings", "BENCH_CACHE_PREFIX": f"{prefix}-flood"}
        server = Server(flood_env, data_dir / f"serve-{profile}-flood.log")
        server.start()
        result["flood"] = flood_phase(server.base, article_id, run_id)
        server.stop()
        result["flood"]["server_log"] = server.log_findings()
        server = None
    finally:
        if server is not None:
            server.stop()
        if profile == "scale":
            try:
                pg_admin(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
                redis_delete(f"{prefix}:*")
                redis_delete(f"{prefix}-flood:*")
            except Exception as exc:
                print(f"cleanup of {db_name} / Redis keys failed: {exc}", file=sys.stderr)
    return result


# --- report ---------------------------------------------------------------------------------------


def rows(r: dict[str, Any]) -> list[tuple[str, Any]]:
    load, flood, log = r["load"], r["flood"], r["load"]["server_log"]
    return [
        ("Comments attempted", load["attempted"]),
        ("Accepted (303 + held 200)", f"{load['accepted']} ({load['approved_303']} + {load['held_200']})"),
        ("Rows stored", load["rows_stored"]),
        ("Accepted = stored", "**MISMATCH**" if load["mismatch"] else "yes"),
        ("429 (rate limited)", load["rate_limited_429"]),
        ("Other errors", load["errors"]),
        ("POST latency p50 / p99 / max (ms)", f"{load['post_p50_ms']} / {load['post_p99_ms']} / {load['post_max_ms']}"),
        ("Token GET p50 (ms)", load["token_p50_ms"]),
        ("Wall time (s)", load["wall_seconds"]),
        ("Throughput (accepted/s)", load["accepted_per_second"]),
        ("Server log: 'database is locked' / tracebacks", f"{log['database_is_locked']} / {log['tracebacks']}"),
        (
            f"Flood, default limits: accepted / 429 / errors of {flood['posted']}",
            f"{flood['accepted']} / {flood['rate_limited_429']} / {flood['errors']}",
        ),
    ]


def table(results: dict[str, dict[str, Any]]) -> str:
    ran = {name: r for name, r in results.items() if "load" in r and "flood" in r}
    if not ran:
        return "(no profile ran)"
    lines = ["| Measure | " + " | ".join(ran) + " |", "|---|" + "---|" * len(ran)]
    columns = [rows(r) for r in ran.values()]
    for i, (label, _) in enumerate(columns[0]):
        lines.append(f"| {label} | " + " | ".join(str(column[i][1]) for column in columns) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["setup", "count"], help=argparse.SUPPRESS)
    parser.add_argument("--profile", choices=["embedded", "scale"], action="append", help="run only these")
    args = parser.parse_args()
    if args.db:
        db_command(args.db)
        return 0

    run_id = f"{os.getpid()}-{int(time.time())}"
    profiles = args.profile or ["embedded", "scale"]
    results: dict[str, dict[str, Any]] = {}
    failed = False
    root = Path(tempfile.mkdtemp(prefix="broadsheet-bench-comments-"))
    try:
        for profile in profiles:
            why_not = reachable(profile)
            if why_not:
                print(f"SKIPPED profile {profile}: {why_not}")
                results[profile] = {"profile": profile, "skipped": why_not}
                continue
            print(f"Profile {profile}: {COMMENTS} comments from {CLIENTS} clients, {WORKERS} workers ...", flush=True)
            try:
                results[profile] = run_profile(profile, root, run_id)
            except Exception as exc:
                failed = True
                print(f"FAILED profile {profile}: {type(exc).__name__}: {exc}")
                results[profile] = {"profile": profile, "failed": f"{type(exc).__name__}: {exc}"}
    finally:
        shutil.rmtree(root, ignore_errors=True)

    print()
    print(table(results))
    print(
        f"\n{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the end "
        "(timings are only as quiet as the machine)."
    )
    for name, r in results.items():
        load, flood = r.get("load"), r.get("flood")
        if load is None:
            continue
        if load["mismatch"]:
            failed = True
            print(
                f"\n!!! MISMATCH ({name}): {load['accepted']} accepted, {load['rows_stored']} rows stored; "
                f"{load['accepted_not_stored']} accepted but not stored, {load['stored_not_accepted']} stored but "
                f"not accepted ({load['stored_after_client_timeout']} after a client timeout), "
                f"{load['duplicate_keys_stored']} duplicate keys."
            )
        if load["aborted"]:
            failed = True
            print(f"\n!!! ABORTED ({name}): the load phase hit its {LOAD_DEADLINE:.0f} s limit.")
        if load["error_kinds"]:
            print(f"\nErrors reaching clients ({name}):")
            for label, count in sorted(load["error_kinds"].items(), key=lambda item: -item[1]):
                print(f"  {count:5d} × {label}")
        if flood and flood["crossed_rate_window"]:
            print(f"\nNote ({name}): the flood crossed a rate-limit window boundary, so up to twice the limit passed.")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    setup = {
        "comments": COMMENTS,
        "clients": CLIENTS,
        "workers": WORKERS,
        "threads_per_worker": 2,
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],  # other work on the machine skews timings
        "load_overrides": RAISED_LIMITS,
        "flood_posts": FLOOD_POSTS,
        "request_timeout_seconds": REQUEST_TIMEOUT,
    }
    RESULTS.write_text(json.dumps({"run_id": run_id, "setup": setup, "profiles": results}, indent=2) + "\n")
    print(f"\nWrote {RESULTS.relative_to(BENCH_DIR.parent)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
