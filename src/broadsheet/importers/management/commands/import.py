"""`broadsheet import ninjs|newsml|wordpress …`: bring stories in from files through the newsroom's services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from broadsheet.conf.config import config
from broadsheet.content.models import Section
from broadsheet.content.services import acting_as
from broadsheet.importers.intake import Outcome, take_in
from broadsheet.importers.items import WireItem
from broadsheet.importers.newsml import parse_newsml
from broadsheet.importers.ninjs import parse_ninjs
from broadsheet.importers.wordpress import parse_wxr
from broadsheet.importers.wordpress_import import IMPORTED_TYPES, import_wordpress
from broadsheet.wire.story import ImportRefused


class Command(BaseCommand):
    help = "Import stories from files: wire items (ninjs JSON, NewsML-G2 XML) or a WordPress export (WXR)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{ninjs,newsml,wordpress}")
        for kind, what in (("ninjs", "ninjs JSON items"), ("newsml", "NewsML-G2 items or messages")):
            wire = kinds.add_parser(kind, help=f"Import {what}; later versions correct, kills withdraw.")
            wire.add_argument("files", nargs="+", type=Path)
            wire.add_argument("--section", required=True, help="Slug of the section new stories go to.")
            wire.add_argument("--source", default=kind, help="Name of the wire service (items match within it).")
        wordpress = kinds.add_parser("wordpress", help="Import a WordPress export (WXR); old addresses redirect.")
        wordpress.add_argument("export", type=Path)
        wordpress.add_argument("--media", type=Path, help="The site's uploads folder (wp-content/uploads).")
        wordpress.add_argument("--skip-pages", action="store_true", help="Leave WordPress pages out.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["kind"] == "wordpress":
            self._wordpress(options["export"], media=options["media"], skip_pages=options["skip_pages"])
            return
        section = Section.objects.filter(slug=options["section"]).first()
        if section is None:
            raise CommandError(f"No section with the address “{options['section']}”.")
        counts: dict[str, int] = {}
        failed = 0
        for path in options["files"]:
            try:
                for item in self._read(path, kind=options["kind"]):
                    with acting_as(f"{'ninjs' if options['kind'] == 'ninjs' else 'NewsML-G2'} import of {path.name}"):
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

    def _wordpress(self, path: Path, *, media: Path | None, skip_pages: bool) -> None:
        if media is not None and not media.is_dir():
            raise CommandError(f"--media {media}: no such folder.")
        try:
            size = path.stat().st_size
            if size > config().wordpress_max_bytes:
                raise CommandError(f"{path.name}: it is {size:,} bytes; the limit is {config().wordpress_max_bytes:,}.")
            export = parse_wxr(path.read_bytes(), source=path.name)
        except OSError as exc:
            raise CommandError(f"{path}: the file cannot be read ({exc.strerror}).") from exc
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        stories = [post for post in export.posts if post.post_type in IMPORTED_TYPES]
        # The bar goes to stderr (and only to a terminal) so the report on stdout stays clean for scripts.
        with (
            tqdm(total=len(export.posts), unit="item", file=self.stderr._out, disable=None) as bar,
            acting_as(f"WordPress import of {path.name}"),
        ):
            report = import_wordpress(export, media_dir=media, skip_pages=skip_pages, progress=lambda _: bar.update())
        self.stdout.write(
            f"{len(stories)} posts and pages in {path.name}: imported {report.posts} post(s), {report.pages} page(s), "
            f"{report.comments} comment(s), {report.images} featured image(s), {report.redirects} redirect(s); "
            f"{report.already_imported} imported before; {len(report.skipped)} skipped; {len(report.failed)} failed."
        )
        for line in report.skipped:
            self.stdout.write(f"  skipped {line}")
        for line in report.failed:
            self.stderr.write(f"  failed {line}")
        if report.failed:
            raise CommandError(f"{len(report.failed)} item(s) could not be imported; nothing of them was saved.")
