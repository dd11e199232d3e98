"""Rate limits counted in the shared cache, failing closed when the cache cannot be reached."""

from __future__ import annotations

import hashlib
import logging
import time

from django.core.cache import caches

logger = logging.getLogger(__name__)


class LimiterUnavailable(Exception):
    """The shared cache is down: we refuse rather than let a flood through."""


def allow(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key` in the current window; return False once `limit` is passed."""
    bucket = int(time.time() // window_seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no raw emails or addresses in cache keys
    cache_key = f"rate:{scope}:{digest}:{bucket}"
    shared = caches["shared"]
    try:
        shared.add(cache_key, 0, timeout=window_seconds * 2)
        count = shared.incr(cache_key)
    except ValueError:  # evicted between add and incr: start the count again
        shared.set(cache_key, 1, timeout=window_seconds * 2)
        count = 1
    except Exception as exc:  # Redis down or frozen: the client library's errors vary
        logger.warning("rate limiter unavailable: %s", exc)
        raise LimiterUnavailable from exc
    return count <= limit


def seconds_left_in_window(window_seconds: int) -> int:
    return window_seconds - int(time.time() % window_seconds)
