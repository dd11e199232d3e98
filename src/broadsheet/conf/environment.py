"""Reads and validates every `BROADSHEET_*` environment variable, failing loudly on bad values."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

PREFIX = "BROADSHEET_"


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (or true/false), not {raw!r}.")


def _csv(env: Mapping[str, str], name: str, default: list[str]) -> list[str]:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _url(env: Mapping[str, str], name: str, schemes: set[str]) -> str | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}://, not {raw!r}.")
    if parts.scheme not in {"sqlite", "console"} and not parts.hostname:
        raise ImproperlyConfigured(f"{name} has no host name: {raw!r}.")
    return raw


@dataclass(frozen=True, kw_only=True)
class Environment:
    """What the process environment says about where and how Broadsheet runs."""

    data_dir: Path
    debug: bool
    secret_key: str
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    database_url: str | None
    redis_url: str | None
    trusted_proxies: tuple[str, ...]
    site_url: str
    email_url: str | None
    email_from: str
    purge_url: str | None
    https: bool  # served over HTTPS (directly or behind a TLS proxy): HSTS, secure cookies, redirect
    hsts_seconds: int
    hsts_include_subdomains: bool
    hsts_preload: bool
    log_format: str  # "plain" or "json" (one object per line)

    @property
    def profile(self) -> str:
        return "scale" if self.database_url and self.database_url.startswith("postgres") else "embedded"


def read_environment(env: Mapping[str, str], *, base_dir: Path) -> Environment:
    """Return the validated environment; raise ImproperlyConfigured naming the bad variable."""
    data_dir = Path(env.get(f"{PREFIX}DATA_DIR") or base_dir / "var").expanduser().resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(f"{PREFIX}DATA_DIR {str(data_dir)!r} cannot be created: {exc}") from exc
    site_url = _url(env, f"{PREFIX}SITE_URL", {"http", "https"}) or "http://127.0.0.1:8000"
    return Environment(
        data_dir=data_dir,
        debug=_flag(env, f"{PREFIX}DEBUG", default=False),
        secret_key=env.get(f"{PREFIX}SECRET_KEY") or _stored_secret_key(data_dir),
        allowed_hosts=_csv(env, f"{PREFIX}ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"]),
        csrf_trusted_origins=_origins(env, f"{PREFIX}CSRF_TRUSTED_ORIGINS"),
        database_url=_url(env, f"{PREFIX}DATABASE_URL", {"postgres", "postgresql", "sqlite"}),
        redis_url=_url(env, f"{PREFIX}REDIS_URL", {"redis", "rediss", "unix"}),
        trusted_proxies=_networks(env, f"{PREFIX}TRUSTED_PROXIES"),
        site_url=site_url,
        email_url=_url(env, f"{PREFIX}EMAIL_URL", {"smtp", "smtps", "console"}),
        email_from=env.get(f"{PREFIX}EMAIL_FROM", "").strip() or "newsroom@localhost",
        purge_url=_url(env, f"{PREFIX}PURGE_URL", {"http", "https"}),
        # A public https:// address means readers arrive over TLS, usually through a proxy.
        https=_flag(env, f"{PREFIX}HTTPS", default=site_url.startswith("https://")),
        hsts_seconds=_whole_number(env, f"{PREFIX}HSTS_SECONDS", default=31_536_000),
        hsts_include_subdomains=_flag(env, f"{PREFIX}HSTS_INCLUDE_SUBDOMAINS", default=True),
        hsts_preload=_flag(env, f"{PREFIX}HSTS_PRELOAD", default=False),
        log_format=_choice(env, f"{PREFIX}LOG_FORMAT", {"plain", "json"}, default="plain"),
    )


def _whole_number(env: Mapping[str, str], name: str, *, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds, not {raw!r}.")
    return int(raw)


def _choice(env: Mapping[str, str], name: str, choices: set[str], *, default: str) -> str:
    raw = env.get(name, "").strip().lower() or default
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(sorted(choices))}, not {raw!r}.")
    return raw


def _networks(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    networks = _csv(env, name, [])
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or ranges such as 10.0.0.0/8, not {network!r}."
            ) from None
    return tuple(networks)


def _origins(env: Mapping[str, str], name: str) -> list[str]:
    origins = _csv(env, name, [])
    for origin in origins:
        if urlsplit(origin).scheme not in {"http", "https"}:
            raise ImproperlyConfigured(f"{name} entries must start with http:// or https://, not {origin!r}.")
    return origins


def _stored_secret_key(data_dir: Path) -> str:
    """Generate the secret key once into the data directory, so restarts keep sessions valid."""
    key_file = data_dir / "secret_key"
    if key_file.exists():
        key = key_file.read_text().strip()
        if len(key) >= 32:
            return key
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def database_settings(environment: Environment) -> dict[str, Any]:
    """Return DATABASES['default'] for the profile the environment selects."""
    if environment.profile == "scale":
        import dj_database_url

        config: dict[str, Any] = dict(
            dj_database_url.parse(environment.database_url or "", conn_max_age=600, conn_health_checks=True)
        )
        # No JIT: a page's queries are short, and a search's high cost estimate (ts_rank_cd over
        # the window) made PostgreSQL spend 350 ms compiling a query that ran in 125 ms.
        options = dict(config.get("OPTIONS") or {})
        options["options"] = f"-c jit=off {options.get('options', '')}".strip()
        config["OPTIONS"] = options
        return config
    path = environment.data_dir / "broadsheet.sqlite3"
    if environment.database_url and environment.database_url.startswith("sqlite"):
        path = Path(urlsplit(environment.database_url).path)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": path,
        "OPTIONS": {
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue on the
            # busy timeout instead of failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        },
    }


def cache_settings(environment: Environment) -> dict[str, Any]:
    """Return CACHES for the profile: Redis when configured, process memory otherwise.

    `pages` holds whole responses (see core/pagecache.py). `shared` is what every worker process
    must agree on (rate limits): Redis at scale, files
    in the data directory when embedded, since process memory is not shared between workers.
    """
    if environment.redis_url:
        redis = {
            "LOCATION": environment.redis_url,
            "KEY_PREFIX": "broadsheet",
            # Short timeouts: Redis being down must cost milliseconds, not a hung page.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
        return {
            "default": {"BACKEND": "broadsheet.core.cache_backends.ResilientRedisCache", **redis},
            "pages": {"BACKEND": "broadsheet.core.cache_backends.StrictRedisCache", **redis},
            "shared": {"BACKEND": "broadsheet.core.cache_backends.StrictRedisCache", **redis},
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "broadsheet",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Files, not process memory: a purge or render lock in one worker must hold for all workers.
        "pages": {
            "BACKEND": "broadsheet.core.cache_backends.SharedFileCache",
            "LOCATION": str(environment.data_dir / "cache" / "pages"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "shared": {
            "BACKEND": "broadsheet.core.cache_backends.SharedFileCache",
            "LOCATION": str(environment.data_dir / "cache" / "shared"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }


def email_settings(environment: Environment) -> dict[str, Any]:
    """Return the EMAIL_* settings: printed to the console unless an SMTP server is configured."""
    url = environment.email_url
    common = {"DEFAULT_FROM_EMAIL": environment.email_from, "SERVER_EMAIL": environment.email_from}
    if not url or url.startswith("console"):
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend", **common}
    parts = urlsplit(url)
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": parts.scheme == "smtps",
        "EMAIL_USE_TLS": parts.scheme == "smtp" and (parts.port or 587) == 587,
        "EMAIL_TIMEOUT": 10,
        **common,
    }


def https_settings(environment: Environment) -> dict[str, Any]:
    """Return the settings for readers arriving over TLS: HSTS, secure cookies, redirect to https.

    Behind a TLS proxy the scheme comes from X-Forwarded-Proto, believed only from
    BROADSHEET_TRUSTED_PROXIES (`reader.security.TrustedProxySchemeMiddleware`).
    """
    if not environment.https:
        return {}
    return {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": environment.hsts_seconds,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": environment.hsts_include_subdomains,
        "SECURE_HSTS_PRELOAD": environment.hsts_preload,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        # Joining the browsers' preload list is the owner's irreversible choice (BROADSHEET_HSTS_PRELOAD).
        "SILENCED_SYSTEM_CHECKS": [] if environment.hsts_preload else ["security.W021"],
    }
