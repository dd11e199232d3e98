"""`broadsheet reindex`: rebuild the site search index from every published story."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser, OutputWrapper

from broadsheet.search.services import index_size_bytes, rebuild_index


class ProgressBar:
    """A one-line text progress bar, redrawn at most ten times a second."""

    def __init__(self, stream: OutputWrapper, *, width: int = 30) -> None:
        self.stream, self.width = stream, width
        self.began = time.monotonic()
        self.drawn_at = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        filled = self.width * done // total if total else self.width
        percent = 100 * done // total if total else 100
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"\rIndexing [{bar}] {percent:3d}% {done:,}/{total:,} stories, {now - self.began:.0f} s"
        self.stream.write(line, ending="\n" if done >= total else "")
        self.stream.flush()


class Command(BaseCommand):
    help = "Rebuild the site search index from every published story (scheduled ones included)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="No progress bar; print only the summary.")

    def handle(self, *args: Any, **options: Any) -> None:
        began = time.monotonic()
        # The bar goes to stderr so the summary on stdout stays clean for scripts.
        count = rebuild_index(progress=(lambda done, total: None) if options["quiet"] else ProgressBar(self.stderr))
        self.stdout.write(
            f"Indexed {count:,} stories in {time.monotonic() - began:.1f} s; "
            f"the index takes {index_size_bytes() / 1_000_000:.1f} MB."
        )
