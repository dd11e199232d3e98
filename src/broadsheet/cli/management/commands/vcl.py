"""`broadsheet vcl`: print the Varnish configuration for the scale profile (xkey purges)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from broadsheet.cli.varnish import DEFAULT_PURGERS, render_vcl


class Command(BaseCommand):
    help = (
        "Print the Varnish configuration for Broadsheet: the app as backend, xkey purges from the app's machines, "
        "signed-in staff passed through. Varnish needs the xkey module (Debian: varnish-modules)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--backend", default="127.0.0.1:8000", help="the app's HOST:PORT (default 127.0.0.1:8000)")
        parser.add_argument(
            "--purger",
            action="append",
            metavar="ADDRESS",
            help="an address or network allowed to purge; repeat for more (default: this machine only)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, _, port = options["backend"].rpartition(":")
        if not host or not port.isdigit():
            raise CommandError(f"--backend must be HOST:PORT, e.g. 127.0.0.1:8000 (got {options['backend']!r})")
        try:
            text = render_vcl(
                host=host.strip("[]"),
                port=int(port),
                purgers=options["purger"] or DEFAULT_PURGERS,
                session_cookie=settings.SESSION_COOKIE_NAME,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(text, ending="")
