"""`broadsheet import ninjs|newsml|wordpress …`: bring stories in from files through the newsroom's services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from broadsheet.conf.config import config
from broadsheet.content.models import Section
from broadsheet.importers.intake import Outcome, take_in
from broadsheet.importers.items import WireItem
from broadsheet.importers.newsml import parse_newsml
from broadsheet.importers.ninjs import parse_ninjs
from broadsheet.wire.story import ImportRefused


class Command(BaseCommand):
    help = "Import stories from files: wire items (ninjs JSON, NewsML-G2 XML)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{ninjs,newsml}")
        for kind, what in (("ninjs", "ninjs JSON items"), ("newsml", "NewsML-G2 items or messages")):
            wire = kinds.add_parser(kind, help=f"Import {what}; later versions correct, kills withdraw.")
            wire.add_argument("files", nargs="+", type=Path)
            wire.add_argument("--section", required=True, help="Slug of the section new stories go to.")
            wire.add_argument("--source", default=kind, help="Name of the wire service (items match within it).")

    def handle(self, *args: Any, **options: Any) -> None:
        section = Section.objects.filter(slug=options["section"]).first()
        if section is None:
            raise CommandError(f"No section with the address “{options['section']}”.")
        counts: dict[str, int] = {}
        failed = 0
        for path in options["files"]:
            try:
                for item in self._read(path, kind=options["kind"]):
                    outcome = take_in(item, source=options["source"], section=section, by=None)
                    counts[outcome] = counts.get(outcome, 0) + 1
                    if outcome == Outcome.KILL_OF_UNKNOWN:
                        self.stderr.write(f"{path.name} ({item.guid}): a kill for an item never taken in; skipped.")
            except ImportRefused as exc:
                failed += 1
                self.stderr.write(f"skipped {exc}")
        summary = ", ".join(f"{count} {outcome}" for outcome, count in counts.items()) or "nothing imported"
        self.stdout.write(f"{summary}; {failed} file(s) refused.")
        if failed:
            raise CommandError(f"{failed} file(s) could not be imported (see above).")

    def _read(self, path: Path, *, kind: str) -> list[WireItem]:
        source = path.name
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise ImportRefused(source, f"the file cannot be read ({exc.strerror}).") from exc
        if size > config().import_max_bytes:
            raise ImportRefused(source, f"it is {size:,} bytes; the limit is {config().import_max_bytes:,} bytes.")
        data = path.read_bytes()
        return [parse_ninjs(data, source=source)] if kind == "ninjs" else parse_newsml(data, source=source)
