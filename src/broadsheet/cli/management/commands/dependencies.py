"""`broadsheet dependencies lock|audit`: write requirements.lock from pip's lock; check the pins offline."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from broadsheet.cli import dependencies


class Command(BaseCommand):
    help = "Write requirements.lock from a pylock.toml, or check a lock against a local OSV vulnerability database."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        lock = sub.add_parser("lock", help="pylock.toml (from `pip lock`) -> requirements.lock with hashes")
        lock.add_argument("pylock", type=Path)
        lock.add_argument("--output", type=Path, default=Path("requirements.lock"))
        check = sub.add_parser("audit", help="check requirements.lock against an OSV PyPI export (zip or folder)")
        check.add_argument("--lock", type=Path, default=Path("requirements.lock"))
        check.add_argument("--osv", type=Path, required=True, help="the OSV PyPI export: all.zip, or a folder of JSON")
        check.add_argument("--max-age-days", type=int, default=14, help="refuse a database older than this")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "lock":
            pins = dependencies.pins_from_pylock(options["pylock"].read_text())
            options["output"].write_text(dependencies.requirements_lock(pins))
            self.stdout.write(f"{len(pins)} packages pinned with hashes in {options['output']}.")
            return
        pins = dependencies.pins_from_requirements(options["lock"].read_text())
        if not pins:
            raise CommandError(f"{options['lock']} pins no packages.")
        try:
            findings = dependencies.audit(pins, options["osv"], max_age_days=options["max_age_days"])
        except dependencies.AuditUnavailable as exc:
            raise CommandError(f"Not checked: {exc}") from exc
        for finding in findings:
            fixed = f"; fixed in {finding.fixed_in}" if finding.fixed_in else ""
            self.stdout.write(f"{finding.package} {finding.version}: {finding.advisory} {finding.summary}{fixed}")
        if findings:
            raise CommandError(f"{len(findings)} known vulnerabilit{'y' if len(findings) == 1 else 'ies'} in the pins.")
        self.stdout.write(f"{len(pins)} pinned packages checked: no known vulnerabilities.")
