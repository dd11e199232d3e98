"""Search benchmark: latency of site search over a large archive, on SQLite FTS5 and PostgreSQL.

Not a timed test. For each backend it builds an archive of generated stories (100,000 by
default; BENCH_SEARCH_N makes it smaller) with bulk inserts, builds the index the way
`broadsheet reindex` does, then times `search.selectors.search_articles` — parse, rank, count,
snippets and the teaser query, as the search page runs it — for typical and adversarial queries.

BENCH_SEARCH_BACKENDS=sqlite (or postgresql) runs one; BENCH_SEARCH_KEEP=<dir> keeps the archives
for the next run (SQLite in <dir>, PostgreSQL in database bench_search_<N>). SQLite runs in a temporary data
directory; PostgreSQL in a fresh database that is created
and dropped here (skipped with a message when 127.0.0.1:5432 is unreachable). Prints a
markdown table and writes bench/results/search.json. Target: p50 < 30 ms, p99 < 150 ms.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS = BENCH_DIR / "results" / "search.json"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
N = int(os.environ.get("BENCH_SEARCH_N", "100000"))
REPEATS = int(os.environ.get("BENCH_SEARCH_REPEATS", "40"))
TARGET_P50_MS, TARGET_P99_MS = 30.0, 150.0
# A directory to keep the archives in between runs (SQLite there, PostgreSQL as database
# bench_search_<N>): a second run searches them without rebuilding. Delete them by hand.
KEEP = os.environ.get("BENCH_SEARCH_KEEP", "")
SEED = 20260205

# (category, label, what the reader types, filters)
QUERIES: list[tuple[str, str, str, dict[str, Any]]] = [
    ("typical", "common word", "harbour", {}),
    ("typical", "common word", "council", {}),
    ("typical", "two words", "harbour bridge", {}),
    ("typical", "phrase", '"city council"', {}),
    ("typical", "name", "Okonkwo", {}),
    ("typical", "name, full", "Amara Okonkwo", {}),
    ("typical", "rare word", "marrowfield", {}),
    ("typical", "word + section + dates", "council", {"section": True, "days": 365}),
    ("typical", "page 5", "council", {"page": 5}),
    ("adversarial", "very common word", "the", {}),
    ("adversarial", "very common words", "the said and of", {}),
    ("adversarial", "many terms", "the council said on Monday that the harbour bridge plan would cost more than", {}),
    ("adversarial", "punctuation soup", '"(*)": NEAR/3 AND -- ^^ harbour!! {body}: OR *', {}),
    ("adversarial", "prefix", "harb*", {}),
    ("adversarial", "no match", "zzyzzogram", {}),
    ("adversarial", "common word, last page", "said", {"page": 10_000}),
]

COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "as",
    "it",
    "by",
    "at",
    "said",
    "from",
    "be",
    "has",
    "have",
    "are",
    "were",
    "an",
    "this",
    "which",
    "but",
    "not",
    "after",
    "who",
    "will",
    "they",
    "their",
    "more",
    "been",
    "its",
    "one",
    "also",
    "than",
    "or",
    "when",
    "over",
    "new",
    "two",
    "would",
    "about",
    "up",
    "out",
    "there",
    "what",
    "into",
    "last",
    "year",
    "first",
    "all",
    "other",
    "some",
    "could",
    "them",
    "because",
    "while",
    "those",
]
NEWS = [
    "council",
    "harbour",
    "bridge",
    "city",
    "school",
    "police",
    "court",
    "minister",
    "government",
    "plan",
    "budget",
    "hospital",
    "election",
    "residents",
    "mayor",
    "river",
    "port",
    "ferry",
    "station",
    "market",
    "festival",
    "museum",
    "library",
    "road",
    "rail",
    "housing",
    "tax",
    "water",
    "flood",
    "storm",
    "fire",
    "teachers",
    "workers",
    "union",
    "strike",
    "business",
    "company",
    "jobs",
    "price",
    "energy",
    "power",
    "farm",
    "fishing",
    "boats",
    "weather",
    "season",
    "team",
    "match",
    "club",
    "league",
    "coach",
    "players",
    "cup",
    "goal",
    "report",
    "inquiry",
    "judge",
    "trial",
    "verdict",
    "appeal",
    "planning",
    "committee",
    "vote",
    "campaign",
    "protest",
    "community",
    "health",
    "doctors",
    "nurses",
    "patients",
    "ward",
    "clinic",
    "university",
    "students",
    "research",
    "scientists",
    "study",
    "data",
    "estuary",
    "lighthouse",
    "quay",
    "pier",
    "tide",
    "coast",
    "island",
    "village",
    "town",
    "district",
    "county",
    "region",
    "national",
]
FIRST = [
    "Amara",
    "Tom",
    "Ana",
    "Wei",
    "Priya",
    "Callum",
    "Fatima",
    "Jonas",
    "Ines",
    "Mateo",
    "Yusuf",
    "Elena",
    "Daniel",
    "Mei",
    "Kofi",
    "Sara",
]
LAST = [
    "Okonkwo",
    "Lee",
    "Ruiz",
    "Chen",
    "Sharma",
    "Reyes",
    "Haddad",
    "Berg",
    "Duarte",
    "Silva",
    "Demir",
    "Petrova",
    "Osei",
    "Tanaka",
    "Mensah",
    "Lind",
]


def _invented_words(rng: random.Random, count: int) -> list[str]:
    syllables = [
        "ka",
        "lo",
        "mi",
        "ren",
        "tor",
        "bel",
        "sha",
        "vin",
        "dro",
        "pel",
        "mar",
        "ow",
        "field",
        "ton",
        "ley",
        "ing",
        "ast",
        "ber",
        "ric",
        "un",
    ]
    words: set[str] = {"marrowfield"}
    while len(words) < count:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words with Zipf-like cumulative weights: function words most, invented words least."""
    words = COMMON + NEWS + _invented_words(rng, 6000)
    weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(words))]
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return words, cumulative


# --- the child: one backend, Django set up by the environment -----------------------------------


def build_archive(n: int) -> None:
    from datetime import UTC, datetime, timedelta

    from django.db import transaction

    from broadsheet.content.models import Article, Author, Byline, Section, Status

    rng = random.Random(SEED)
    words, cumulative = _vocabulary(rng)
    sections = [Section.objects.create(name=f"Desk {i}", slug=f"desk-{i}", order=i) for i in range(8)]
    authors = [
        Author.objects.create(name=f"{first} {last}", slug=f"{first}-{last}".lower())
        for first in FIRST
        for last in LAST[:4]
    ]
    start = datetime(2016, 1, 1, tzinfo=UTC)
    span_seconds = int((datetime(2026, 1, 1, tzinfo=UTC) - start).total_seconds())

    def sentence(length: int) -> str:
        picked = rng.choices(words, cum_weights=cumulative, k=length)
        if rng.random() < 0.2:
            picked[rng.randrange(length)] = rng.choice(NEWS)
        if rng.random() < 0.1:
            picked[rng.randrange(length)] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.05:
            picked[rng.randrange(length)] = "city council"
        return " ".join(picked).capitalize() + "."

    began, batch = time.monotonic(), 2000
    for offset in range(0, n, batch):
        articles = []
        for i in range(offset, min(n, offset + batch)):
            published = start + timedelta(seconds=rng.randrange(span_seconds))
            paragraphs = "".join(
                "<p>" + " ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 4))) + "</p>"
                for _ in range(rng.randint(4, 8))
            )
            articles.append(
                Article(
                    headline=sentence(rng.randint(5, 10))[:-1],
                    slug=f"story-{i}",
                    dek=sentence(rng.randint(10, 18)),
                    body=paragraphs,
                    section=sections[i % len(sections)],
                    status=Status.PUBLISHED,
                    published_at=published,
                    updated_at=published,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
            Byline.objects.bulk_create(
                Byline(article=a, position=0, author=rng.choice(authors))
                if rng.random() < 0.8
                else Byline(article=a, position=0, credit="Agency Staff")
                for a in created
            )
        done = min(n, offset + batch)
        print(f"\r  archive {done:,}/{n:,} stories, {time.monotonic() - began:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)


def child() -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from broadsheet.content.models import Article, Section
    from broadsheet.search.query import parse_query
    from broadsheet.search.selectors import search_articles
    from broadsheet.search.services import index_size_bytes, rebuild_index

    call_command("migrate", verbosity=0)
    began = time.monotonic()
    reused = Article.objects.count() == N  # a kept archive (BENCH_SEARCH_KEEP) is searched as it is
    if not reused:
        build_archive(N)
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would gather them on a running site (it may be off on a
        # shared test server); without them PostgreSQL plans for an empty article table. SQLite is
        # left without: its partial indexes get good plans only then (see content 0006).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    archive_seconds = time.monotonic() - began

    def progress(done: int, total: int) -> None:
        print(f"\r  index {done:,}/{total:,}", end="", file=sys.stderr)

    began = time.monotonic()
    indexed = N if reused else rebuild_index(progress)
    index_seconds = time.monotonic() - began
    print(file=sys.stderr)
    section = Section.objects.order_by("pk").first()

    measured = []
    for category, label, text, options in QUERIES:
        kwargs: dict[str, Any] = {"page": options.get("page")}
        if options.get("section"):
            kwargs["section"] = section
        if options.get("days"):
            kwargs["published_from"] = (timezone.now() - timedelta(days=options["days"] * 3)).date()
            kwargs["published_to"] = (timezone.now() - timedelta(days=options["days"] * 2)).date()

        def run(text: str = text, kwargs: dict[str, Any] = kwargs) -> int:
            page = search_articles(parse_query(text), **kwargs)
            len(page.object_list)
            return page.paginator.count

        count = run()  # warm the caches, as a running site has them
        timings, cpu = [], []
        for _ in range(REPEATS):
            t0, c0 = time.perf_counter(), time.process_time()
            run()
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        timings.sort()
        measured.append(
            {
                "category": category,
                "label": label,
                "query": text,
                "filters": dict(options.items()),
                "results": count,
                "p50_ms": round(statistics.median(timings), 2),
                "p99_ms": round(timings[min(len(timings) - 1, int(len(timings) * 0.99))], 2),
                "max_ms": round(timings[-1], 2),
                # This process's CPU only (not the database server's): less disturbed by other load.
                "app_cpu_p50_ms": round(statistics.median(cpu), 2),
                "load_avg": round(os.getloadavg()[0], 2),
            }
        )
        print(
            f"  {label:<26} {measured[-1]['p50_ms']:>8.1f} ms p50 {measured[-1]['app_cpu_p50_ms']:>6.1f} ms app CPU"
            f"  {count:>7} results  load {measured[-1]['load_avg']}",
            file=sys.stderr,
        )
    report = {
        "backend": connection.vendor,
        "articles": N,
        "indexed": indexed,
        "archive_build_s": round(archive_seconds, 1),
        "index_build_s": round(index_seconds, 1),
        "index_bytes": index_size_bytes(),
        "repeats": REPEATS,
        "queries": measured,
    }
    print("RESULT " + json.dumps(report))


# --- the parent: one child per backend -------------------------------------------------------------


def run_child(env: dict[str, str]) -> dict[str, Any] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--child"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "broadsheet.conf.settings", **env},
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    print(f"  failed (exit {proc.returncode})", file=sys.stderr)
    return None


def sqlite_run() -> dict[str, Any] | None:
    data_dir = str(Path(KEEP) / "sqlite") if KEEP else tempfile.mkdtemp(prefix="bench-search-")
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    try:
        print(f"SQLite FTS5, {N:,} stories in {data_dir}", file=sys.stderr)
        env = {"BROADSHEET_DATA_DIR": data_dir, "BROADSHEET_DATABASE_URL": "", "BROADSHEET_REDIS_URL": ""}
        return run_child(env)
    finally:
        if not KEEP:
            shutil.rmtree(data_dir, ignore_errors=True)


def postgres_run() -> dict[str, Any] | None:
    try:
        import psycopg

        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except Exception as exc:
        print(f"PostgreSQL skipped: cannot reach {PG_SERVER} ({exc})", file=sys.stderr)
        return None
    name = f"bench_search_{N}" if KEEP else f"bench_search_{os.getpid()}"
    data_dir = tempfile.mkdtemp(prefix="bench-search-")
    try:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f"CREATE DATABASE {name}")
        print(f"PostgreSQL full-text, {N:,} stories in database {name}", file=sys.stderr)
        env = {"BROADSHEET_DATA_DIR": data_dir, "BROADSHEET_DATABASE_URL": f"{PG_SERVER}/{name}"}
        env["BROADSHEET_REDIS_URL"] = ""
        return run_child(env)
    finally:
        if not KEEP:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def markdown(reports: list[dict[str, Any]]) -> str:
    lines = [
        f"Search latency, {N:,} stories, {REPEATS} runs per query (search_articles: parse, rank, count, "
        f"snippets, teasers). Target p50 < {TARGET_P50_MS:.0f} ms, p99 < {TARGET_P99_MS:.0f} ms.",
        "",
        "| backend | index build | index size |",
        "|---|---:|---:|",
    ]
    for r in reports:
        lines.append(f"| {r['backend']} | {r['index_build_s']} s | {r['index_bytes'] / 1e6:.0f} MB |")
    lines += [
        "",
        "| backend | kind | query | results | p50 ms | p99 ms | app CPU p50 ms | load |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in reports:
        for q in r["queries"]:
            flag = "" if q["p50_ms"] < TARGET_P50_MS and q["p99_ms"] < TARGET_P99_MS else " ⚠"
            shown = q["query"].replace("|", "\\|")
            lines.append(
                f"| {r['backend']} | {q['category']}: {q['label']} | `{shown}` | {q['results']:,} | "
                f"{q['p50_ms']:.1f} | {q['p99_ms']:.1f}{flag} | {q.get('app_cpu_p50_ms', 0):.1f} | "
                f"{q.get('load_avg', '')} |"
            )
    for r in reports:
        for category in ("typical", "adversarial"):
            p50s = [q["p50_ms"] for q in r["queries"] if q["category"] == category]
            p99s = [q["p99_ms"] for q in r["queries"] if q["category"] == category]
            lines.append(
                f"\n{r['backend']} {category}: median of p50s {statistics.median(p50s):.1f} ms, "
                f"worst p99 {max(p99s):.1f} ms"
            )
    return "\n".join(lines)


def main() -> int:
    if "--child" in sys.argv:
        child()
        return 0
    wanted = os.environ.get("BENCH_SEARCH_BACKENDS", "sqlite,postgresql").split(",")
    runs = {"sqlite": sqlite_run, "postgresql": postgres_run}
    reports = [r for r in (runs[name.strip()]() for name in wanted) if r is not None]
    if not reports:
        return 1
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = (
        RESULTS.with_name(f"search-{'-'.join(r['backend'] for r in reports)}.json") if len(wanted) == 1 else RESULTS
    )
    results.write_text(json.dumps({"articles": N, "reports": reports}, indent=2) + "\n")
    print(markdown(reports))
    print(f"\nWritten to {results.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
