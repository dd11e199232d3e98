"""Security headers on every response: a nonce-based Content-Security-Policy, and the scheme behind a TLS proxy.

Three middlewares, in this order in `MIDDLEWARE` (ADR 0020):

- `TrustedProxySchemeMiddleware` (first): believes `X-Forwarded-Proto: https` only from
  `BROADSHEET_TRUSTED_PROXIES`, so HSTS, secure cookies and the HTTPS redirect see the scheme
  the reader used, and a client talking to the app directly cannot claim one.
- `SecurityHeadersMiddleware` (outside the page cache and WhiteNoise): `Permissions-Policy`,
  `Cross-Origin-Resource-Policy`, and a deny-everything CSP on any response that has none
  (static files, redirects). It never touches a 304, whose headers would replace the ones a
  browser stored with the page (and with them the page's nonce).
- `ContentSecurityPolicyMiddleware` (inside the page cache): the page's CSP with a fresh nonce.
  Being inside, the header is stored with the cached page and sent with every copy of it, so
  the nonce in a cached page always matches the header it arrives with.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from base64 import b64encode
from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache as default_cache
from django.http import HttpRequest, HttpResponse

from broadsheet.ads.effects import current_version
from broadsheet.ads.selectors import InPageSources, in_page_script_sources
from broadsheet.conf.config import config
from broadsheet.core.net import in_network

Handler = Callable[[HttpRequest], HttpResponse]

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), browsing-topics=()"
)
# For responses that are not pages (JSON, feeds, static files, redirects): nothing may run or embed them.
FALLBACK_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
AD_HOSTS_SECONDS = 60
_HOST = re.compile(r"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


class TrustedProxySchemeMiddleware:
    """Marks a request secure when a trusted TLS proxy says the reader used HTTPS."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        proxies = config().trusted_proxies
        forwarded = request.META.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip().lower()
        if proxies and forwarded in {"http", "https"} and _from_trusted_proxy(request, proxies):
            request.META["wsgi.url_scheme"] = forwarded
        return self.get_response(request)


def _from_trusted_proxy(request: HttpRequest, proxies: tuple[str, ...]) -> bool:
    remote = request.META.get("REMOTE_ADDR", "")
    return any(in_network(remote, network) for network in proxies)


class SecurityHeadersMiddleware:
    """Headers every response carries, whatever produced it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 304:
            return response
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if _is_html(response):
            response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy", FALLBACK_POLICY)
        return response


class ContentSecurityPolicyMiddleware:
    """Gives each rendered page a nonce (`request.csp_nonce`) and the policy that names it."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if "Content-Security-Policy" in response or not _is_html(response):
            return response
        if request.path.startswith(_newsroom_prefix()):
            response["Content-Security-Policy"] = newsroom_policy(nonce)
        else:
            response["Content-Security-Policy"] = reader_policy(nonce, ads=_cached_ad_sources())
        return response


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """Template context: `csp_nonce` for every inline <script> (empty outside the middleware, e.g. error pages)."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


def reader_policy(nonce: str, *, ads: InPageSources) -> str:
    """Return the public pages' policy: our own files, the nonce, in-page ads' declared hosts and inline loaders.

    Styles allow 'unsafe-inline' for the ad slots' reserved heights (a style attribute) and in-page
    ad boxes; scripts never do. Reader HTML is sanitised (nh3), so no reader text can carry a style.
    """
    hosts = [f"https://{host}" for host in ads.hosts if _HOST.match(host)]
    media = _media_origin()
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", f"'nonce-{nonce}'", *ads.script_hashes, *hosts],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", *media, *hosts],
        "font-src": ["'self'"],
        "connect-src": ["'self'", *hosts],
        "frame-src": ["'self'", *hosts],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def newsroom_policy(nonce: str) -> str:
    """Return the newsroom's policy: the admin and the prose editor run from our own static files.

    The editor's import map is an inline script of fixed content, allowed by its hash. The admin's
    own templates and the editor set style attributes, hence 'unsafe-inline' for styles only.
    """
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}' {_editor_importmap_hash()}; "
        f"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: {' '.join(_media_origin())}; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
    ).replace("  ", " ")


def _cached_ad_sources() -> InPageSources:
    # One query per ads version rather than per render; the version moves whenever units change.
    key = f"csp:ad-sources:{current_version()}"
    sources: InPageSources | None = default_cache.get(key)
    if sources is None:
        sources = in_page_script_sources()
        default_cache.set(key, sources, AD_HOSTS_SECONDS)
    return sources


def _media_origin() -> list[str]:
    # Media on a bucket or CDN (an absolute MEDIA_URL) is the one other image origin pages use.
    parts = urlsplit(str(settings.MEDIA_URL))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in {"http", "https"} and parts.netloc else []


@cache
def _newsroom_prefix() -> str:
    from django.urls import reverse

    return reverse("newsroom:index")


@cache
def _editor_importmap_hash() -> str:
    """The CSP hash of django-prose-editor's <script type="importmap">, as the admin renders it."""
    from django_prose_editor.widgets import importmap

    rendered = str(importmap.render())
    body = rendered[rendered.index(">") + 1 : rendered.rindex("</script>")]
    digest = b64encode(hashlib.sha256(body.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def _is_html(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")
