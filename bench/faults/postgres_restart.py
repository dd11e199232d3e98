"""Fault: PostgreSQL restarted under load (scale profile) — errors only during the restart, none 5 s after.

Starts its own PostgreSQL cluster and its own redis-server (never the machine's shared ones),
serves the site with 4 workers, keeps 4 page readers and 2 commenters busy, and after 10 s
restarts PostgreSQL (`pg_ctl restart -m fast`: every connection is cut). Reports the window of
failed requests against the restart window, and the failures that start 5 s or more after it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import (
    PrivatePostgres,
    PrivateRedis,
    Server,
    Timeline,
    app_env,
    commenters,
    prepare_site,
    print_table,
    readers,
    save,
    window,
)

BEFORE, AFTER = 10.0, 20.0


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="fault-pg-"))
    postgres, redis = PrivatePostgres(root), PrivateRedis(root)
    server = None
    try:
        postgres.start()
        redis.start()
        env = app_env(root, BROADSHEET_DATABASE_URL=postgres.url, BROADSHEET_REDIS_URL=redis.url)
        article_id = prepare_site(env)
        server = Server(env, root / "serve.log", workers=4)
        server.start()
        timeline, stop = Timeline(), threading.Event()
        # The search page and the comment posts always reach the database; the home page may be cached.
        threads = readers(server.base, ["/", "/bench/", "/search/?q=bench"], timeline, stop, count=4)
        threads += commenters(server.base, article_id, timeline, stop, count=2, run_id="pg")
        time.sleep(BEFORE)
        restart_began = timeline.now()
        postgres.pg_ctl("restart", "-m", "fast", "-w")
        restart_ended = timeline.now()
        time.sleep(AFTER)
        end = timeline.now()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        def failed(status: int | None) -> bool:
            return status is None or status >= 500

        failures = sorted(
            (at, kind)
            for kind in ("page", "comment")
            for at, _, status in timeline.events.get(kind, [])
            if failed(status)
        )
        late = [(round(at - restart_ended, 2), kind) for at, kind in failures if at >= restart_ended + 5]
        result = {
            "restart_window_s": (round(restart_began, 2), round(restart_ended, 2)),
            "failures": len(failures),
            "failure_window_s": (round(failures[0][0], 2), round(failures[-1][0], 2)) if failures else None,
            "failures_5s_after_restart": len(late),
            "before": {k: window(timeline, k, 0, restart_began) for k in ("page", "comment")},
            "during_and_5s_after": {
                k: window(timeline, k, restart_began, restart_ended + 5) for k in ("page", "comment")
            },
            "later": {k: window(timeline, k, restart_ended + 5, end) for k in ("page", "comment")},
            "server_log": server.log_findings(),
        }
        save("postgres_restart", result)
        rows = [
            ("restart (s from start)", result["restart_window_s"]),
            ("failed requests (5xx or no answer)", result["failures"]),
            ("first and last failure (s from start)", result["failure_window_s"]),
            ("failures 5 s or more after the restart", result["failures_5s_after_restart"]),
        ]
        for phase in ("before", "during_and_5s_after", "later"):
            for kind in ("page", "comment"):
                w = result[phase][kind]  # type: ignore[index]
                rows.append((f"{phase}: {kind}s", f"{w['statuses']} p50={w['p50_ms']} ms max={w['max_ms']} ms"))
        rows.append(("server log", result["server_log"]))
        print_table("PostgreSQL restarted under load (scale profile, own PostgreSQL and Redis)", rows)
        return 0 if not late else 1
    finally:
        if server is not None:
            server.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
