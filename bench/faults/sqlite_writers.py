"""Fault: SQLite under 4 workers x 8 concurrent writers — does "database is locked" ever reach a client?

Embedded profile, `broadsheet serve --workers 4` in a temp data dir; 8 writer threads post 1,000
comments as fast as they can (no retries: every answer counts). Counts the answers that are not
an acknowledgement, any page mentioning a locked database, and "database is locked" in the
server's log; checks stored rows against acknowledgements and runs `PRAGMA integrity_check`.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _common import Server, app_env, cc, prepare_site, print_table, save, stored_comments


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="fault-sqlite-"))
    env = app_env(root)
    article_id = prepare_site(env)
    server = Server(env, root / "serve.log", workers=4)
    server.start()
    cc.CLIENTS = 8
    began = time.monotonic()
    load = cc.load_phase(server.base, article_id, "sqlite-writers")
    wall = time.monotonic() - began
    server.stop()
    stored = stored_comments(env)
    with sqlite3.connect(root / "broadsheet.sqlite3") as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    locked_answers = sum(n for kind, n in load["error_kinds"].items() if "locked" in kind.lower())
    result = {
        "workers": 4, "writers": cc.CLIENTS, "attempted": load["attempted"], "acknowledged": load["accepted"],
        "errors": load["errors"], "error_kinds": load["error_kinds"], "locked_errors_to_clients": locked_answers,
        "database_is_locked_in_server_log": server.log_findings()["database_is_locked"],
        "stored": stored["rows"], "acknowledged_missing": len(set(load["accepted_keys"]) - set(stored["keys"])),
        "post_p50_ms": load["post_p50_ms"], "post_p99_ms": load["post_p99_ms"], "post_max_ms": load["post_max_ms"],
        "comments_per_second": round(load["accepted"] / wall, 1), "integrity_check": integrity,
    }  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)
    save("sqlite_writers", result)
    print_table("SQLite: 4 workers x 8 writers, 1,000 comments", list(result.items()))
    ok = locked_answers == 0 and result["errors"] == 0 and result["acknowledged_missing"] == 0 and integrity == "ok"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
