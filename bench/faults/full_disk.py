"""Fault: a full disk — writes answer 503 quickly, nothing is corrupted, service resumes when space returns.

Runs itself again inside a private mount namespace (`unshare -m`), where a small tmpfs holds the
whole data directory (SQLite database, media, page cache); nothing outside the namespace sees it.
Under 2 page readers and 2 commenters: 8 s normal, then a filler file takes every free byte for
10 s, then it is deleted and the load goes on for 10 s. Reports the comment answers and their
latency while full (503 + Retry-After expected, quickly), the pages (still served), recovery
after space returns, stored rows against acknowledged comments, and `PRAGMA integrity_check`.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import (
    Server,
    Timeline,
    app_env,
    commenters,
    first_success_after,
    prepare_site,
    print_table,
    readers,
    save,
    stored_comments,
    window,
)

TMPFS_SIZE = "300m"
PHASE = 10.0


def fill(directory: Path) -> Path:
    """Write zeros until the file system refuses; return the filler file."""
    filler = directory / "filler.bin"
    block = b"\0" * (1 << 20)
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(block)
                handle.flush()
        except OSError:
            pass
        small = b"\0" * 4096
        try:
            while True:
                handle.write(small)
                handle.flush()
        except OSError:
            pass
    return filler


def inside_namespace() -> int:
    root = Path(tempfile.mkdtemp(prefix="fault-disk-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE}", "tmpfs", str(root)], check=True)
    server = None
    try:
        env = app_env(root)
        article_id = prepare_site(env)
        server = Server(env, Path(tempfile.gettempdir()) / f"fault-disk-serve-{os.getpid()}.log", workers=4)
        server.start()
        timeline, stop = Timeline(), threading.Event()
        threads = readers(server.base, ["/", "/bench/"], timeline, stop, count=2)
        threads += commenters(server.base, article_id, timeline, stop, count=2, run_id="disk")
        time.sleep(8)
        filler = fill(root)
        full_at = timeline.now()
        free_when_full = shutil.disk_usage(root).free
        time.sleep(PHASE)
        freeing_at = timeline.now()
        filler.unlink()
        time.sleep(PHASE)
        end = timeline.now()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.stop()
        acknowledged = sum(1 for _, _, status in timeline.events.get("comment", []) if status == 303)
        stored = stored_comments(env)
        with sqlite3.connect(root / "broadsheet.sqlite3") as db:
            integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        full_comments = window(timeline, "comment", full_at, freeing_at)
        result = {
            "tmpfs": TMPFS_SIZE,
            "free_bytes_while_full": free_when_full,
            "before": {k: window(timeline, k, 0, full_at) for k in ("page", "comment")},
            "full": {"page": window(timeline, "page", full_at, freeing_at), "comment": full_comments},
            "space_back": {k: window(timeline, k, freeing_at, end) for k in ("page", "comment")},
            "comments_succeed_again_after_s": first_success_after(timeline, "comment", freeing_at, (303,)),
            "acknowledged_comments": acknowledged,
            "stored_comments": stored["rows"],
            "integrity_check": integrity,
            "server_log": server.log_findings(),
        }
        save("full_disk", result)
        rows = [("free bytes while full", free_when_full)]
        for phase in ("before", "full", "space_back"):
            for kind in ("page", "comment"):
                w = result[phase][kind]  # type: ignore[index]
                rows.append((f"{phase}: {kind}s", f"{w['statuses']} p50={w['p50_ms']} ms max={w['max_ms']} ms"))
        rows += [(k, result[k]) for k in ("comments_succeed_again_after_s", "acknowledged_comments",
                                          "stored_comments", "integrity_check", "server_log")]  # fmt: skip
        print_table(f"Full disk (tmpfs of {TMPFS_SIZE} in a private mount namespace, SQLite)", rows)
        refused_right = set(full_comments["statuses"]) <= {"503", "303"} and full_comments["server_errors_5xx"] == 0
        ok = (refused_right and integrity == "ok" and stored["rows"] >= acknowledged
              and result["comments_succeed_again_after_s"] is not None)  # fmt: skip
        return 0 if ok else 1
    finally:
        if server is not None:
            server.stop()
        subprocess.run(["umount", str(root)], check=False)
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    if os.environ.get("FAULT_DISK_NAMESPACE") == "1":
        return inside_namespace()
    if shutil.which("unshare") is None:
        print("unshare is not installed (util-linux): cannot make a private mount namespace")
        return 2
    env = {**os.environ, "FAULT_DISK_NAMESPACE": "1"}
    return subprocess.call(["unshare", "-m", "--propagation", "private", sys.executable, __file__], env=env)


if __name__ == "__main__":
    sys.exit(main())
