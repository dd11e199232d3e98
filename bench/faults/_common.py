"""Shared parts of the fault scripts: the served app in a temp data dir, readers and commenters with
retries, and private PostgreSQL / Redis servers that only these scripts start, freeze and stop.

The machine's shared PostgreSQL (5432) and Redis (6379) are never touched: every script that
needs either starts its own on a free port in a temp directory and ends it by its own PID.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FAULTS_DIR = Path(__file__).resolve().parent
BENCH_DIR = FAULTS_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import comments_concurrency as cc  # noqa: E402  (bench/ is not a package)

BROADSHEET = cc.BROADSHEET
RAISED_LIMITS = cc.RAISED_LIMITS
free_port = cc.free_port


def app_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = cc.base_env(data_dir)
    env.update(DJANGO_SETTINGS_MODULE="_bench_settings", BENCH_BROADSHEET=json.dumps(RAISED_LIMITS), **extra)
    return env


def prepare_site(env: dict[str, str]) -> int:
    """Migrate the database and create the one story to comment on; return its id."""
    cc.run_child([str(BROADSHEET), "migrate", "--no-input", "-v", "0"], env)
    return int(cc.db_child("setup", env)["article_id"])


def stored_comments(env: dict[str, str]) -> dict[str, Any]:
    return cc.db_child("count", env)


class Server(cc.Server):
    """`broadsheet serve` with a chosen worker count; knows its workers' PIDs."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 4) -> None:
        super().__init__(env, log)
        self.workers = workers

    def start(self) -> None:
        cc.WORKERS = self.workers
        super().start()

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []


@dataclass
class Timeline:
    """Every request's (start time, seconds, status or None for no answer), per kind."""

    began: float = field(default_factory=time.monotonic)
    events: dict[str, list[tuple[float, float, int | None]]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, started: float, seconds: float, status: int | None) -> None:
        with self.lock:
            self.events.setdefault(kind, []).append((started - self.began, seconds, status))

    def now(self) -> float:
        return time.monotonic() - self.began


def timed_get(url: str, timeout: float = 10.0) -> tuple[float, int | None]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status: int | None = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except Exception:
        status = None
    return time.perf_counter() - started, status


def readers(
    base: str, paths: list[str], timeline: Timeline, stop: threading.Event, count: int = 4
) -> list[threading.Thread]:
    """`count` threads reading pages round-robin until `stop` is set."""

    def read(index: int) -> None:
        n = index
        while not stop.is_set():
            path = paths[n % len(paths)]
            n += 1
            started = time.monotonic()
            seconds, status = timed_get(base + path)
            timeline.add("page", started, seconds, status)

    threads = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads


def commenters(base: str, article_id: int, timeline: Timeline, stop: threading.Event, count: int = 2,
               run_id: str = "x") -> list[threading.Thread]:  # fmt: skip
    """`count` threads posting one comment after another (no retries: every answer is recorded)."""

    def post(index: int) -> None:
        client = cc.Client(base)
        n = 0
        while not stop.is_set():
            n += 1
            started = time.monotonic()
            try:
                token = client.token()
            except Exception as exc:
                timeline.add("comment", started, time.monotonic() - started, getattr(exc, "code", None))
                time.sleep(0.2)
                continue
            outcome = client.post(article_id, token, name=f"Fault reader {index}",
                                  email=f"fault-{run_id}-{index}-{n}@example.test",
                                  body=f"Comment {n} from reader {index} during a fault.")  # fmt: skip
            timeline.add("comment", started, outcome.seconds, outcome.status)

    threads = [threading.Thread(target=post, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    return threads


def window(timeline: Timeline, kind: str, start: float, end: float) -> dict[str, Any]:
    """Counts and latencies of `kind` requests that started in [start, end)."""
    events = [e for e in timeline.events.get(kind, []) if start <= e[0] < end]
    statuses: dict[str, int] = {}
    for _, _, status in events:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    seconds = sorted(e[1] for e in events)
    return {
        "requests": len(events),
        "statuses": dict(sorted(statuses.items())),
        "server_errors_5xx": sum(1 for _, _, s in events if s is not None and s >= 500 and s not in (503,)),
        "no_answer": sum(1 for _, _, s in events if s is None),
        "max_ms": round(seconds[-1] * 1000) if seconds else 0,
        "p50_ms": round(seconds[len(seconds) // 2] * 1000) if seconds else 0,
    }


def first_success_after(timeline: Timeline, kind: str, moment: float, ok: tuple[int, ...]) -> float | None:
    later = sorted(e for e in timeline.events.get(kind, []) if e[0] >= moment and e[2] in ok)
    return round(later[0][0] - moment, 2) if later else None


# --- private services ----------------------------------------------------------------------------


class PrivateRedis:
    """A redis-server of our own on a free port, in a temp dir; stopped, frozen and resumed by its PID."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.dir = root / "redis"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        exe = shutil.which("redis-server")
        if exe is None:
            raise RuntimeError("redis-server is not installed")
        self.proc = subprocess.Popen(
            [exe, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                import redis

                redis.Redis(port=self.port, socket_timeout=0.5).ping()
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("our redis-server did not start")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # in case it was frozen
            self.proc.terminate()
            self.proc.wait(timeout=10)
        self.proc = None

    def freeze(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)


class PrivatePostgres:
    """A PostgreSQL cluster of our own: initdb as the `postgres` OS user into a temp dir, a free port."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="bench-pg-", dir="/tmp"))
        self.data = self.dir / "data"
        self.socket_dir = self.dir / "run"
        self.log = self.dir / "postgres.log"  # the postgres user cannot enter the caller's temp dir

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/broadsheet"

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True,
                              check=False, timeout=120)  # fmt: skip
        if check and done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}{log}")
        return done

    def start(self) -> None:
        shutil.chown(self.dir, "postgres")
        self.dir.chmod(0o700)
        self._as_postgres(_pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        self.socket_dir.mkdir()
        shutil.chown(self.socket_dir, "postgres")
        self.pg_ctl(
            "start", "-w", "-o", f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        )
        import psycopg

        with psycopg.connect(f"postgres://postgres@127.0.0.1:{self.port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE broadsheet")

    def pg_ctl(self, action: str, *args: str) -> None:
        self._as_postgres(_pg_bin("pg_ctl"), action, "-D", str(self.data), "-l", str(self.log), *args)

    def stop(self) -> None:
        if self.data.exists():
            self._as_postgres(_pg_bin("pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def _pg_bin(name: str) -> str:
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} is not installed")
    return found


def print_table(title: str, rows: list[tuple[str, Any]]) -> None:
    print(f"\n### {title}\n\n| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


def save(name: str, result: dict[str, Any]) -> None:
    out = BENCH_DIR / "results" / f"fault_{name}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2, default=str))
