"""Middleware of the reader site."""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from broadsheet.conf.config import config
from broadsheet.content.selectors import next_scheduled_publication, site_time_zone
from broadsheet.core import frontcache, versioned
from broadsheet.core.pagecache import CacheUnavailable, Entry, page_cache
from broadsheet.core.surrogates import cache_publicly, keys_of


class RequestScopeMiddleware:
    """Outermost: one request's scope for site-wide data (core/versioned.py), so a page reads the
    shared versions of site settings, navigation and banners once, not once per use."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with versioned.request_scope():
            return self.get_response(request)


class SiteTimeZoneMiddleware:
    """Shows every time on the page in the paper's own time zone, not the server's."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with timezone.override(site_time_zone()):
            return self.get_response(request)


class PageCacheMiddleware:
    """Serves anonymous readers whole cached pages; one render per miss; stale copies during re-renders.

    Only responses that declare surrogate keys (`core.surrogates.set_keys`) and set no cookie are
    stored, and only for requests without a session cookie, so nothing personal is ever cached.
    Signed-in staff get fresh pages marked `private`.
    """

    WAIT_STEP, WAIT_STEPS = 0.05, 40  # up to 2 s for another request's render when no stale copy exists

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cache_key = self._cache_key(request)
        if cache_key is None:
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            entry, fresh = page_cache.get(cache_key)
            if entry is not None and fresh:
                return self._from_entry(request, entry, "HIT")
            has_lock = page_cache.lock(cache_key)
            if not has_lock:
                if entry is not None:
                    return self._from_entry(request, entry, "STALE")
                for _ in range(self.WAIT_STEPS):
                    time.sleep(self.WAIT_STEP)
                    entry, fresh = page_cache.get(cache_key)
                    if entry is not None and fresh:
                        return self._from_entry(request, entry, "HIT")
        except CacheUnavailable:
            return self._public(self.get_response(request), "BYPASS")
        try:
            before: dict[str, int] = {}
            if has_lock:
                # Another request may have finished the render between our read and our lock.
                with contextlib.suppress(CacheUnavailable):
                    entry, fresh = page_cache.get(cache_key)
                    if entry is not None and fresh:
                        return self._from_entry(request, entry, "HIT")
                    if entry is not None:
                        before = page_cache.generations(entry.keys)
            response = self.get_response(request)
            entry = self._store(cache_key, response, before)
        finally:
            if has_lock:
                page_cache.unlock(cache_key)
        if entry is None:
            return response
        return self._from_entry(request, entry, "MISS")

    @staticmethod
    def _cache_key(request: HttpRequest) -> str | None:
        if not config().page_cache_enabled:
            return None
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if set(request.GET) - {"page"}:  # only list pages vary by query; anything else goes uncached
            return None
        try:
            host = request.get_host()
        except Exception:  # a bad Host header: let the normal path answer it
            return None
        page = request.GET.get("page", "")
        return hashlib.sha256(f"{request.scheme}|{host}|{request.path}|{page}".encode()).hexdigest()

    def _store(self, cache_key: str, response: HttpResponse, before: dict[str, int]) -> Entry | None:
        """Store the rendered page under the key generations it was rendered under.

        `before` holds the generations read just before rendering: a key purged while the page
        rendered keeps its older generation, so the page (which may predate the change) is stale at
        once and the next reader gets a fresh render; without this a purge during a render was lost
        until the page expired.
        """
        keys = keys_of(response)
        if (
            not keys
            or response.status_code not in (200, 301)
            or response.cookies
            or response.streaming
            or "private" in response.get("Cache-Control", "")
            or "no-store" in response.get("Cache-Control", "")
        ):
            return None
        now = time.time()
        try:
            generations = page_cache.generations(keys)
        except CacheUnavailable:
            return None
        for key, generation in before.items():
            if key in generations and generations[key] != generation:
                generations[key] = generation
        content = response.content
        headers = [(k, v) for k, v in response.items() if k.lower() not in {"vary", "cache-control", "etag"}]
        headers.append(("ETag", f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'))
        headers.append(("Last-Modified", http_date(now)))
        lifetime = self._lifetime(now)
        bounded = lifetime < config().page_cache_seconds
        entry = Entry(response.status_code, headers, content, now, now + lifetime, generations, bounded)
        with contextlib.suppress(CacheUnavailable):  # not stored this time; the reader still gets the page
            page_cache.set(cache_key, entry)
        return entry

    @staticmethod
    def _lifetime(now: float) -> float:
        """Fresh for the configured time, but never past local midnight (the date in the top bar)
        nor past the next scheduled story, embargo lift or banner change (they must happen on time)."""
        local = timezone.localtime(timezone.now(), site_time_zone())
        midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        bounds = [float(config().page_cache_seconds), (midnight - local).total_seconds()]
        upcoming = next_scheduled_publication()
        if upcoming is not None:
            bounds.append((upcoming - timezone.now()).total_seconds())
        return max(1.0, min(bounds))

    def _from_entry(self, request: HttpRequest, entry: Entry, state: str) -> HttpResponse:
        etag = next(v for k, v in entry.headers if k == "ETag")
        if request.headers.get("If-None-Match") == etag:
            response: HttpResponse = HttpResponseNotModified()
            response["ETag"] = etag
        else:
            response = HttpResponse(entry.content, status=entry.status)
            for name, value in entry.headers:
                response[name] = value
            if state != "STALE" and frontcache.META_KEY in request.META:
                self._let_front_keep(request.META[frontcache.META_KEY], entry, response, checked=state == "HIT")
        fresh_for = entry.fresh_until - time.time() if entry.bounded or state == "STALE" else None
        return self._public(response, state, fresh_for=fresh_for)

    @staticmethod
    def _let_front_keep(front_key: str, entry: Entry, response: HttpResponse, *, checked: bool) -> None:
        """Let `broadsheet serve`'s nginx keep this page, if fresh, for as long as the page cache would."""
        seconds = int(entry.fresh_until - time.time())
        if seconds < 1:
            return
        try:
            if not checked and page_cache.generations(entry.keys) != entry.keys:
                return  # purged while it rendered: the next reader gets a fresh render
            frontcache.remember(front_key, entry.keys)
        except (frontcache.FrontCacheError, CacheUnavailable):
            return  # unpurgeable there, so not kept there
        response[frontcache.EXPIRES_HEADER] = str(seconds)

    @staticmethod
    def _public(response: HttpResponse, state: str, *, fresh_for: float | None = None) -> HttpResponse:
        if keys_of(response) and "Cache-Control" not in response:
            cache_publicly(response, fresh_for=fresh_for)
        response["X-Cache"] = state
        return response
