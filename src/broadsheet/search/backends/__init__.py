"""Search backends: `get_backend()` is the one place that chooses by database vendor."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from broadsheet.search.backends.base import SearchBackend
from broadsheet.search.backends.postgres import PostgresBackend
from broadsheet.search.backends.sqlite_fts5 import SQLiteFTS5Backend

BY_VENDOR: dict[str, type[SearchBackend]] = {"sqlite": SQLiteFTS5Backend, "postgresql": PostgresBackend}


def get_backend() -> SearchBackend:
    """Return the search backend for the default database: FTS5 embedded, full-text at scale."""
    try:
        return BY_VENDOR[connection.vendor]()
    except KeyError:
        raise ImproperlyConfigured(f"Site search supports SQLite and PostgreSQL, not {connection.vendor}.") from None
