"""Online backups and restores: the database as one consistent snapshot, the media files, and a manifest.

A backup is a folder: `database.sqlite3` (SQLite's online backup API: a consistent copy while
the site keeps serving and writing) or `database.dump` (`pg_dump` custom format, taken inside an
exported snapshot so the row counts describe exactly what was dumped), `media/`, and
`manifest.json` (profile, time, row counts per table, sha256 of every file). `restore` checks
every checksum before touching anything, restores, then recounts the rows against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


@dataclass
class Manifest:
    profile: str
    created_at: str
    database_file: str
    row_counts: dict[str, int]
    checksums: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    format_version: int = FORMAT_VERSION


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    tables = [
        row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    ]
    return {t: db.execute(f"SELECT count(*) FROM {_quoted(t)}").fetchone()[0] for t in sorted(tables)}  # noqa: S608


def _pg_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or ""),
           "PGUSER": str(db.get("USER") or ""), "PGDATABASE": str(db["NAME"])}  # fmt: skip
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client programs (matching the server).")
    return found


def _backup_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    source = connection.connection
    destination = sqlite3.connect(target)
    try:
        # Copies page by page; writers may go on meanwhile and the copy restarts so it ends consistent.
        source.backup(destination, pages=256)
        return _sqlite_counts(destination)
    finally:
        destination.close()


def _backup_postgres(target: Path) -> dict[str, int]:
    """pg_dump inside an exported snapshot: the counts are of exactly the rows the dump holds."""
    if connection.in_atomic_block:
        raise BackupError("A backup must run outside a transaction: it opens its own snapshot.")
    connection.ensure_connection()
    raw = connection.connection  # in autocommit mode, so BEGIN and COMMIT below are ours
    with raw.cursor() as cursor:
        try:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            tables = [row[0] for row in cursor.fetchall()]
            counts = {}
            for table in tables:
                cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608 (names from the catalogue)
                counts[table] = cursor.fetchone()[0]
            result = subprocess.run(  # noqa: S603
                [_tool("pg_dump"), "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(target)],
                env=_pg_environment(), capture_output=True, text=True, check=False, timeout=3600,
            )  # fmt: skip
        finally:
            cursor.execute("COMMIT")
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return counts


def create_backup(target: Path) -> Manifest:
    """Write a consistent backup of the database and the media files into the new folder `target`."""
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty: give a new folder for the backup.")
    target.mkdir(parents=True, exist_ok=True)
    profile = "scale" if connection.vendor == "postgresql" else "embedded"
    database_file = "database.dump" if profile == "scale" else "database.sqlite3"
    created = datetime.now(UTC).isoformat(timespec="seconds")
    counts = _backup_postgres(target / database_file) if profile == "scale" else _backup_sqlite(target / database_file)
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        # Media files are written once under unique names; copying after the snapshot can only add
        # files the snapshot does not know of yet, never miss one it references.
        shutil.copytree(media_root, target / "media", dirs_exist_ok=True)
    checksums = {str(path.relative_to(target)): sha256_of(path) for path in sorted(target.rglob("*")) if path.is_file()}
    manifest = Manifest(profile=profile, created_at=created, database_file=database_file, row_counts=counts,
                        checksums=checksums)  # fmt: skip
    (target / MANIFEST).write_text(json.dumps(asdict(manifest), indent=2, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> Manifest:
    try:
        data: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} has no readable {MANIFEST}: {exc}") from exc
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{source} is a backup of format {data.get('format_version')}, not {FORMAT_VERSION}.")
    return Manifest(**data)


def verify_backup(source: Path) -> Manifest:
    """Return the manifest after checking every file against its checksum; raise naming the first bad one."""
    manifest = read_manifest(source)
    for relative, expected in manifest.checksums.items():
        path = source / relative
        if not path.is_file():
            raise BackupError(f"{relative} is missing from the backup.")
        if sha256_of(path) != expected:
            raise BackupError(f"{relative} does not match its checksum: the backup is damaged.")
    return manifest


def restore_backup(source: Path) -> Manifest:
    """Replace the database and media with the backup's; check the restored rows against the manifest."""
    manifest = verify_backup(source)
    profile = "scale" if connection.vendor == "postgresql" else "embedded"
    if manifest.profile != profile:
        raise BackupError(f"This is a {manifest.profile} backup; the site runs the {profile} profile.")
    dump = source / manifest.database_file
    if profile == "embedded":
        connection.ensure_connection()
        backup_db = sqlite3.connect(dump)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
        counts = _sqlite_counts(connection.connection)
    else:
        connection.close()
        result = subprocess.run(  # noqa: S603
            [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--dbname", str(settings.DATABASES["default"]["NAME"]), str(dump)],
            env=_pg_environment(), capture_output=True, text=True, check=False, timeout=3600,
        )  # fmt: skip
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
        with connection.cursor() as cursor:
            counts = {}
            for table in manifest.row_counts:
                cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608 (names from our manifest)
                counts[table] = cursor.fetchone()[0]
    media_root = Path(settings.MEDIA_ROOT)
    if (source / "media").exists():
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source / "media", media_root, dirs_exist_ok=True)
    wrong = {t: (n, counts.get(t)) for t, n in manifest.row_counts.items() if counts.get(t) != n}
    if wrong:
        raise BackupError(f"Restored row counts differ from the manifest (table: expected, found): {wrong}")
    return manifest
