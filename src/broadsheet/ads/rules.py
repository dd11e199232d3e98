"""Rules of advertising data: the IAB ads.txt 1.1 line format and script host names."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from typing import Final

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"^(?:{_LABEL}\.)+[a-z][a-z0-9-]{{1,62}}$", re.IGNORECASE)
_CERT_ID = re.compile(r"^[a-z0-9]+$", re.IGNORECASE)
_COUNTRY = re.compile(r"^[a-z]{2}$", re.IGNORECASE)
ACCOUNT_TYPES: Final = ("DIRECT", "RESELLER")
# Variables defined by ads.txt 1.1 (OWNERDOMAIN and MANAGERDOMAIN are new in 1.1).
VARIABLES: Final = ("CONTACT", "SUBDOMAIN", "INVENTORYPARTNERDOMAIN", "OWNERDOMAIN", "MANAGERDOMAIN")


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based, as an editor counts
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


def is_domain(text: str) -> bool:
    """True for a bare host name such as example.com (no scheme, path or port)."""
    return bool(_DOMAIN.match(text)) and len(text) <= 253


def ads_txt_errors(text: str) -> list[LineError]:
    """Return every line of `text` that is not a valid ads.txt 1.1 record, variable, comment or blank."""
    errors: list[LineError] = []
    owner_domains = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()  # a comment runs to the end of the line
        if not line:
            continue
        message = _variable_error(line) if _is_variable(line) else _record_error(line)
        if line.upper().startswith("OWNERDOMAIN="):
            owner_domains += 1
            if owner_domains > 1 and message is None:
                message = "OWNERDOMAIN may appear only once."
        if message:
            errors.append(LineError(number, message))
    return errors


def _is_variable(line: str) -> bool:
    # A record's first field is a domain and cannot hold "="; a variable is NAME=value.
    name, sep, _ = line.partition("=")
    return bool(sep) and "," not in name


def _variable_error(line: str) -> str | None:
    name, _, value = line.partition("=")
    name, value = name.strip().upper(), value.strip()
    if name not in VARIABLES:
        return f"Unknown variable “{name}”; ads.txt 1.1 defines {', '.join(VARIABLES)}."
    if not value:
        return f"{name} needs a value after “=”."
    if name in ("SUBDOMAIN", "INVENTORYPARTNERDOMAIN", "OWNERDOMAIN") and not is_domain(value):
        return f"{name} must be a domain such as example.com, not “{value}”."
    if name == "MANAGERDOMAIN":
        domain, _, country = (part.strip() for part in value.partition(","))
        if not is_domain(domain):
            return f"MANAGERDOMAIN must start with a domain such as example.com, not “{domain}”."
        if country and not _COUNTRY.match(country):
            return f"MANAGERDOMAIN's country must be a two-letter ISO code such as GB, not “{country}”."
    return None


def _record_error(line: str) -> str | None:
    record = line.split(";", 1)[0]  # extension fields follow a semicolon
    fields = [field.strip() for field in record.split(",")]
    if len(fields) < 3:
        return (
            "A record needs at least three comma-separated fields: ad system domain, "
            "publisher account ID, DIRECT or RESELLER (and optionally a certification authority ID)."
        )
    if len(fields) > 4:
        return f"A record has at most four fields; this line has {len(fields)}."
    domain, account, relationship = fields[:3]
    if not is_domain(domain):
        return f"The first field must be the ad system's domain, such as google.com, not “{domain}”."
    if not account:
        return "The second field, the publisher account ID, is empty."
    if relationship.upper() not in ACCOUNT_TYPES:
        return f"The third field must be DIRECT or RESELLER, not “{relationship}”."
    if len(fields) == 4 and not _CERT_ID.match(fields[3]):
        return f"The certification authority ID must be letters and digits only, not “{fields[3]}”."
    return None


def script_host_errors(hosts: list[str]) -> list[str]:
    """Return a message for every entry that is not a bare host name a CSP can name."""
    return [
        f"“{host}” is not a host name such as securepubads.g.doubleclick.net." for host in hosts if not is_domain(host)
    ]


_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def inline_script_hashes(code: str) -> list[str]:
    """Return the CSP hash source ('sha256-…') of each inline script in a snippet, exactly as the browser sees it.

    The reader page's CSP allows an in-page unit's own inline loader by hash, so ad operations'
    reviewed code runs and nothing else inline does.
    """
    # The HTML parser turns CR LF (as a textarea submits them) into LF before the hash is taken.
    bodies = [body.replace("\r\n", "\n").replace("\r", "\n") for body in _INLINE_SCRIPT.findall(code)]
    return [f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'" for body in bodies]
