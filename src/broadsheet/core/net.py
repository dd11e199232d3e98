"""Who is asking: the client's address behind trusted proxies, and the network it belongs to."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping


def client_ip(meta: Mapping[str, str], trusted_proxies: Iterable[str]) -> str | None:
    """Return the client's IP address, believing X-Forwarded-For only from trusted proxies.

    Walks the forwarded chain from the right, skipping our own proxies, so a client cannot
    pick its address by sending the header itself.
    """
    proxies = [ipaddress.ip_network(p, strict=False) for p in trusted_proxies]
    remote = _parse(meta.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not proxies or not any(remote in net for net in proxies):
        return str(remote)
    chain = [_parse(part) for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(chain):
        if hop is None:
            break  # a malformed entry: trust nothing further left of it
        if not any(hop in net for net in proxies):
            return str(hop)
    return str(remote)


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def network_of(ip: str | None) -> str:
    """Return the /24 (IPv4) or /64 (IPv6) a client sits in: one household or office, roughly."""
    if not ip:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    prefix = 24 if address.version == 4 else 64
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def in_network(ip: str | None, network: str) -> bool:
    if not ip:
        return False
    try:
        return ipaddress.ip_address(ip) in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False
