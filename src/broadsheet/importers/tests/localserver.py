"""A local HTTP server for importer tests: routes map a path to (status, headers, body, delay)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from broadsheet.importers.fetch import FetchPolicy


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    chunked: bool = False


@dataclass
class LocalServer:
    port: int
    routes: dict[str, Route]
    seen: list[tuple[str, str]]  # (path, Host header)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def rules(self, **limits: float) -> FetchPolicy:
        """The one policy that reaches this server: loopback and its port allowed, nothing else changed."""
        return FetchPolicy(ports=frozenset({80, 443, self.port}), allow_loopback=True, **limits)  # type: ignore[arg-type]


@contextmanager
def local_server(routes: dict[str, Route]) -> Iterator[LocalServer]:
    seen: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen.append((self.path, self.headers.get("Host", "")))
            route = routes.get(self.path, Route(b"not here", status=404))
            time.sleep(route.delay)
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:  # a conditional GET, answered as servers do
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.chunked:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for start in range(0, len(route.body), 4096):
                    piece = route.body[start : start + 4096]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(server.server_address[1], routes, seen)
    finally:
        server.shutdown()
        server.server_close()
