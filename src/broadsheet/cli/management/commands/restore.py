"""`broadsheet restore FOLDER`: rebuild the site's database and media from a backup, checked end to end."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from broadsheet.cli.backups import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = "Restore a backup made by `broadsheet backup` (stop the site first); --check only verifies it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument("--check", action="store_true", help="verify the checksums, change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["check"]:
                manifest = verify_backup(options["folder"])
                self.stdout.write(f"{len(manifest.checksums)} files match their checksums.")
                return
            manifest = restore_backup(options["folder"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {sum(manifest.row_counts.values())} rows in {len(manifest.row_counts)} tables "
            f"(backup of {manifest.created_at}); every count matches the manifest."
        )
