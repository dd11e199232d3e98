"""`broadsheet ingest`: poll the feed subscriptions that are due (run it from cron or a worker loop)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from broadsheet.importers.polling import poll_due


class Command(BaseCommand):
    help = "Poll due feed subscriptions; new items become drafts (or scheduled stories from trusted feeds)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="Poll every active feed now, due or not.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = poll_due(everything=options["all"])
        self.stdout.write(
            f"Polled {report.polled} feed(s): {report.created} new story(ies), {report.seen} already taken in."
        )
        for problem in report.failed_feeds + report.failed_items:
            self.stderr.write(f"  failed: {problem}")
