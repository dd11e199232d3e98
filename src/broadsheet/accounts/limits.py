"""Failed sign-ins counted per (account, address) pair in the shared cache; five in 15 minutes lock the pair out."""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import caches

logger = logging.getLogger(__name__)

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


class SignInUnavailable(Exception):
    """The shared cache is down: sign-in is refused rather than left open to guessing."""


def _key(username: str, address: str) -> str:
    # The pair, hashed: no account names or addresses in cache keys. Case-folded, as guessers vary case.
    digest = hashlib.sha256(f"{username.strip().casefold()}|{address}".encode()).hexdigest()[:40]
    return f"signin:failures:{digest}"


def _shared():  # type: ignore[no-untyped-def]
    return caches["shared"]


def failures(username: str, address: str) -> int:
    """Return the failed attempts counted for this pair in its current window."""
    try:
        return int(_shared().get(_key(username, address)) or 0)
    except Exception as exc:  # Redis down or frozen: the client library's errors vary
        logger.warning("sign-in limiter unavailable: %s", exc)
        raise SignInUnavailable from exc


def is_locked_out(username: str, address: str) -> bool:
    return failures(username, address) >= MAX_FAILURES


def record_failure(username: str, address: str) -> int:
    """Count one failure for the pair; the window starts at its first failure. Return the count."""
    return _count(_key(username, address), WINDOW_SECONDS)


def clear_failures(username: str, address: str) -> None:
    """Forget the pair's failures after a successful sign-in."""
    try:
        _shared().delete(_key(username, address))
    except Exception as exc:
        logger.warning("sign-in limiter unavailable: %s", exc)


# Password-reset emails: a flood from one address, or aimed at one mailbox, is refused.
RESETS_PER_ADDRESS, RESETS_PER_EMAIL, RESET_WINDOW_SECONDS = 10, 3, 3600


def _count(key: str, window_seconds: int) -> int:
    """Count one event under `key` in a window that starts at the first; return the count (fails closed)."""
    try:
        _shared().add(key, 0, timeout=window_seconds)
        return int(_shared().incr(key))
    except ValueError:  # evicted between add and incr
        _shared().set(key, 1, timeout=window_seconds)
        return 1
    except Exception as exc:
        logger.warning("sign-in limiter unavailable: %s", exc)
        raise SignInUnavailable from exc


def allow_password_reset(email: str, address: str) -> bool:
    """Count one reset request; False once the address or the email asked too often this hour.

    Counted whether or not an account has the email, so the answer tells nothing about accounts.
    """
    by_address = hashlib.sha256(f"address|{address}".encode()).hexdigest()[:40]
    by_email = hashlib.sha256(f"email|{email.strip().casefold()}".encode()).hexdigest()[:40]
    address_count = _count(f"reset:{by_address}", RESET_WINDOW_SECONDS)
    email_count = _count(f"reset:{by_email}", RESET_WINDOW_SECONDS)
    return address_count <= RESETS_PER_ADDRESS and email_count <= RESETS_PER_EMAIL
