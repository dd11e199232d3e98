"""Process-local copies of site-wide data that stay right across worker processes.

Site settings, navigation, the breaking-news banners and the ad units' version are read on every
page. They are kept in the default cache (process memory when embedded, Redis at scale), each under
a *version* kept in the shared cache (files when embedded, Redis at scale), which every worker
sees. A change bumps the version once; every worker's copy is then out of date at its next read.
Without this, a worker other than the one that saved a change kept its old copy for minutes, and
pages it re-rendered after the purge went back into the page cache as fresh, with the old banner.

Inside `request_scope()` (one per request, `reader.middleware.RequestScopeMiddleware`) each version
is read once and each value unpickled once, however many times a page asks for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache, caches

logger = logging.getLogger(__name__)

T = TypeVar("T")
_scope: ContextVar[dict[str, Any] | None] = ContextVar("broadsheet_request_scope", default=None)
_UNKNOWN = -1  # the shared cache could not be read: no copy is trusted


@contextmanager
def request_scope() -> Iterator[None]:
    """Read each version (and each value) at most once inside the block: one request's worth."""
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def version(name: str) -> int:
    """Return the shared version of `name` (0 until it is first bumped; -1 if unreadable)."""
    scope = _scope.get()
    key = f"version:{name}"
    if scope is not None and key in scope:
        return int(scope[key])
    try:
        value = int(caches["shared"].get(key) or 0)
    except Exception as exc:  # Redis down: no copy can be trusted, so every read goes to the source
        logger.debug("shared version of %s unreadable: %s", name, exc)
        value = _UNKNOWN
    if scope is not None:
        scope[key] = value
    return value


def bump(name: str) -> int:
    """Make every worker's copy of `name` out of date. A clock value, so an evicted version never returns."""
    value = time.time_ns()
    try:
        caches["shared"].set(f"version:{name}", value, None)
    except Exception as exc:
        logger.warning("could not bump the shared version of %s: %s", name, exc)
    scope = _scope.get()
    if scope is not None:  # this request sees its own change at once
        scope.clear()
    return value


def cached(name: str, key: str, compute: Callable[[], T], timeout: float) -> T:
    """Return `compute()`, kept under `key` for `timeout` seconds while `name`'s version stands."""
    current = version(name)
    scope = _scope.get()
    if scope is not None and key in scope:
        return scope[key]
    stored = cache.get(key) if current != _UNKNOWN else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == current:
        value: T = stored[1]
    else:
        value = compute()
        if current != _UNKNOWN:
            cache.set(key, (current, value), timeout)
    if scope is not None:
        scope[key] = value
    return value
