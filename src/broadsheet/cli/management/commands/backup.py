"""`broadsheet backup [FOLDER]`: a consistent online backup (database, media, manifest) while the site serves."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from broadsheet.cli.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (a consistent snapshot), the media files and a manifest of counts and checksums."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", nargs="?", type=Path, help="a new folder (default: DATA_DIR/backups/<time>)")

    def handle(self, *args: Any, **options: Any) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        folder = options["folder"] or Path(settings.MEDIA_ROOT).parent / "backups" / stamp
        try:
            manifest = create_backup(folder)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest.row_counts)} tables and {len(manifest.checksums) - 1} media "
            f"files ({manifest.profile} profile) to {folder}"
        )
