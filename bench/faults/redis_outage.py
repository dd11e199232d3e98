"""Fault: Redis stopped, then frozen (SIGSTOP), under load, in the scale profile.

Starts its own PostgreSQL cluster and its own redis-server (never the machine's shared ones),
serves the site with 4 workers, and keeps 4 page readers and 2 commenters busy through:
10 s normal, Redis stopped for 10 s, started again, 10 s normal, Redis frozen for 10 s, thawed,
10 s normal. Reports per phase: reader pages' statuses (no 5xx allowed), their slowest answer
(bounded by the 0.25 s socket timeout, not by Redis), comment answers (rate limits fail closed:
503/429, never a 500 and never an unlimited post), and how soon comments succeed after Redis returns.
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
    first_success_after,
    prepare_site,
    print_table,
    readers,
    save,
    window,
)

PHASE = 10.0


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="fault-redis-"))
    postgres, redis = PrivatePostgres(root), PrivateRedis(root)
    server = None
    try:
        postgres.start()
        redis.start()
        env = app_env(root, BROADSHEET_DATABASE_URL=postgres.url, BROADSHEET_REDIS_URL=redis.url)
        article_id = prepare_site(env)
        server = Server(env, root / "serve.log", workers=4)
        server.start()
        story = "/bench/"  # the bench story's section page
        timeline, stop = Timeline(), threading.Event()
        threads = readers(server.base, ["/", story, "/search/?q=bench"], timeline, stop, count=4)
        threads += commenters(server.base, article_id, timeline, stop, count=2, run_id="redis")
        marks: dict[str, float] = {}
        time.sleep(PHASE)
        redis.stop()  # each mark is taken once the action is done: a request begun before it is not counted in
        marks["stopped"] = timeline.now()
        time.sleep(PHASE)
        marks["restarting"] = timeline.now()  # from here Redis may answer again
        redis.start()
        marks["restarted"] = timeline.now()
        time.sleep(PHASE)
        redis.freeze()
        marks["frozen"] = timeline.now()
        time.sleep(PHASE)
        marks["thawing"] = timeline.now()
        redis.thaw()
        marks["thawed"] = timeline.now()
        time.sleep(PHASE)
        marks["end"] = timeline.now()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        phases = {
            "normal": (0.0, marks["stopped"]),
            "redis stopped": (marks["stopped"], marks["restarting"]),
            "after restart": (marks["restarting"], marks["frozen"]),
            "redis frozen": (marks["frozen"], marks["thawing"]),
            "after thaw": (marks["thawing"], marks["end"]),
        }
        result: dict[str, object] = {"phases": {}}
        rows = []
        for name, (start, end) in phases.items():
            pages, comments = window(timeline, "page", start, end), window(timeline, "comment", start, end)
            result["phases"][name] = {"pages": pages, "comments": comments}  # type: ignore[index]
            rows.append((f"{name}: pages", f"{pages['statuses']} 5xx={pages['server_errors_5xx']} "
                                           f"p50={pages['p50_ms']} ms max={pages['max_ms']} ms"))  # fmt: skip
            rows.append((f"{name}: comments", f"{comments['statuses']} max={comments['max_ms']} ms"))
        ok_comment = (303, 200)
        result["comment_recovery_after_restart_s"] = first_success_after(
            timeline, "comment", marks["restarted"], ok_comment
        )
        result["comment_recovery_after_thaw_s"] = first_success_after(timeline, "comment", marks["thawed"], ok_comment)
        result["server_log"] = server.log_findings()
        # Which accepted comments fall inside an outage: offset from the outage's start, and duration.
        result["accepted_during_outage"] = [
            (round(at - marks[start], 3), round(seconds, 3))
            for start, end in (("stopped", "restarting"), ("frozen", "thawing"))
            for at, seconds, status in timeline.events.get("comment", [])
            if marks[start] <= at < marks[end] and status == 303
        ]
        rows += [("comments succeed again after restart (s)", result["comment_recovery_after_restart_s"]),
                 ("comments succeed again after thaw (s)", result["comment_recovery_after_thaw_s"]),
                 ("accepted during an outage (offset s, duration s)", result["accepted_during_outage"]),
                 ("server log", result["server_log"])]  # fmt: skip
        save("redis_outage", result)
        print_table("Redis stopped, then frozen, under load (scale profile, own PostgreSQL and Redis)", rows)
        page_5xx = sum(p["pages"]["server_errors_5xx"] for p in result["phases"].values())  # type: ignore[attr-defined]
        comment_500 = sum(
            n
            for p in result["phases"].values()
            for s, n in p["comments"]["statuses"].items()
            if s == "500"  # type: ignore[attr-defined]
        )
        outage_posts = [result["phases"][p]["comments"]["statuses"] for p in ("redis stopped", "redis frozen")]  # type: ignore[index]
        unlimited = sum(s.get("303", 0) for s in outage_posts)
        recovered = all(
            r is not None and r <= 5
            for r in (result["comment_recovery_after_restart_s"], result["comment_recovery_after_thaw_s"])
        )
        print(f"\npage 5xx: {page_5xx}; comment 500s: {comment_500}; comments accepted while the limiter was down: "
              f"{unlimited}; recovered within 5 s: {recovered}")  # fmt: skip
        return 0 if page_5xx == 0 and comment_500 == 0 and unlimited == 0 and recovered else 1
    finally:
        if server is not None:
            server.stop()
        redis.stop()
        postgres.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
