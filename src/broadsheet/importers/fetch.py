"""Fetching a page or feed safely: http(s) on the standard ports, public addresses only, bounded size and time.

The address is checked after DNS resolution and the connection goes to the address that was checked
(no second lookup an attacker could answer differently); every redirect is checked the same way.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from broadsheet.conf.config import config
from broadsheet.wire.story import ImportRefused

REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Broadsheet-wire-desk/1.0"


class FetchRefused(ImportRefused):
    """A fetch that was not made or did not complete; the message names the address."""


@dataclass(frozen=True, kw_only=True)
class FetchPolicy:
    """What a fetch may reach. Production code uses `policy()`; only tests build one that reaches loopback."""

    ports: frozenset[int] = frozenset({80, 443})
    allow_loopback: bool = False  # tests' local servers; no setting or variable turns this on
    timeout_seconds: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


def policy() -> FetchPolicy:
    """Return the production policy, with the limits from `Config`."""
    settings = config()
    return FetchPolicy(
        timeout_seconds=settings.fetch_timeout_seconds,
        max_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
    )


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str]


def _public_address(host: str, port: int, *, url: str, rules: FetchPolicy) -> str:
    """Return an address `host` resolves to, refusing when any answer is not a public one."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchRefused(url, f"the host name “{host}” could not be resolved.") from exc
    addresses = [ipaddress.ip_address(answer[4][0]) for answer in answers]
    for address in addresses:
        mapped = getattr(address, "ipv4_mapped", None) or address
        if rules.allow_loopback and mapped.is_loopback:
            continue
        if not mapped.is_global or mapped.is_multicast:
            raise FetchRefused(url, f"“{host}” is a private, loopback or reserved address ({address}); refused.")
    return str(addresses[0])


def _connect(address: str, port: int, timeout: float | None) -> socket.socket:
    """Open a TCP connection to the checked address itself: no second name lookup."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except OSError:
        sock.close()
        raise
    return sock


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = _connect(self.address, self.port, self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        raw = _connect(self.address, self.port, self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]


def fetch(
    url: str,
    *,
    rules: FetchPolicy | None = None,
    accept: str = "text/html,*/*;q=0.5",
    headers: dict[str, str] | None = None,
) -> Fetched:
    """Return the response body at `url` after following (and checking) redirects; refuse anything unsafe."""
    rules = rules or policy()
    deadline = time.monotonic() + rules.timeout_seconds
    current = url.strip()
    for _hop in range(rules.max_redirects + 1):
        parts = urlsplit(current)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise FetchRefused(url, "only http:// and https:// addresses can be fetched.")
        if parts.username or parts.password:
            raise FetchRefused(url, "addresses with a user name or password are not fetched.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise FetchRefused(url, "the address has an invalid port.") from exc
        if port not in rules.ports:
            raise FetchRefused(url, f"port {port} is not allowed; only the standard ports 80 and 443 are.")
        address = _public_address(parts.hostname, port, url=current, rules=rules)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchRefused(url, f"it took longer than {rules.timeout_seconds:g} seconds.")
        cls = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        connection = cls(parts.hostname, port, address, remaining)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            sent = {**(headers or {}), "User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "identity"}
            connection.request("GET", target, headers=sent)
            response = connection.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location", ""))
                continue
            body = _read_bounded(response, url=url, rules=rules, deadline=deadline)
            received = {name.lower(): value for name, value in response.getheaders()}
            return Fetched(current, response.status, received.get("content-type", ""), body, received)
        except (OSError, http.client.HTTPException) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise FetchRefused(url, f"it took longer than {rules.timeout_seconds:g} seconds.") from exc
            raise FetchRefused(url, f"the server could not be reached ({exc.__class__.__name__}: {exc}).") from exc
        finally:
            connection.close()
    raise FetchRefused(url, f"more than {rules.max_redirects} redirects.")


def _read_bounded(response: http.client.HTTPResponse, *, url: str, rules: FetchPolicy, deadline: float) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > rules.max_bytes:
        raise FetchRefused(url, f"it is {int(declared):,} bytes; the limit is {rules.max_bytes:,} bytes.")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchRefused(url, f"it took longer than {rules.timeout_seconds:g} seconds.")
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > rules.max_bytes:
            raise FetchRefused(url, f"it is larger than the limit of {rules.max_bytes:,} bytes.")
        chunks.append(chunk)


def fetch_ok(url: str, *, rules: FetchPolicy | None = None, accept: str = "text/html,*/*;q=0.5") -> Fetched:
    """Return `fetch(url)` when the server answered 200; refuse other answers, naming the status."""
    fetched = fetch(url, rules=rules, accept=accept)
    if fetched.status != 200:
        raise FetchRefused(url, f"the server answered {fetched.status} instead of the page.")
    return fetched
