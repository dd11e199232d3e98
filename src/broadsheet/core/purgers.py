"""Purging caches in front of the app (Varnish, a CDN) by surrogate key, behind one Protocol."""

from __future__ import annotations

import logging
import threading
import time
import urllib.request
from collections.abc import Iterable
from functools import cache
from typing import Protocol

from broadsheet.conf.config import config

logger = logging.getLogger(__name__)


class Purger(Protocol):
    def purge(self, keys: Iterable[str]) -> None:
        """Ask the cache in front to drop every response tagged with any of `keys`."""


class NoPurger:
    """Nothing in front of the app: the app's own page cache is all there is."""

    def purge(self, keys: Iterable[str]) -> None:
        return None


class VarnishPurger:
    """Sends xkey purges to Varnish: one PURGE request with an `xkey` header per batch of keys.

    Batches of at most `batch` keys, and at most `per_second` requests a second, so a burst of
    publishes cannot turn into a flood of purges.
    """

    def __init__(self, url: str, *, batch: int = 50, per_second: float = 20.0, timeout: float = 2.0) -> None:
        self.url = url
        self.batch = batch
        self.interval = 1.0 / per_second
        self.timeout = timeout
        self._last = 0.0
        self._lock = threading.Lock()

    def purge(self, keys: Iterable[str]) -> None:
        ordered = sorted(set(keys))
        for start in range(0, len(ordered), self.batch):
            chunk = ordered[start : start + self.batch]
            with self._lock:
                wait = self._last + self.interval - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                self._last = time.monotonic()
            # The URL is the operator's own proxy, validated as http(s) in conf.environment.
            request = urllib.request.Request(self.url, method="PURGE", headers={"xkey-purge": " ".join(chunk)})  # noqa: S310
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    response.read()
            except OSError as exc:  # a purge that fails is logged; the short s-maxage bounds the damage
                logger.warning("varnish purge of %d key(s) failed: %s", len(chunk), exc)


@cache
def get_purger() -> Purger:
    """Return the purger for the configured front cache (chosen once per process)."""
    url = config().purge_url
    if url.startswith(("http://", "https://")):
        return VarnishPurger(url)
    return NoPurger()
