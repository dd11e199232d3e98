"""Page-serving benchmark: cached and uncached pages, nginx static as the limit, Varnish in front, stampedes.

Not a timed test: it prints figures (a markdown table) and writes bench/results/pages.json.

- Checks for wrk, nginx and varnishd (+ the xkey vmod) and says what to `apt-get install` when one
  is missing; installs nothing itself. Without wrk it cannot measure and exits 1; without nginx or
  Varnish those rows are skipped with a note.
- Builds a dataset in a temporary data directory (SQLite, the embedded profile) with bulk inserts:
  public articles with sections, tags, staff and wire bylines, and comments on some of them.
  10,000 articles by default, 100,000 with BENCH_SCALE=large; BENCH_QUICK=1 makes a small, short
  run (2,000 articles, 3 s loads) to check the script itself.
- Uncached pages: `broadsheet serve` with the page cache switched off through a settings override
  (BENCH_BROADSHEET='{"page_cache_enabled": false}'), same URLs, 8 connections (renders take tens of
  milliseconds to seconds; 64 connections would only queue). Latency against dataset size is the
  p50 with one connection (server time, no queueing) at 1,000 articles, then after bulk-adding up to
  the full size in the same database.
- Uncached pages and search: `broadsheet serve --front none` (the app alone, so p50s are server time).
- Cached pages: `broadsheet serve` as shipped (nginx in front answering cache hits, gunicorn gthread
  workers behind it; ADR 0040), warmed first; and the article once more from the app alone.
- nginx serves the same article bytes as a static file (the physical limit); Varnish (xkey, with the
  VCL `broadsheet vcl` prints) sits in front of the app for the scale profile's figure, and an xkey
  purge is checked to be exact. The two are measured in alternation (three times each) and averaged. Varnish
  runs with http_gzip_support=off: wrk asks for no compression, and with gzip support on Varnish would
  store the gzipped page and gunzip it for every wrk request (a third of the throughput), which no
  browser would cause; off, it stores and sends the same uncompressed bytes nginx sends.
- Stampede: the page cache in Redis (shared by all workers, as in the scale profile), wrk hammering the
  hot article while the bench process purges its keys a few times; a wrk Lua script counts X-Cache
  MISS answers (renders). Run with the nginx front and with the app alone. Skipped when Redis is not
  reachable on 127.0.0.1:6379 (BENCH_REDIS_URL picks the database, 13 by default).
- Servers compared on the cached article: gunicorn sync/gthread at several worker counts, and granian
  when it is installed in this virtualenv (`pip install granian`; not a project dependency).

Everything listens on 127.0.0.1, every load is bounded in time, and every process started here is
stopped by its own PID in a `finally` block. The machine may be shared: the 1-minute load average is
recorded with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import global_settings

from broadsheet.cli.varnish import render_vcl

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "pages.json"
VENV_BIN = Path(sys.executable).parent
BROADSHEET = VENV_BIN / "broadsheet"

LARGE = os.environ.get("BENCH_SCALE", "").lower() == "large"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
ARTICLES = 100_000 if LARGE else (2_000 if QUICK else 10_000)
SMALL = 1_000  # the first size for "latency against dataset size"
DURATION = 3 if QUICK else 10  # seconds per throughput load
LATENCY_DURATION = 2 if QUICK else 5  # seconds per one-connection latency load
TIMING_SAMPLES = 10 if QUICK else 40  # sequential requests read for the app's own Server-Timing
CONNECTIONS = 64
LIMIT_ROUNDS = 1 if QUICK else 3  # nginx static and Varnish, measured in alternation this many times each
UNCACHED_CONNECTIONS = 8  # uncached renders take tens of ms to seconds: 64 would only queue (and time out)
WRK_THREADS = 2
SERVER_START_TIMEOUT = 240.0  # the first start collects and compresses the static files
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
STAMPEDE_PURGES = 1 if QUICK else 3
SERVER_ROUNDS = 1 if QUICK else 2

TARGETS = {
    "cached_article_vs_nginx": 0.50,
    "varnish_article_vs_nginx": 0.80,
    "uncached_article_p50_ms": 15.0,
    "uncached_list_growth": 0.20,
    "renders_per_purge": 1.0,
}

APT = {"wrk": "wrk", "nginx": "nginx-light", "varnishd": "varnish", "xkey": "varnish-modules"}


# --- the database side, run in a child process with Django set up ------------------------------


SECTIONS = ["News", "World", "Business", "Sport", "Culture", "Science", "Opinion", "Travel"]
FIRST = ["Ana", "Tom", "Mei", "Ravi", "Olu", "Sara", "Ivan", "Lena", "Kofi", "Nora"]
LAST = ["Ruiz", "Lee", "Okafor", "Novak", "Haddad", "Berg", "Sato", "Moreau"]
CITIES = ["LISBON", "NAIROBI", "OSAKA", "LIMA", "OSLO", "CAIRO", "PERTH", "QUITO"]
WORDS = [
    "council",
    "harbour",
    "budget",
    "river",
    "festival",
    "transit",
    "school",
    "market",
    "bridge",
    "election",
    "storm",
    "museum",
    "library",
    "vaccine",
    "orchard",
    "railway",
    "stadium",
    "summit",
    "drought",
    "archive",
]
VERBS = ["approves", "delays", "reopens", "expands", "questions", "rejects", "unveils", "funds", "restores", "reviews"]


def _paragraph(n: int, k: int) -> str:
    w = [WORDS[(n * 7 + k * 3 + j) % len(WORDS)] for j in range(8)]
    return (
        f"<p>Officials said the {w[0]} plan would change how the {w[1]} and the {w[2]} are run, "
        f"after months of debate about the {w[3]}. Residents near the {w[4]} said they wanted answers "
        f"before the {w[5]} season, and that the {w[6]} should come first. Paragraph {k} of story {n}.</p>"
    )


def _body(n: int) -> str:
    parts = [_paragraph(n, k) for k in range(3)]
    parts.append("<h2>What happens next</h2>")
    parts.append(f"<blockquote><p>We will publish the {WORDS[n % len(WORDS)]} figures next week.</p></blockquote>")
    parts.extend(_paragraph(n, k) for k in range(3, 5))
    parts.append("<ul><li>First point.</li><li>Second point.</li></ul>")
    return "".join(parts)


def build(total: int) -> dict[str, Any]:
    """Bring the database up to `total` public articles (bulk inserts; a fixture, not product data)."""
    import secrets
    from datetime import timedelta

    from django.db import transaction
    from django.utils import timezone

    from broadsheet.comments.models import Comment, CommentStatus
    from broadsheet.comments.text import render_comment
    from broadsheet.content.models import Article, Author, Byline, Section, Status, Tag

    began = time.monotonic()
    with transaction.atomic():
        if not Section.objects.exists():
            Section.objects.bulk_create(
                Section(name=name, slug=name.lower(), order=i) for i, name in enumerate(SECTIONS)
            )
            Tag.objects.bulk_create(Tag(name=f"{w.title()} {i}", slug=f"{w}-{i}") for i, w in enumerate(WORDS * 3))
            Author.objects.bulk_create(
                Author(name=f"{f} {last}", slug=f"{f}-{last}".lower(), role="Correspondent")
                for f in FIRST
                for last in LAST[:4]
            )
    sections = list(Section.objects.order_by("pk"))
    tag_ids = list(Tag.objects.order_by("pk").values_list("pk", flat=True))
    author_ids = list(Author.objects.order_by("pk").values_list("pk", flat=True))
    have = Article.objects.count()
    now = timezone.now()
    batch = 2000
    for start in range(have, total, batch):
        stop = min(total, start + batch)
        with transaction.atomic():
            articles = []
            for n in range(start, stop):
                published = now - timedelta(hours=1) - timedelta(minutes=7 * n)  # story 0 is the newest
                w = WORDS[n % len(WORDS)]
                articles.append(
                    Article(
                        headline=f"{w.title()} {VERBS[n % len(VERBS)]} plan for the {WORDS[(n * 3) % len(WORDS)]}",
                        slug=f"{w}-story-{n}",
                        kicker="Breaking" if n % 9 == 0 else "",
                        dek=f"What the decision on the {w} means for readers, in story number {n}.",
                        body=_body(n),
                        section=sections[n % len(sections)],
                        dateline=CITIES[n % len(CITIES)],
                        status=Status.PUBLISHED,
                        published_at=published,
                        updated_at=published,
                    )
                )
            Article.objects.bulk_create(articles)
            ids = dict(Article.objects.filter(slug__in=[a.slug for a in articles]).values_list("slug", "pk"))
            bylines, tagged, comments = [], [], []
            for n, article in zip(range(start, stop), articles, strict=True):
                pk = ids[article.slug]
                bylines.append(Byline(article_id=pk, position=0, author_id=author_ids[n % len(author_ids)]))
                if n % 5 == 0:
                    bylines.append(Byline(article_id=pk, position=1, credit="Agency Staff"))
                for j in range(3):
                    tagged.append(Article.tags.through(article_id=pk, tag_id=tag_ids[(n * 5 + j * 11) % len(tag_ids)]))
                count = 60 if n == 0 else (3 if n % 10 == 0 else 0)  # the hot story has a long thread
                for c in range(count):
                    text = (
                        f"Reader view {c} on story {n}: the {WORDS[c % len(WORDS)]} matters more than the council says."
                    )
                    comments.append(
                        Comment(
                            article_id=pk,
                            author_name=f"Reader {c}",
                            author_email=f"reader{c}@example.test",
                            body=text,
                            body_html=render_comment(text),
                            status=CommentStatus.APPROVED,
                            idempotency_key=secrets.token_hex(16),
                        )
                    )
            Byline.objects.bulk_create(bylines)
            Article.tags.through.objects.bulk_create(tagged)
            Comment.objects.bulk_create(comments)
        # replies to the hot story's first comments, one level deep
        if start == 0:
            hot = Article.objects.get(slug=f"{WORDS[0]}-story-0")
            tops = list(Comment.objects.filter(article=hot).order_by("pk")[:20])
            Comment.objects.bulk_create(
                Comment(
                    article=hot,
                    thread=top,
                    in_reply_to=top,
                    author_name="Replier",
                    author_email="replier@example.test",
                    body="A reply.",
                    body_html=render_comment("A reply."),
                    status=CommentStatus.APPROVED,
                    idempotency_key=secrets.token_hex(16),
                )
                for top in tops
            )
    return {**info(), "build_seconds": round(time.monotonic() - began, 1)}


def info() -> dict[str, Any]:
    from broadsheet.comments.models import Comment
    from broadsheet.content.models import Article, Section

    hot = Article.objects.select_related("section").get(slug=f"{WORDS[0]}-story-0")
    plain = Article.objects.select_related("section").get(slug=f"{WORDS[1]}-story-1")  # no comments
    other = Section.objects.exclude(pk=hot.section_id).order_by("pk").first()
    return {
        "articles": Article.objects.count(),
        "comments": Comment.objects.count(),
        "article_id": hot.pk,
        "article": hot.get_absolute_url(),
        "article_comments": Comment.objects.filter(article=hot).count(),
        "plain_article": plain.get_absolute_url(),
        "section": hot.section.get_absolute_url(),
        "other_section": other.get_absolute_url() if other else "/",
    }


def purge_loop(article_id: int, times: int, delay: float, interval: float) -> dict[str, Any]:
    """Purge the hot story's keys the way a write does (content.effects.article_changed), `times` times."""
    from broadsheet.content.effects import article_changed

    print("ready", flush=True)  # Django is set up: the parent starts the load now
    time.sleep(delay)
    stamps = []
    for i in range(times):
        if i:
            time.sleep(interval)
        article_changed(article_id)
        stamps.append(time.time())
    return {"purged_at": stamps}


def db_command(args: argparse.Namespace) -> None:
    import django

    django.setup()
    if args.db == "build":
        print(json.dumps(build(args.articles)))
    elif args.db == "info":
        print(json.dumps(info()))
    else:
        print(json.dumps(purge_loop(args.article_id, args.times, args.delay, args.interval)))


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_avg() -> float:
    return round(os.getloadavg()[0], 2)


def base_env(data_dir: Path, overrides: dict[str, Any] | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BROADSHEET_", "BENCH_", "DJANGO_"))}
    env["BROADSHEET_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH_DIR), env.get("PYTHONPATH", "")]))
    env["DJANGO_SETTINGS_MODULE"] = "_bench_settings"
    env["BENCH_BROADSHEET"] = json.dumps(overrides or {})
    env.update(extra)
    return env


def db_child(env: dict[str, str], *args: str, timeout: float = 1800) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--db", *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:])} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            pids.append(int(entry.name))
    return pids


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Server:
    """A server process (its workers are its children) on a free port; stopped by its own PID only."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], log: Path, port: int) -> None:
        self.name, self.args, self.env, self.log, self.port = name, args, env, log, port
        self.base = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.peak_rss_kb: dict[int, int] = {}
        self.peak_pss_kb: dict[int, int] = {}
        self._sampling = threading.Event()
        self._sampler: threading.Thread | None = None

    @classmethod
    def broadsheet(cls, name: str, env: dict[str, str], log: Path, *extra: str) -> Server:
        port = free_port()
        return cls(name, [str(BROADSHEET), "serve", "--host", "127.0.0.1", "--port", str(port), *extra], env, log, port)

    def start(self, ready_path: str = "/") -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(self.args, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.base + ready_path, timeout=5) as response:
                    if response.status == 200:
                        break
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        else:
            raise RuntimeError(f"{self.name} did not answer within {SERVER_START_TIMEOUT:.0f} s:\n{self.log_tail()}")
        self._sampling.set()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while self._sampling.is_set() and self.proc is not None and self.proc.poll() is None:
            for pid in child_pids(self.proc.pid):
                self.peak_rss_kb[pid] = max(self.peak_rss_kb.get(pid, 0), _status_kb(pid, "VmHWM"))
                self.peak_pss_kb[pid] = max(self.peak_pss_kb.get(pid, 0), _pss_kb(pid))
            time.sleep(0.5)

    def memory(self) -> dict[str, Any]:
        rss = [v for v in self.peak_rss_kb.values() if v]
        pss = [v for v in self.peak_pss_kb.values() if v]
        return {
            "worker_processes_seen": len(rss),  # more than the worker count means workers were recycled
            "peak_rss_mib_max": round(max(rss) / 1024, 1) if rss else None,
            "peak_rss_mib_mean": round(sum(rss) / len(rss) / 1024, 1) if rss else None,
            "peak_pss_mib_max": round(max(pss) / 1024, 1) if pss else None,
        }

    def stop(self) -> None:
        self._sampling.clear()
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # the master stops its own workers
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def log_findings(self) -> dict[str, int]:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return {"tracebacks": text.count("Traceback (most recent call last)"), "worker_timeouts": text.count("TIMEOUT")}


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "broadsheet-bench"})  # no Accept-Encoding, like wrk
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers.items()), exc.read()


# --- wrk --------------------------------------------------------------------------------------------


def averaged(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One row from several wrk runs of the same URL: mean req/s and latencies, every run's req/s kept."""
    out = dict(runs[0])
    for name in ("rps", "p50_ms", "p99_ms"):
        values = [r[name] for r in runs if r.get(name) is not None]
        out[name] = round(sum(values) / len(values), 0 if name == "rps" else 2) if values else None
    out["rps"] = int(out["rps"] or 0)
    out["rounds_rps"] = [r.get("rps") for r in runs]
    out["non_2xx"] = sum(r.get("non_2xx", 0) for r in runs)
    out["socket_errors"] = sum(r.get("socket_errors", 0) for r in runs)
    out["load_avg_after"] = runs[-1].get("load_avg_after")
    errors = [r["error"] for r in runs if r.get("error")]
    if errors:
        out["error"] = errors[-1]
    return out


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, *, duration: int = DURATION, connections: int = CONNECTIONS, threads: int = WRK_THREADS,
        script: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Run wrk against `url` for `duration` seconds; return req/s, p50, p99 and errors."""
    threads = min(threads, connections)
    args = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--latency", "--timeout", "5s"]
    if script is not None:
        args += ["-s", str(script)]
    before = load_avg()
    done = subprocess.run([*args, url], capture_output=True, text=True, timeout=duration + 60, check=False)
    out = done.stdout
    result: dict[str, Any] = {"url": url, "connections": connections, "seconds": duration, "load_avg_before": before}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result["rps"] = round(float(rps.group(1))) if rps else 0
    for pct in ("50", "99"):
        match = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        result[f"p{pct}_ms"] = round(_ms(*match.groups()), 2) if match else None
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(int(x) for x in sock.groups()) if sock else 0
    xcache = re.search(r"XCACHE hit=(\d+) miss=(\d+) stale=(\d+) other=(\d+)", out)
    if xcache:
        result["x_cache"] = dict(zip(("HIT", "MISS", "STALE", "other"), map(int, xcache.groups()), strict=True))
    result["load_avg_after"] = load_avg()
    if done.returncode != 0 or not rps:
        result["error"] = (done.stderr or out)[-400:]
    return result


XCACHE_LUA = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit = 0; miss = 0; stale = 0; other = 0 end
function response(status, headers, body)
  local x = headers["X-Cache"] or headers["x-cache"]
  if x == "HIT" then hit = hit + 1 elseif x == "MISS" then miss = miss + 1
  elseif x == "STALE" then stale = stale + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local h, m, s, o = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hit"); m = m + t:get("miss"); s = s + t:get("stale"); o = o + t:get("other")
  end
  io.write(string.format("XCACHE hit=%d miss=%d stale=%d other=%d\\n", h, m, s, o))
end
"""


# --- nginx and Varnish ------------------------------------------------------------------------------


NGINX_CONF = """worker_processes {workers};
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {root}/tmp-client;
  proxy_temp_path {root}/tmp-proxy;
  fastcgi_temp_path {root}/tmp-fastcgi;
  uwsgi_temp_path {root}/tmp-uwsgi;
  scgi_temp_path {root}/tmp-scgi;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  server {{
    listen 127.0.0.1:{port};
    root {root}/www;
    location / {{ try_files $uri =404; }}
  }}
}}
"""


def find_tools() -> tuple[dict[str, str | None], list[str]]:
    tools: dict[str, str | None] = {
        "wrk": shutil.which("wrk"),
        "nginx": shutil.which("nginx") or next((p for p in ["/usr/sbin/nginx"] if Path(p).exists()), None),
        "varnishd": shutil.which("varnishd") or next((p for p in ["/usr/sbin/varnishd"] if Path(p).exists()), None),
    }
    xkey = next(iter(sorted(Path("/usr/lib").glob("*/varnish/vmods/libvmod_xkey.so"))), None)
    tools["xkey"] = str(xkey) if xkey else None
    missing = [APT[name] for name, path in tools.items() if path is None]
    return tools, missing


# --- phases -------------------------------------------------------------------------------------------


def check_ok(base: str, path: str) -> None:
    status, _, _ = fetch(base + path)
    if status != 200:
        raise RuntimeError(f"{base}{path} answered {status}; the measurement would be meaningless")


def latency_p50(base: str, path: str) -> dict[str, Any]:
    """One connection: the p50 is server time without queueing behind other requests.

    Also the app's own p50 wall and CPU time per request, from its Server-Timing header (bench
    settings), over sequential requests: CPU time is the figure least disturbed by other load.
    """
    measured = wrk(base + path, duration=LATENCY_DURATION, connections=1, threads=1)
    walls, cpus = [], []
    for _ in range(TIMING_SAMPLES):
        timing = fetch(base + path)[1].get("Server-Timing", "")
        found = dict(re.findall(r"(\w+);dur=([\d.]+)", timing))
        if "app" in found:
            walls.append(float(found["app"]))
            cpus.append(float(found["cpu"]))
    if walls:
        walls.sort()
        cpus.sort()
        measured["app_p50_ms"] = walls[len(walls) // 2]
        measured["app_cpu_p50_ms"] = cpus[len(cpus) // 2]
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["build", "info", "purge"], help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=ARTICLES, help=argparse.SUPPRESS)
    parser.add_argument("--article-id", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--times", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--delay", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--interval", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--skip-servers", action="store_true", help="skip the server comparison")
    args = parser.parse_args()
    if args.db:
        db_command(args)
        return 0

    tools, missing = find_tools()
    if missing:
        print(f"Missing tools: apt-get install -y {' '.join(missing)}")
    if tools["wrk"] is None:
        print("wrk is needed to measure anything: apt-get install -y wrk   (nothing measured)")
        return 1

    run_id = f"{os.getpid()}-{int(time.time())}"
    scale = "large" if LARGE else ("quick" if QUICK else "default")
    print(f"Pages benchmark ({scale}): {ARTICLES:,} articles, {DURATION} s loads, {CONNECTIONS} connections, "
          f"{os.cpu_count()} CPUs, load average {load_avg()}", flush=True)  # fmt: skip
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    result: dict[str, Any] = {"run_id": run_id, "scale": scale, "articles": ARTICLES, "cpus": os.cpu_count()}
    root = Path(tempfile.mkdtemp(prefix="broadsheet-bench-pages-"))
    data_dir = root / "data"
    servers: list[Server] = []
    others: list[subprocess.Popen[bytes]] = []

    def row(name: str, measured: dict[str, Any], **extra: Any) -> dict[str, Any]:
        entry = {"name": name, **measured, **extra}
        rows.append(entry)
        shown = f"{entry.get('rps', 0):>7} req/s  p50 {entry.get('p50_ms')} ms  p99 {entry.get('p99_ms')} ms"
        print(f"  {name:<44} {shown}  (load {entry.get('load_avg_before')})", flush=True)
        if entry.get("non_2xx") or entry.get("socket_errors") or entry.get("error"):
            print(f"    !! non-2xx {entry.get('non_2xx')} socket errors {entry.get('socket_errors')} "
                  f"{entry.get('error', '')}")  # fmt: skip
        return entry

    def start(server: Server, ready: str = "/") -> Server:
        servers.append(server)
        server.start(ready)
        return server

    def stop(server: Server) -> None:
        server.stop()
        servers.remove(server)

    try:
        env = base_env(data_dir)
        subprocess.run([str(BROADSHEET), "migrate", "--no-input", "-v", "0"], env=env, check=True, timeout=600)

        # 1. Uncached pages at 1,000 articles, then at the full size (same database, bulk-added).
        first = min(SMALL, ARTICLES)
        built = db_child(env, "build", "--articles", str(first))
        print(f"Built {built['articles']:,} articles in {built['build_seconds']} s", flush=True)
        urls = {
            "home": "/",
            "section": built["section"],
            "article": built["article"],
            "plain article": built["plain_article"],
            "feed": "/feeds/rss.xml",
            "search": "/search/?q=council",  # never cached: a query string other than ?page=
        }
        notes.append(
            f"'article' is the hot story with {built['article_comments']} comments and replies; "
            "'plain article' has none. Uncached = the same URL with the page cache switched off."
        )
        result["urls"] = urls
        uncached_env = base_env(data_dir, {"page_cache_enabled": False})
        scaling: dict[str, dict[str, Any]] = {}
        server = start(Server.broadsheet("uncached", uncached_env, root / "serve-uncached.log", "--front", "none"))
        for name in ("home", "section", "article", "plain article"):
            check_ok(server.base, urls[name])
            scaling[name] = {"small": latency_p50(server.base, urls[name])}
        stop(server)

        built = db_child(env, "build", "--articles", str(ARTICLES))
        print(f"Built up to {built['articles']:,} articles ({built['comments']:,} comments) in "
              f"{built['build_seconds']} s", flush=True)  # fmt: skip
        result["dataset"] = built
        server = start(Server.broadsheet("uncached", uncached_env, root / "serve-uncached.log", "--front", "none"))
        for name in ("home", "section", "article", "plain article"):
            scaling[name]["large"] = latency_p50(server.base, urls[name])
        result["scaling"] = {
            name: {
                "p50_ms_small": s["small"]["p50_ms"],
                "p50_ms_large": s["large"]["p50_ms"],
                "app_p50_ms": [s["small"].get("app_p50_ms"), s["large"].get("app_p50_ms")],
                "app_cpu_p50_ms": [s["small"].get("app_cpu_p50_ms"), s["large"].get("app_cpu_p50_ms")],
                "change": round(s["large"]["p50_ms"] / s["small"]["p50_ms"] - 1, 3) if s["small"]["p50_ms"] else None,
                "load_avg": [s["small"]["load_avg_before"], s["large"]["load_avg_before"]],
            }
            for name, s in scaling.items()
        }
        result["scaling_sizes"] = [first, built["articles"]]
        print(f"Uncached (page cache off), {UNCACHED_CONNECTIONS} connections:", flush=True)
        for name in ("home", "section", "article", "feed", "search"):
            check_ok(server.base, urls[name])
            measured = wrk(server.base + urls[name], connections=UNCACHED_CONNECTIONS)
            row(f"{name} (uncached, {UNCACHED_CONNECTIONS} connections)", measured, kind="uncached", page=name)
        for name in ("article", "plain article"):
            row(f"{name} (uncached, 1 connection)", scaling[name]["large"], kind="uncached-latency", page=name)
        row("search (1 connection)", latency_p50(server.base, urls["search"]), kind="uncached-latency", page="search")
        result["uncached_memory"] = server.memory()
        stop(server)
        notes.append(
            "Uncached rows and search: `broadsheet serve --front none` (the app alone: server time). "
            "Search pages are never cached (their query string)."
        )

        # 2. Cached pages from `broadsheet serve` as shipped.
        lua = root / "xcache.lua"
        lua.write_text(XCACHE_LUA)
        cached_env = base_env(data_dir, {"comment_min_fill_seconds": 0})  # lets the purge check post a comment
        server = start(Server.broadsheet("cached", cached_env, root / "serve-cached.log"), "/comments/token/")
        print(f"Cached (broadsheet serve defaults), {CONNECTIONS} connections:", flush=True)
        # The hot article was never requested from this server: its first seconds under load show how many
        # renders a cold page costs when every worker has its own page cache (the embedded profile).
        cold = row("article, cold cache under load (embedded)", wrk(server.base + urls["article"], duration=3,
                   script=lua), kind="stampede-cold", page="article")  # fmt: skip
        result["cold_stampede_embedded"] = {"x_cache": cold.get("x_cache"), "workers": default_workers()}
        for name in ("home", "section", "article", "feed"):
            warm(server.base + urls[name])
            row(f"{name} (cached)", wrk(server.base + urls[name]), kind="cached", page=name)
        cached_article = next(r for r in rows if r["name"] == "article (cached)")
        article_html = fetch(server.base + urls["article"])[2]
        result["article_bytes"] = len(article_html)
        result["cached_memory"] = server.memory()
        result["cached_log"] = server.log_findings()
        result["cached_front"] = fetch(server.base + urls["article"])[1].get("X-Front-Cache", "none (no nginx front)")
        try:
            result["embedded_purge"] = embedded_purge_check(server.base, built["article_id"], urls["article"])
        except Exception as exc:
            result["embedded_purge"] = {"failed": f"{type(exc).__name__}: {exc}"}
        # The same page from the app alone (no nginx front): what every hit cost before ADR 0040.
        alone = start(Server.broadsheet("cached-alone", cached_env, root / "serve-alone.log", "--front", "none"))
        warm(alone.base + urls["article"])
        row("article (cached, app alone: --front none)", wrk(alone.base + urls["article"]), kind="cached-alone",
            page="article")  # fmt: skip
        stop(alone)

        # 3. nginx: the same article bytes as a static file, the physical limit; and 4. Varnish (xkey) in
        # front of the cached app. Measured in alternation (nginx, Varnish, nginx, Varnish…) and averaged,
        # so a drift in the machine's load does not land on one side of the ratio.
        nginx_row: dict[str, Any] | None = None
        varnish_row: dict[str, Any] | None = None
        static_url = front = None
        if tools["nginx"]:
            web = root / "nginx"
            (web / "www").mkdir(parents=True)
            for path in [root, web, web / "www"]:
                path.chmod(0o755)  # nginx's workers may run as another user
            (web / "www" / "article.html").write_bytes(article_html)
            port = free_port()
            conf = web / "nginx.conf"
            conf.write_text(NGINX_CONF.format(workers=os.cpu_count() or 1, root=web, port=port))
            nginx = subprocess.Popen(
                [str(tools["nginx"]), "-c", str(conf), "-p", str(web), "-e", str(web / "nginx-error.log")],
                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            )  # fmt: skip
            others.append(nginx)
            wait_port(port)
            static_url = f"http://127.0.0.1:{port}/article.html"
            check_ok(f"http://127.0.0.1:{port}", "/article.html")
        else:
            notes.append(f"nginx missing (apt-get install -y {APT['nginx']}): no static baseline")
        if tools["varnishd"] and tools["xkey"]:
            port = free_port()
            vcl = root / "broadsheet.vcl"
            # The VCL `broadsheet vcl` prints for a deployment: what is measured is what is shipped.
            vcl.write_text(render_vcl(port=server.port, session_cookie=global_settings.SESSION_COOKIE_NAME))
            varnish = subprocess.Popen(
                [str(tools["varnishd"]), "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl),
                 "-n", str(root / "varnish"), "-s", "malloc,64m", "-p", "http_gzip_support=off"],
                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
            )  # fmt: skip
            others.append(varnish)
            wait_port(port)
            front = f"http://127.0.0.1:{port}"
            for path in (urls["article"], urls["article"], built["other_section"], built["other_section"]):
                fetch(front + path)
            wrk(front + urls["article"], duration=1, connections=4)  # wrk sends no Accept-Encoding: its own variant
        else:
            notes.append("Varnish with xkey missing (apt-get install -y varnish varnish-modules): no Varnish row")
        static_runs, varnish_runs = [], []
        for _ in range(LIMIT_ROUNDS):
            if static_url:
                static_runs.append(wrk(static_url))
            if front:
                varnish_runs.append(wrk(front + urls["article"]))
        if static_runs:
            nginx_row = row("article as a static file (nginx)", averaged(static_runs), kind="static", page="article")
        if front:
            varnish_row = row("article (cached, behind Varnish)", averaged(varnish_runs), kind="varnish",
                              page="article")  # fmt: skip
            result["varnish_purge"] = varnish_purge_check(
                front, built["article_id"], urls["article"], built["other_section"]
            )
            stop_proc(varnish)
            others.remove(varnish)
        if static_url:
            stop_proc(nginx)
            others.remove(nginx)
        stop(server)

        # 5. Stampede: page cache in Redis (shared by the workers), purges while wrk hammers the page.
        try:
            import redis

            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
            redis_ok = True
        except Exception as exc:
            redis_ok = False
            notes.append(f"Stampede skipped: Redis at {REDIS_URL} unreachable ({type(exc).__name__})")
        if redis_ok:
            prefix = f"bench-pages-{run_id}"
            stampede_env = base_env(data_dir, BROADSHEET_REDIS_URL=REDIS_URL, BENCH_CACHE_PREFIX=prefix)
            try:
                for label, extra in (("stampede", ()), ("stampede_app_alone", ("--front", "none"))):
                    server = start(Server.broadsheet(label, stampede_env, root / f"serve-{label}.log", *extra))
                    result[label] = stampede(server, urls["article"], built["article_id"], stampede_env, lua,
                                             others, row, label)  # fmt: skip
                    stop(server)
            finally:
                try:
                    client = redis.Redis.from_url(REDIS_URL, socket_timeout=5)
                    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
                    if keys:
                        client.delete(*keys)
                except Exception as exc:
                    print(f"cleanup of Redis keys {prefix}:* failed: {exc}", file=sys.stderr)

        # 6. Servers compared on the cached article page.
        if not args.skip_servers:
            print("Servers on the cached article:", flush=True)
            result["servers"] = compare_servers(env, root, urls["article"], row, start, stop, notes)

        # ratios
        limit = nginx_row["rps"] if nginx_row and nginx_row.get("rps") else None
        result["nginx_rps"] = limit
        for entry in rows:
            compared = ("cached", "cached-alone", "varnish", "server", "static")
            if limit and entry.get("page") == "article" and entry["kind"] in compared:
                entry["vs_nginx"] = round(entry["rps"] / limit, 3)
        result["cached_article_vs_nginx"] = cached_article.get("vs_nginx")
        result["varnish_article_vs_nginx"] = varnish_row.get("vs_nginx") if varnish_row else None
    except Exception as exc:  # report what was measured before the failure
        failed = f"{type(exc).__name__}: {exc}"
        print(f"FAILED: {failed}", flush=True)
        notes.append(f"The run stopped early: {failed[:300]}")
        result["failed"] = failed
    finally:
        for server in list(servers):
            server.stop()
        for proc in others:
            stop_proc(proc)
        shutil.rmtree(root, ignore_errors=True)

    result["rows"] = rows
    result["notes"] = notes
    result["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    result["verdicts"] = verdicts(result)
    print()
    print(report(result))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    RESULTS.write_text(text)
    by_scale = RESULTS.with_name(f"pages-{scale}.json")  # keeps a default and a large run side by side
    by_scale.write_text(text)
    print(f"\nWrote {RESULTS.relative_to(BENCH_DIR.parent)} and {by_scale.relative_to(BENCH_DIR.parent)}")
    return 1 if "failed" in result else 0


def default_workers() -> int:
    return (os.cpu_count() or 1) + 1  # what `broadsheet serve` starts (cli/management/commands/serve.py)


def compare_servers(env: dict[str, str], root: Path, article: str, row: Any, start: Any, stop: Any,
                    notes: list[str]) -> list[dict[str, Any]]:  # fmt: skip
    """The cached article under gunicorn sync / gthread at several worker counts, and granian if installed.

    Each configuration runs SERVER_ROUNDS times, interleaved, and the best round is reported (the machine
    is shared; the best round is the least disturbed one). All rounds are kept in the JSON.
    """
    cores = os.cpu_count() or 1
    many = 2 * cores + 1  # gunicorn's rule of thumb, compared with cores + 1
    gunicorn = str(VENV_BIN / "gunicorn")
    common = ["--timeout", "30", "--graceful-timeout", "20", "--keep-alive", "5", "--preload",
              "--max-requests", "5000", "--max-requests-jitter", "500", "--no-control-socket"]  # fmt: skip
    configs: list[tuple[str, list[str]]] = [
        (f"gunicorn gthread {w}w x {t}t", [gunicorn, "-k", "gthread", "-w", str(w), "--threads", str(t), *common])
        for w, t in [(cores, 2), (cores + 1, 2), (2 * cores + 1, 2), (2 * cores + 1, 4)]
    ]
    configs += [(f"gunicorn sync {w}w", [gunicorn, "-k", "sync", "-w", str(w), *common]) for w in (cores, many)]
    no_recycling = [*common[:7], "--no-control-socket"]
    configs.append((f"gunicorn gthread {many}w x 2t, no recycling",
                    [gunicorn, "-k", "gthread", "-w", str(many), "--threads", "2", *no_recycling]))  # fmt: skip
    granian = VENV_BIN / "granian"
    if granian.exists():
        configs += [
            (f"granian wsgi {w}w", [str(granian), "--interface", "wsgi", "--workers", str(w), "--no-ws"])
            for w in (cores, cores + 1, many)
        ]
    else:
        notes.append("granian not installed in this virtualenv (pip install granian): not compared")
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in configs}
    for _ in range(SERVER_ROUNDS):
        for name, cmd in configs:
            port = free_port()
            if cmd[0] == gunicorn:
                full = [*cmd, "--bind", f"127.0.0.1:{port}", "broadsheet.wsgi:application"]
            else:
                full = [*cmd, "--host", "127.0.0.1", "--port", str(port), "broadsheet.wsgi:application"]
            server = Server(name, full, env, root / "serve-compare.log", port)
            rounds[name].append(run_server(server, article, start, stop))
    measured = []
    for name, runs in rounds.items():
        ok = [r for r in runs if "rps" in r]
        if not ok:
            measured.append({"name": name, "failed": runs[0].get("failed") if runs else "not run"})
            continue
        best = max(ok, key=lambda r: r["rps"])
        entry = row(name, {k: v for k, v in best.items() if k != "memory"}, kind="server", page="article",
                    rounds_rps=[r["rps"] for r in ok], memory=best.get("memory"))  # fmt: skip
        measured.append(entry)
    return measured


def stampede(server: Server, article: str, article_id: int, env: dict[str, str], lua: Path,
             others: list[subprocess.Popen[bytes]], row: Any, label: str) -> dict[str, Any]:  # fmt: skip
    """Purge the hot story's keys a few times while wrk hammers it; count renders (X-Cache MISS answers)."""
    for _ in range(3):
        fetch(server.base + article)
    interval = 2.0
    duration = max(DURATION, int(2 + STAMPEDE_PURGES * interval + 2))
    purger = subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--db", "purge", "--article-id",
         str(article_id), "--times", str(STAMPEDE_PURGES), "--delay", "2",
         "--interval", str(interval)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    others.append(purger)
    assert purger.stdout is not None
    if purger.stdout.readline().strip() != b"ready":
        raise RuntimeError("the purge child did not start")
    hammer = wrk(server.base + article, duration=duration, script=lua)
    out, err = purger.communicate(timeout=120)
    others.remove(purger)
    if purger.returncode != 0:
        raise RuntimeError(f"purge child failed: {err.decode(errors='replace')[-400:]}")
    purges = len(json.loads(out.decode().strip().splitlines()[-1])["purged_at"])
    misses = hammer.get("x_cache", {}).get("MISS", 0)
    front = "nginx front + " if label == "stampede" else "app alone, "
    row(f"article ({front}page cache in Redis, purged under load)", hammer, kind="stampede", page="article")
    return {
        "cache": f"{front}Redis page cache (scale profile), SQLite database",
        "purges": purges,
        "keys_per_purge": "the story's article, section, author, tag, home, feeds, sitemaps keys",
        "x_cache": hammer.get("x_cache"),
        "renders_per_purge": round(misses / purges, 2) if purges else None,
        "connections": CONNECTIONS,
    }


def run_server(server: Server, article: str, start: Any, stop: Any) -> dict[str, Any]:
    try:
        start(server, article)
        warm(server.base + article)
        measured = wrk(server.base + article)
        measured["memory"] = server.memory()
        print(f"    {server.name}: {measured['rps']} req/s (load {measured['load_avg_before']})", flush=True)
        return measured
    except Exception as exc:
        print(f"  {server.name}: FAILED {type(exc).__name__}: {str(exc)[:300]}")
        return {"name": server.name, "failed": f"{type(exc).__name__}: {str(exc)[:300]}"}
    finally:
        stop(server)


def embedded_purge_check(base: str, article_id: int, article_path: str) -> dict[str, Any]:
    """Post a comment the way a browser does (approved at once, so the worker that stores it purges the
    story's key after commit), then read the page on fresh connections: do all workers show it?"""
    from comments_concurrency import Client  # the browser-like client of the comments benchmark

    client = Client(base)
    marker = f"purgecheck{int(time.time())}"
    outcome = client.post(article_id, client.token(), name="Bench Reader", email=f"{marker}@example.test",
                          body=f"A comment carrying the marker {marker}.")  # fmt: skip
    if outcome.kind != "approved":
        return {"failed": f"the comment answered {outcome.kind} ({outcome.status}): {outcome.detail}"}
    time.sleep(0.5)
    requests, with_comment, states = 40, 0, {}
    for _ in range(requests):
        _, headers, body = fetch(base + article_path)  # a new connection each time: any worker may answer
        with_comment += marker.encode() in body
        state = headers.get("X-Cache", "none")
        states[state] = states.get(state, 0) + 1
    return {
        "requests": requests,
        "showing_the_new_comment": with_comment,
        "still_old_page": requests - with_comment,
        "x_cache": states,
        "exact": with_comment == requests,
    }


def warm(url: str) -> None:
    """Fill every worker's page cache (one per process in the embedded profile): new connections, then keep-alive."""
    for _ in range(4 * default_workers()):
        fetch(url)
    wrk(url, duration=1, connections=16)


def varnish_purge_check(front: str, article_id: int, article: str, other: str) -> dict[str, Any]:
    """Purge one article's key in Varnish: its page must be fetched anew, an unrelated page must not.

    Varnish may still be answering requests wrk sent just before it stopped, and such a request can
    fetch the page again right after the purge; so "fetched anew" is judged by transaction ids: the
    object a HIT comes from (the second id in X-Varnish) must be younger than the purge.
    """
    time.sleep(1.0)
    request = urllib.request.Request(front + "/", method="PURGE", headers={"xkey-purge": f"article:{article_id}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        answer = response.read().decode(errors="replace")
    purge_xid = int(m.group(1)) if (m := re.search(r"XID: (\d+)", answer)) else 0
    purged = int(m.group(1)) if (m := re.search(r"Purged (\d+)", answer)) else None

    def state(path: str) -> tuple[str, bool]:
        headers = fetch(front + path)[1]
        ids = [int(x) for x in headers.get("X-Varnish", "0").split()]
        fresh = headers.get("X-Front-Cache") == "MISS" or (len(ids) > 1 and ids[1] > purge_xid)
        return headers.get("X-Front-Cache", "?"), fresh

    article_state, article_fresh = state(article)
    other_state, other_fresh = state(other)
    return {
        "purged": f"article:{article_id}",
        "objects_purged": purged,
        "article_after": article_state,
        "article_fetched_anew": article_fresh,
        "unrelated_section_after": other_state,
        "unrelated_fetched_anew": other_fresh,
        "exact": article_fresh and not other_fresh,
    }


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout:.0f} s")


def stop_proc(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def verdicts(r: dict[str, Any]) -> list[dict[str, Any]]:
    t = TARGETS
    out = []

    def add(target: str, value: Any, ok: bool | None) -> None:
        out.append({"target": target, "measured": value, "met": ok})

    v = r.get("cached_article_vs_nginx")
    add(f"cached article >= {t['cached_article_vs_nginx']:.0%} of nginx static", v,
        None if v is None else v >= t["cached_article_vs_nginx"])  # fmt: skip
    v = r.get("varnish_article_vs_nginx")
    add(f"behind Varnish >= {t['varnish_article_vs_nginx']:.0%} of nginx static", v,
        None if v is None else v >= t["varnish_article_vs_nginx"])  # fmt: skip
    article = r.get("scaling", {}).get("article", {})
    p50, app, cpu = article.get("p50_ms_large"), article.get("app_p50_ms", [None, None])[1], \
        article.get("app_cpu_p50_ms", [None, None])[1]  # fmt: skip
    add(f"uncached article p50 < {t['uncached_article_p50_ms']:.0f} ms server time (1 connection)",
        f"{p50} ms at the client, {app} ms in the app, {cpu} ms of app CPU",
        None if app is None else app < t["uncached_article_p50_ms"])  # fmt: skip
    sizes = r.get("scaling_sizes", ["?", "?"])
    for name in ("home", "section"):
        change = r.get("scaling", {}).get(name, {}).get("change")
        add(f"uncached {name} flat within {t['uncached_list_growth']:.0%} from {sizes[0]:,} to {sizes[1]:,}", change,
            None if change is None else abs(change) <= t["uncached_list_growth"])  # fmt: skip
    for key, how in (("stampede", "nginx front + Redis page cache"), ("stampede_app_alone", "app alone, Redis")):
        rpp = (r.get(key) or {}).get("renders_per_purge")
        add(f"at most one render per key per stampede ({how}, purges)", rpp,
            None if rpp is None else rpp <= t["renders_per_purge"])  # fmt: skip
    cold = (r.get("cold_stampede_embedded") or {}).get("x_cache") or {}
    misses = cold.get("MISS")
    add("at most one render per key per stampede (embedded, cold page)", misses,
        None if misses is None else misses <= t["renders_per_purge"])  # fmt: skip
    ep = r.get("embedded_purge") or {}
    if "exact" in ep:
        add("embedded: a purge reaches every worker (fresh page after a comment)",
            f"{ep['showing_the_new_comment']}/{ep['requests']}", ep["exact"])  # fmt: skip
    return out


def report(r: dict[str, Any]) -> str:
    lines = [
        f"### Pages benchmark: {r['scale']} scale, {r.get('dataset', {}).get('articles', 0):,} articles, "
        f"{r.get('dataset', {}).get('comments', 0):,} comments, {r['cpus']} CPUs",
        "",
        "| Page | req/s | p50 ms | p99 ms | vs nginx | app p50 / CPU ms | errors | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in r["rows"]:
        if "rps" not in e:
            continue
        errors = (e.get("non_2xx") or 0) + (e.get("socket_errors") or 0)
        vs = f"{e['vs_nginx']:.2f}" if e.get("vs_nginx") is not None else ""
        app = f"{e['app_p50_ms']} / {e['app_cpu_p50_ms']}" if e.get("app_p50_ms") is not None else ""
        lines.append(f"| {e['name']} | {e['rps']:,} | {e['p50_ms']} | {e['p99_ms']} | {vs} | {app} | {errors} | "
                     f"{e['load_avg_before']} |")  # fmt: skip
    sizes = r.get("scaling_sizes")
    if sizes:
        lines += ["", f"Uncached p50 (1 connection) against dataset size, {sizes[0]:,} → {sizes[1]:,} articles:", ""]
        lines += ["| Page | p50 ms small | p50 ms large | change | app CPU p50 ms small → large | load avg |",
                  "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name, s in r["scaling"].items():
            change = f"{s['change']:+.0%}" if s["change"] is not None else ""
            cpu = s.get("app_cpu_p50_ms") or [None, None]
            lines.append(f"| {name} | {s['p50_ms_small']} | {s['p50_ms_large']} | {change} | {cpu[0]} → {cpu[1]} | "
                         f"{s['load_avg'][0]} / {s['load_avg'][1]} |")  # fmt: skip
    mem = r.get("cached_memory")
    if mem:
        lines += ["", f"Peak memory per worker (broadsheet serve, cached run): RSS max {mem['peak_rss_mib_max']} MiB, "
                      f"mean {mem['peak_rss_mib_mean']} MiB, PSS max {mem['peak_pss_mib_max']} MiB; "
                      f"{mem['worker_processes_seen']} worker processes seen (recycling adds more)."]  # fmt: skip
    for st in (r.get("stampede"), r.get("stampede_app_alone")):
        if st:
            lines += ["", f"Stampede ({st['cache']}): {st['purges']} purge(s) of the hot story's keys under "
                          f"{st['connections']} connections; X-Cache {st['x_cache']}; "
                          f"renders per purge: {st['renders_per_purge']}."]  # fmt: skip
    cold = r.get("cold_stampede_embedded")
    if cold:
        lines.append(f"Cold page under load, embedded profile ({cold['workers']} workers, page cache per process): "
                     f"X-Cache {cold['x_cache']}.")  # fmt: skip
    ep = r.get("embedded_purge")
    if ep:
        if "exact" in ep:
            lines.append(f"Embedded purge check: after an approved comment, {ep['showing_the_new_comment']} of "
                         f"{ep['requests']} fresh requests showed it ({ep['still_old_page']} got the old page); "
                         f"X-Cache {ep['x_cache']}.")  # fmt: skip
        else:
            lines.append(f"Embedded purge check failed: {ep.get('failed')}")
    vp = r.get("varnish_purge")
    if vp:
        lines.append(f"Varnish xkey purge of {vp['purged']} ({vp['objects_purged']} object(s)): the article was "
                     f"{'fetched anew' if vp['article_fetched_anew'] else 'NOT fetched anew'}, an unrelated section "
                     f"{'was refetched: NOT exact' if vp['unrelated_fetched_anew'] else 'stayed cached'}.")  # fmt: skip
    lines += ["", "| Target | measured | met |", "|---|---:|---|"]
    for v in r["verdicts"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[v["met"]]
        lines.append(f"| {v['target']} | {v['measured']} | {met} |")
    for note in r["notes"]:
        lines.append(f"\nNote: {note}")
    lines.append(f"\nLoad average at the end: {r['load_avg_at_end']} (the machine may be shared).")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
