"""Broadsheet's own deploy checks, run by `broadsheet check --deploy` beside Django's."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from broadsheet.conf.config import config

# The CSP middleware must sit inside the page cache, so cached pages keep the header (and nonce) they carry.
ORDER = (
    "broadsheet.reader.security.TrustedProxySchemeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "broadsheet.reader.security.SecurityHeadersMiddleware",
    "broadsheet.reader.middleware.PageCacheMiddleware",
    "broadsheet.reader.security.ContentSecurityPolicyMiddleware",
)


@register(Tags.security, deploy=True)
def check_site_address(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """The public address must be HTTPS and one of the allowed hosts: emails and reset links use it."""
    messages: list[CheckMessage] = []
    parts = urlsplit(config().site_url)
    if parts.scheme != "https":
        messages.append(
            Warning(
                f"BROADSHEET_SITE_URL is {config().site_url!r}: readers and staff would sign in over plain HTTP.",
                hint="Serve the site over TLS and set BROADSHEET_SITE_URL=https://your.address.",
                id="broadsheet.W001",
            )
        )
    hosts = list(settings.ALLOWED_HOSTS)
    host = parts.hostname or ""
    if "*" in hosts or not any(host == h or (h.startswith(".") and host.endswith(h)) for h in hosts):
        messages.append(
            Error(
                f"BROADSHEET_ALLOWED_HOSTS ({', '.join(hosts)}) must name the site's host {host!r}, and no '*'.",
                id="broadsheet.E001",
            )
        )
    if settings.SECURE_SSL_REDIRECT and not config().trusted_proxies:
        messages.append(
            Warning(
                "HTTPS is on but BROADSHEET_TRUSTED_PROXIES is empty: behind a TLS proxy every request "
                "would look like plain HTTP and be redirected forever.",
                hint="Name the proxy's address (e.g. 127.0.0.1), or serve TLS directly.",
                id="broadsheet.W002",
            )
        )
    return messages


@register(Tags.security, deploy=True)
def check_middleware_order(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """The security middlewares are all present, in the order that keeps cached pages' policies right."""
    positions = [settings.MIDDLEWARE.index(name) if name in settings.MIDDLEWARE else -1 for name in ORDER]
    if -1 in positions or positions != sorted(positions):
        return [Error(f"MIDDLEWARE must contain, in this order: {', '.join(ORDER)}.", id="broadsheet.E002")]
    return []


@register(Tags.security, deploy=True)
def check_data_directory(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Uploads and the secret key live in the data directory: it must be writable and not world-readable."""
    messages: list[CheckMessage] = []
    media = Path(settings.MEDIA_ROOT)
    data = media.parent
    if not os.access(data, os.W_OK):
        messages.append(Error(f"The data directory {data} is not writable.", id="broadsheet.E003"))
    key_file = data / "secret_key"
    if key_file.exists() and key_file.stat().st_mode & 0o077:
        messages.append(
            Error(f"{key_file} is readable by other users.", hint=f"chmod 600 {key_file}", id="broadsheet.E004")
        )
    return messages
