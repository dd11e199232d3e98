"""Benchmarks entry point (`make bench`): runs every script in bench/, one after another.

A benchmark is any `bench/*.py` except this file and modules starting with `_` (helpers such as
`_bench_settings.py`). Pass names to run only some: `python bench/run.py comments_concurrency`.
Exits non-zero when any benchmark does.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def benchmarks(selected: list[str]) -> list[Path]:
    found = sorted(p for p in BENCH_DIR.glob("*.py") if p.name != "run.py" and not p.name.startswith("_"))
    if not selected:
        return found
    wanted = {name.removesuffix(".py") for name in selected}
    unknown = wanted - {p.stem for p in found}
    if unknown:
        raise SystemExit(f"No such benchmark: {', '.join(sorted(unknown))}. Have: {', '.join(p.stem for p in found)}")
    return [p for p in found if p.stem in wanted]


def main() -> int:
    scripts = benchmarks(sys.argv[1:])
    if not scripts:
        print("no benchmarks yet")
        return 0
    failures = []
    for script in scripts:
        print(f"=== {script.stem} ===", flush=True)
        began = time.monotonic()
        code = subprocess.call([sys.executable, str(script)], cwd=BENCH_DIR.parent)
        print(f"=== {script.stem}: exit {code} after {time.monotonic() - began:.0f} s ===\n", flush=True)
        if code != 0:
            failures.append(script.stem)
    if failures:
        print(f"Failed: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
