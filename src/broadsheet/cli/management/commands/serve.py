"""`broadsheet serve`: the production server (nginx in front for cached pages, gunicorn workers, WhiteNoise)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from broadsheet.cli import front
from broadsheet.conf.config import config


def default_workers() -> int:
    # One per core plus one: renders are CPU-bound, and the two threads per worker cover waits on
    # the database. Measured against gunicorn's 2 x cores + 1: about 30 % more pages a second on
    # 2 cores (ADR 0010); with nginx answering cache hits (ADR 0040) the workers only render.
    return (os.cpu_count() or 1) + 1


def _static_fingerprint() -> str:
    digest = hashlib.sha256()
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_changed() -> bool:
    """Collect hashed, compressed (gzip and brotli) static files unless nothing changed since last time.

    Compressing every admin asset takes half a minute, so a restart with the same files skips it.
    """
    stamp = Path(settings.STATIC_ROOT) / ".broadsheet-fingerprint"
    fingerprint = _static_fingerprint()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True


class Command(BaseCommand):
    help = "Serve the site with a production-grade multi-worker server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on (default 8000).")
        parser.add_argument("--workers", type=int, default=default_workers(), help="Worker processes.")
        parser.add_argument("--threads", type=int, default=2, help="Threads per worker.")
        parser.add_argument("--no-collectstatic", action="store_true", help="Skip collecting static files.")
        parser.add_argument(
            "--front",
            choices=["auto", "nginx", "none"],
            default="auto",
            help="Serve cached pages from nginx in front of the app (auto: when nginx is installed).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_collectstatic"]:
            collect_static_if_changed()
        from gunicorn.app.base import BaseApplication

        from broadsheet.wsgi import application

        host = options["host"]
        bind = f"[{host}]:{options['port']}" if ":" in host else f"{host}:{options['port']}"
        nginx = None if options["front"] == "none" else front.find_nginx()
        if options["front"] == "nginx" and nginx is None:
            raise CommandError("--front nginx: nginx is not installed (apt-get install nginx-light).")
        app_bind = bind
        if nginx is not None:
            app_bind = f"127.0.0.1:{front.free_port()}"
            # Our nginx, on the loopback, forwards the reader's address: believe it (rate limits).
            overrides = dict(settings.BROADSHEET)
            overrides["trusted_proxies"] = (*config().trusted_proxies, "127.0.0.1/32")
            settings.BROADSHEET = overrides
            config.cache_clear()
        config_ = {
            "bind": app_bind,
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread",
            "timeout": 30,
            "graceful_timeout": 20,
            "keepalive": 5,
            "max_requests": 5000,  # recycle workers now and then, with jitter so they do not all restart at once
            "max_requests_jitter": 500,
            "accesslog": "-" if settings.DEBUG else None,
            "errorlog": "-",
            "loglevel": "info",
            "preload_app": True,
            # gunicorn's runtime control socket is one shared path per user; several sites (or a
            # benchmark beside the demo) would fight over it, and we do not use it.
            "control_socket_disable": True,
        }

        class Server(BaseApplication):
            def load_config(self) -> None:
                for key, value in config_.items():
                    if value is not None and key in self.cfg.settings:  # older gunicorns lack some keys
                        self.cfg.set(key, value)

            def load(self) -> Any:
                return application

        if nginx is None:
            self.stdout.write(f"Serving on http://{bind}/ with {options['workers']} workers. Press Ctrl+C to stop.")
            Server().run()
            return
        conf = front.prepare(
            listen=bind,
            app_port=int(app_bind.rsplit(":", 1)[1]),
            session_cookie=settings.SESSION_COOKIE_NAME,
            workers=os.cpu_count() or 1,
        )
        proxy = front.start(nginx, conf)
        self.stdout.write(
            f"Serving on http://{bind}/ (nginx in front for cached pages; the app on {app_bind} with "
            f"{options['workers']} workers). Press Ctrl+C to stop."
        )
        try:
            Server().run()
        finally:
            front.stop(proxy)
