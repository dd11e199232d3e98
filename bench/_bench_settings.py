"""Django settings for benchmarks: the product's own settings, adjusted from the environment.

Used as DJANGO_SETTINGS_MODULE=_bench_settings with bench/ on PYTHONPATH. Every response carries
`Server-Timing: app;dur=…, cpu;dur=…` (the app's own time, `_bench_timing.py`). Two knobs:

- BENCH_BROADSHEET: a JSON object merged over the BROADSHEET product settings, e.g.
  '{"comment_rate_per_ip": 1000000}' to keep the rate limits out of a measurement.
- BENCH_CACHE_PREFIX: a cache key prefix, so a run's counters never mix with another's.
"""

from __future__ import annotations

import json
import os

from broadsheet.conf.settings import *  # noqa: F403
from broadsheet.conf.settings import BROADSHEET, CACHES, MIDDLEWARE

BROADSHEET = {**BROADSHEET, **json.loads(os.environ.get("BENCH_BROADSHEET") or "{}")}

_prefix = os.environ.get("BENCH_CACHE_PREFIX")
if _prefix:
    for _cache in CACHES.values():
        _cache["KEY_PREFIX"] = _prefix

MIDDLEWARE = ["_bench_timing.ServerTimingMiddleware", *MIDDLEWARE]
