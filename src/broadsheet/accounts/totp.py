"""RFC 6238 time-based one-time passwords (HMAC-SHA1, 30-second steps, 6 digits): what authenticator apps use."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1  # a code from the step before or after is accepted: phones' clocks drift


def new_secret() -> str:
    """Return a fresh 160-bit secret in base32, as authenticator apps expect it typed or scanned."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key: bytes, counter: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226: the one-time password for `counter` (dynamic truncation of the HMAC)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def step_at(at: float | None = None) -> int:
    return int((time.time() if at is None else at) // STEP_SECONDS)


def code_at(secret: str, at: float | None = None) -> str:
    """Return the code an authenticator app shows for `secret` at time `at` (now by default)."""
    return hotp(_key(secret), step_at(at))


def matching_step(secret: str, code: str, *, at: float | None = None, after_step: int = -1) -> int | None:
    """Return the time step `code` belongs to (now, or one step either side), or None.

    Steps up to `after_step` are refused, so a code seen once (over a shoulder, in a log) cannot be replayed.
    """
    code = code.replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    key, now = _key(secret), step_at(at)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if step > after_step and hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(secret: str, *, account: str, issuer: str) -> str:
    """Return the otpauth:// URI an authenticator app accepts (typed, pasted, or as a QR code elsewhere)."""
    label = quote(f"{issuer}:{account}")
    query = urlencode(
        {"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS}
    )
    return f"otpauth://totp/{label}?{query}"


def hashed_digest(text: str) -> str:
    """A recovery code as stored: SHA-256 of the normalised code (codes are random, so no salt is needed)."""
    return hashlib.sha256(text.replace("-", "").replace(" ", "").lower().encode()).hexdigest()
