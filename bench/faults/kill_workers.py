"""Fault: `kill -9` of a random worker every 2 s while 1,000 comments are posted with retries.

Embedded profile (SQLite), `broadsheet serve` with 4 workers in a temp data dir. Eight readers
post 1,000 comments; when a request gets no answer or a server error, the reader retries it
with the same form (same idempotency key) until it is acknowledged. Meanwhile a worker is
killed every 2 s, and `broadsheet backup` runs once mid-load. Then: every acknowledged comment
must be stored (0 missing), no key twice (0 duplicates), `PRAGMA integrity_check` = ok, and the
backup taken under load verifies and passes its own integrity check.
"""

from __future__ import annotations

import queue
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import BROADSHEET, Server, app_env, cc, prepare_site, print_table, save, stored_comments

COMMENTS, CLIENTS, KILL_EVERY, MAX_TRIES = 1000, 8, 2.0, 40


def main() -> int:
    root = Path(tempfile.mkdtemp(prefix="fault-kill-"))
    env = app_env(root)
    article_id = prepare_site(env)
    server = Server(env, root / "serve.log", workers=4)
    server.start()
    work: queue.Queue[int] = queue.Queue()
    for n in range(COMMENTS):
        work.put(n)
    acknowledged: set[str] = set()
    retries, given_up, kills = [0], [0], [0]
    lock, stop = threading.Lock(), threading.Event()

    def reader(index: int) -> None:
        client = cc.Client(server.base)
        while True:
            try:
                n = work.get_nowait()
            except queue.Empty:
                return
            token = None
            for attempt in range(MAX_TRIES):
                try:
                    token = token or client.token()
                except Exception:
                    time.sleep(0.2)
                    continue
                outcome = client.post(article_id, token, name=f"Reader {index}", email=f"kill-{n}@example.test",
                                      body=f"Comment {n}: posted while workers are being killed.")  # fmt: skip
                if outcome.kind in ("approved", "held"):
                    with lock:
                        acknowledged.add(token["key"])
                        retries[0] += attempt
                    break
                time.sleep(0.2)  # no answer, or a 5xx from a dying worker: send the same form again
            else:
                with lock:
                    given_up[0] += 1

    def killer() -> None:
        while not stop.wait(KILL_EVERY):
            pids = server.worker_pids()
            if pids:
                subprocess.run(["kill", "-9", str(random.choice(pids))], check=False)
                kills[0] += 1

    def backup_midway() -> None:
        time.sleep(8)
        result = subprocess.run([str(BROADSHEET), "backup", str(root / "backup")], env=env, capture_output=True,
                                text=True, check=False, timeout=300)  # fmt: skip
        backup_result["code"], backup_result["out"] = result.returncode, (result.stdout + result.stderr).strip()

    backup_result: dict[str, object] = {}
    began = time.monotonic()
    threads = [threading.Thread(target=reader, args=(i,), daemon=True) for i in range(CLIENTS)]
    chaos = [threading.Thread(target=killer, daemon=True), threading.Thread(target=backup_midway, daemon=True)]
    for thread in threads + chaos:
        thread.start()
    for thread in threads:
        thread.join(timeout=900)
    stop.set()
    wall = time.monotonic() - began
    chaos[1].join(timeout=300)
    server.stop()

    stored = stored_comments(env)
    keys = stored["keys"]
    with sqlite3.connect(root / "broadsheet.sqlite3") as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    backup_check = subprocess.run([str(BROADSHEET), "restore", "--check", str(root / "backup")], env=env,
                                  capture_output=True, text=True, check=False)  # fmt: skip
    backup_integrity = "missing"
    if (root / "backup" / "database.sqlite3").exists():
        with sqlite3.connect(root / "backup" / "database.sqlite3") as db:
            backup_integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    result = {
        "comments": COMMENTS, "acknowledged": len(acknowledged), "given_up": given_up[0],
        "workers_killed": kills[0], "retries": retries[0], "wall_seconds": round(wall, 1),
        "stored": stored["rows"], "acknowledged_missing": len(acknowledged - set(keys)),
        "duplicates": len(keys) - len(set(keys)), "integrity_check": integrity,
        "backup_under_load": backup_result.get("out", ""), "backup_verifies": backup_check.returncode == 0,
        "backup_integrity_check": backup_integrity, "server_log": server.log_findings(),
    }  # fmt: skip
    shutil.rmtree(root, ignore_errors=True)
    save("kill_workers", result)
    print_table(
        "kill -9 a random worker every 2 s, 1,000 comments with retries (SQLite, 4 workers)", list(result.items())
    )
    stored_right = result["acknowledged_missing"] == 0 and result["duplicates"] == 0 and integrity == "ok"
    backup_right = backup_check.returncode == 0 and backup_integrity == "ok"
    ok = stored_right and backup_right and result["acknowledged"] == COMMENTS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
