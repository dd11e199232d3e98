"""The native front `broadsheet serve` runs: nginx serving cached pages itself, the app behind it (ADR 0040).

nginx keeps only what the app marks with `X-Accel-Expires` (see `core/frontcache.py`), never a
response to a request with a session cookie, never one that sets a cookie; it answers cache hits,
`If-None-Match` revalidations and compression natively, so a hot page costs no Python at all.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from broadsheet.core import frontcache

NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")

CONFIG = """# Written by `broadsheet serve` at every start; edits are overwritten.
worker_processes {workers};
daemon off;
{user}pid {root}/nginx.pid;
error_log {root}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  server_tokens off;
  client_body_temp_path {root}/tmp-client;
  proxy_temp_path {root}/tmp-proxy;
  fastcgi_temp_path {root}/tmp-fastcgi;
  uwsgi_temp_path {root}/tmp-uwsgi;
  scgi_temp_path {root}/tmp-scgi;
  sendfile on;
  keepalive_requests 10000;
  client_max_body_size 32m;
  gzip on;
  gzip_proxied any;
  gzip_vary on;
  gzip_min_length 1024;
  gzip_types text/css text/plain text/xml application/javascript application/json application/xml
             application/rss+xml application/atom+xml application/feed+json image/svg+xml;
  # Kept only with X-Accel-Expires from the app (Cache-Control is for browsers and CDNs).
  proxy_cache_path {cache} levels=1:2 keys_zone=broadsheet_pages:16m max_size={max_size} inactive=1d
                   use_temp_path=off;
  # X-Cache says who answered: nginx's own hits, else the app's page cache state.
  map $upstream_cache_status $broadsheet_x_cache {{
    HIT HIT; STALE STALE; UPDATING STALE; REVALIDATED HIT; default $upstream_http_x_cache;
  }}
  upstream broadsheet_app {{ server 127.0.0.1:{app_port}; keepalive 32; }}
  server {{
    listen {listen};
    # Static files: WhiteNoise picks the brotli or gzip copy it made for the client's Accept-Encoding.
    location /static/ {{
      proxy_pass http://broadsheet_app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
    }}
    location / {{
      proxy_pass http://broadsheet_app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # The app answers uncompressed; nginx compresses for each client, so one copy serves all.
      proxy_set_header Accept-Encoding "";
      proxy_set_header {key_header} "$scheme$host$request_uri";
      proxy_cache broadsheet_pages;
      proxy_cache_key "$scheme$host$request_uri";
      proxy_cache_bypass $cookie_{session_cookie};
      proxy_no_cache $cookie_{session_cookie};
      proxy_ignore_headers Cache-Control Expires Vary;
      proxy_cache_lock on;
      proxy_cache_lock_timeout 2s;
      proxy_cache_use_stale updating;
      proxy_hide_header X-Cache;
      add_header X-Cache $broadsheet_x_cache;
      add_header X-Front-Cache $upstream_cache_status;
      proxy_read_timeout 60s;
      proxy_buffer_size 16k;
      proxy_buffers 16 16k;
    }}
  }}
}}
"""


def find_nginx() -> str | None:
    """Return the nginx binary to run, or None when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return next((path for path in NGINX_CANDIDATES if Path(path).exists()), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, *, timeout: float = 10.0) -> None:
    """Return once something accepts connections on 127.0.0.1:`port` (or after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)


def prepare(*, listen: str, app_port: int, session_cookie: str, workers: int, max_size: str = "1g") -> Path:
    """Write the front's configuration and start it with an empty cache; return the configuration path.

    A cache left from an earlier run is deleted: purges made while the front was down never reached it.
    """
    root = frontcache.root()
    for stale in (frontcache.cache_dir(), root / "keys"):
        shutil.rmtree(stale, ignore_errors=True)
    for name in ("cache", "tmp-client", "tmp-proxy", "tmp-fastcgi", "tmp-uwsgi", "tmp-scgi"):
        (root / name).mkdir(parents=True, exist_ok=True)
    # nginx started by root hands its workers to another user, who could not write our cache.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    path = root / "nginx.conf"
    path.write_text(
        CONFIG.format(
            workers=workers, user=user, root=root, cache=frontcache.cache_dir(), max_size=max_size,
            app_port=app_port, listen=listen, key_header=frontcache.KEY_HEADER, session_cookie=session_cookie,
        )
    )  # fmt: skip
    return path


def start(nginx: str, config: Path) -> subprocess.Popen[bytes]:
    """Start nginx in the foreground (our child: it stops when `serve` stops)."""
    return subprocess.Popen([nginx, "-e", "stderr", "-c", str(config)])  # noqa: S603 - our own command line


def stop(process: subprocess.Popen[bytes], *, timeout: float = 10.0) -> None:
    """Stop nginx gracefully (finishing the requests it is serving), then for good."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGQUIT)
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if process.poll() is None:
        process.kill()
        process.wait()
