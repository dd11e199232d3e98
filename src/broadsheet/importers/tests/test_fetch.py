"""Safe fetching: public http(s) addresses on ports 80/443 only, checked after DNS and on every redirect."""

from __future__ import annotations

import socket

import pytest

from broadsheet.importers.fetch import FetchPolicy, FetchRefused, fetch, fetch_ok
from broadsheet.importers.tests.localserver import Route, local_server


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://10.1.2.3/", "private"),
        ("http://192.168.0.1/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback, written as IPv6"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://100.64.0.1/", "shared address space"),
    ],
)
def test_addresses_that_are_not_public_are_refused(url, reason):
    with pytest.raises(FetchRefused, match="private, loopback or reserved address"):
        fetch(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("http://example.org:8080/", "port 8080 is not allowed"),
        ("http://user:pw@example.org/", "user name or password"),
    ],
)
def test_other_schemes_ports_and_credentials_are_refused_before_any_lookup(url, message, monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: pytest.fail("no lookup expected"))
    with pytest.raises(FetchRefused, match=message):
        fetch(url)


def test_a_public_name_whose_dns_answer_is_private_is_refused(monkeypatch):
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, port, **kw: [(2, 1, 6, "", ("10.0.0.7", port))])
    with pytest.raises(FetchRefused, match=r"news\.example.*10\.0\.0\.7"):
        fetch("http://news.example/story")


def test_the_connection_goes_to_the_address_that_was_checked_with_the_host_name_kept(monkeypatch):
    with local_server({"/story": Route(b"<p>hello</p>")}) as server:
        real = socket.getaddrinfo
        lookups = []

        def resolver(host, port, **kw):
            lookups.append(host)
            return real("127.0.0.1", port, **kw) if host == "news.example" else real(host, port, **kw)

        monkeypatch.setattr(socket, "getaddrinfo", resolver)
        fetched = fetch(f"http://news.example:{server.port}/story", rules=server.rules())
    assert fetched.body == b"<p>hello</p>"
    assert lookups == ["news.example"]  # resolved once; the connection did not look the name up again
    assert server.seen == [("/story", f"news.example:{server.port}")]


def test_a_redirect_to_a_private_address_is_refused():
    routes = {"/go": Route(status=302, headers={"Location": "http://169.254.169.254/latest/"})}
    with local_server(routes) as server, pytest.raises(FetchRefused, match=r"169\.254\.169\.254"):
        fetch(server.url("/go"), rules=server.rules())


def test_redirects_are_followed_and_each_hop_is_checked():
    routes = {
        "/old": Route(status=301, headers={"Location": "/new"}),
        "/new": Route(b"<h1>Here</h1>"),
    }
    with local_server(routes) as server:
        fetched = fetch_ok(server.url("/old"), rules=server.rules())
    assert fetched.url == server.url("/new")
    assert fetched.body == b"<h1>Here</h1>"


def test_a_redirect_loop_stops_with_a_clear_error():
    with local_server({"/loop": Route(status=302, headers={"Location": "/loop"})}) as server:
        rules = FetchPolicy(ports=frozenset({server.port}), allow_loopback=True, max_redirects=2)
        with pytest.raises(FetchRefused, match="more than 2 redirects"):
            fetch(server.url("/loop"), rules=rules)


def test_a_page_larger_than_the_limit_is_refused_whether_or_not_it_says_so():
    big = b"x" * 50_000
    with local_server({"/declared": Route(big), "/chunked": Route(big, chunked=True)}) as server:
        rules = FetchPolicy(ports=frozenset({server.port}), allow_loopback=True, max_bytes=10_000)
        with pytest.raises(FetchRefused, match="50,000 bytes; the limit is 10,000"):
            fetch(server.url("/declared"), rules=rules)
        with pytest.raises(FetchRefused, match="larger than the limit of 10,000 bytes"):
            fetch(server.url("/chunked"), rules=rules)


def test_a_slow_server_is_given_up_on():
    with local_server({"/slow": Route(b"late", delay=1.5)}) as server:
        rules = FetchPolicy(ports=frozenset({server.port}), allow_loopback=True, timeout_seconds=0.3)
        with pytest.raises(FetchRefused, match=r"longer than 0\.3 seconds"):
            fetch(server.url("/slow"), rules=rules)


def test_an_error_status_is_named():
    with local_server({}) as server, pytest.raises(FetchRefused, match="answered 404"):
        fetch_ok(server.url("/missing"), rules=server.rules())


def test_the_production_policy_reaches_neither_loopback_nor_other_ports():
    with local_server({"/": Route(b"hi")}) as server, pytest.raises(FetchRefused, match="is not allowed"):
        fetch(server.url("/"))
