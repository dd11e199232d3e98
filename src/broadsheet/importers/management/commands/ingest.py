"""`broadsheet ingest`: poll the feed subscriptions that are due (from cron, or as a worker with --every)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from broadsheet.importers.polling import poll_due


class Command(BaseCommand):
    help = "Poll due feed subscriptions; new items become drafts (or scheduled stories from trusted feeds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Poll every active feed now, due or not.")
        parser.add_argument(
            "--every", type=int, metavar="SECONDS", help="Keep running: poll what is due, sleep, repeat (a worker)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            report = poll_due(everything=options["all"])
            self.stdout.write(
                f"Polled {report.polled} feed(s): {report.created} new story(ies), {report.seen} already taken in."
            )
            for problem in report.failed_feeds + report.failed_items:
                self.stderr.write(f"  failed: {problem}")
            if not options["every"]:
                return
            close_old_connections()  # a long-running worker must not hold a connection the database dropped
            time.sleep(max(1, options["every"]))
