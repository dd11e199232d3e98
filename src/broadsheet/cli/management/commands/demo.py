"""`broadsheet demo`: migrate, load the demo newsroom, print how to sign in, then serve it."""

from __future__ import annotations

import logging
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from broadsheet.cli.demo import demo_login_file, load_demo_newsroom


def _display_host(host: str) -> str:
    if host in {"0.0.0.0", "::"}:  # noqa: S104 - only naming the address, not binding to it
        return "localhost"
    return f"[{host}]" if ":" in host else host


class Command(BaseCommand):
    help = "Create the demo newsroom (an invented paper with staff, stories and pictures) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Load the demo, then stop.")
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on (default 8000).")

    def handle(self, *args: Any, **options: Any) -> None:
        host, port, serve = options["host"], options["port"], not options["no_serve"]
        if serve and "serve" not in get_commands():
            raise CommandError("The serve command is not installed here; run `broadsheet demo --no-serve`.")
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Loading the demo newsroom…")
        site_url = f"http://{_display_host(host)}:{port}/"
        # The loader publishes dozens of stories through the real services; their audit lines (INFO)
        # would bury the logins printed below. Warnings and errors still show.
        ours = logging.getLogger("broadsheet")
        level = ours.level
        ours.setLevel(logging.WARNING)
        try:
            login = load_demo_newsroom(stdout=self.stdout, base_url=site_url)
        finally:
            ours.setLevel(level)
        accounts = [
            ("Editor", login.username, login.password, "edits, approves, schedules, publishes, corrects"),
            ("Reporter", login.reporter_username, login.reporter_password, "writes and submits own drafts"),
            ("Moderator", login.moderator_username, login.moderator_password, "works the comment queue"),
            ("Ad ops", login.adops_username, login.adops_password, "places ads, reads the ad report"),
            ("Admin", login.admin_username, login.admin_password, "everything: users, settings"),
        ]
        rule = "─" * 72
        self.stdout.write(
            "\n".join(
                [
                    rule,
                    self.style.SUCCESS("  The demo newsroom is ready."),
                    f"  Site:      {site_url}",
                    f"  Newsroom:  {login.url}  — sign in as (username / password):",
                    *(f"    {role:<10} {user:<10} / {password:<18} {does}" for role, user, password, does in accounts),
                    f"  (the logins are also kept in {demo_login_file()})",
                    rule,
                ]
            )
        )
        if serve:
            call_command("serve", host=host, port=port)
