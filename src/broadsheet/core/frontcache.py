"""The native front cache `broadsheet serve` runs (nginx's proxy_cache): what it may keep, and exact purges.

A cache hit must not pay for a Python round trip (ADR 0040), so `broadsheet serve` puts nginx in
front of the app. nginx stores only what the app marks with `X-Accel-Expires` — responses the
page cache holds as fresh (anonymous, no cookie, declared surrogate keys) — for exactly as long
as the page cache would, and passes every request with a session cookie straight through.

Purges stay exact without asking nginx anything: nginx names a cached response's file after the
MD5 of its cache key, which it sends to the app in `X-Front-Cache-Key`. When the app lets nginx
keep a response it records that file name under each of the response's surrogate keys, as an
empty marker file `keys/<key>/<md5>` (creating a file is atomic, so concurrent workers never lose
one). Purging a key deletes the files its markers name; nginx finds the file gone and asks the app,
whose page cache already treats the key as purged.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

logger = logging.getLogger(__name__)

KEY_HEADER = "X-Front-Cache-Key"  # set by our nginx (never passed from clients): its proxy_cache_key
META_KEY = "HTTP_X_FRONT_CACHE_KEY"
EXPIRES_HEADER = "X-Accel-Expires"  # seconds nginx may keep the response; nginx never shows it to clients
# nginx may still be writing a response the app sent just before a purge; deleting the purged files
# once more a little later removes such a late copy too.
REPEAT_AFTER_SECONDS = 2.0


def root() -> Path:
    return Path(settings.FRONT_CACHE_DIR)


def cache_dir() -> Path:
    return root() / "cache"


def _keys_dir() -> Path:
    return root() / "keys"


def file_name(front_key: str) -> str:
    return hashlib.md5(front_key.encode(), usedforsecurity=False).hexdigest()


def cached_file(name: str) -> Path:
    """Where nginx keeps the response with this file name (`levels=1:2` in its configuration)."""
    return cache_dir() / name[-1] / name[-3:-1] / name


def _marker_dir(key: str) -> Path:
    return _keys_dir() / quote(key, safe="")


def remember(front_key: str, keys: Iterable[str]) -> None:
    """Record that nginx may keep the response cached under `front_key`, which carries `keys`."""
    name = file_name(front_key)
    for key in keys:
        directory = _marker_dir(key)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            (directory / name).touch()
        except OSError as exc:  # then nginx must not keep it: the caller drops the header
            raise FrontCacheError(str(exc)) from exc


class FrontCacheError(Exception):
    """A marker could not be written: the response must not be kept by the front cache."""


def purge(keys: Iterable[str]) -> int:
    """Delete every response the front cache holds under any of `keys`; return how many were named."""
    if not _keys_dir().is_dir():
        return 0  # no front cache has ever run with this data directory
    names: set[str] = set()
    for key in set(keys):
        directory = _marker_dir(key)
        try:
            markers = list(directory.iterdir())
        except FileNotFoundError:
            continue
        for marker in markers:
            names.add(marker.name)
            marker.unlink(missing_ok=True)
    if names:
        _unlink(names)
        timer = threading.Timer(REPEAT_AFTER_SECONDS, _unlink, [names])
        timer.daemon = True
        timer.start()
    return len(names)


def _unlink(names: Iterable[str]) -> None:
    for name in names:
        try:
            cached_file(name).unlink(missing_ok=True)
        except OSError as exc:
            logger.warning("front cache purge of %s failed: %s", name, exc)
