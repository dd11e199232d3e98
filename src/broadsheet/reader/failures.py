"""A full disk or a database that is restarting answers 503 at once: the reader is told to try again,
nothing half-written is kept."""

from __future__ import annotations

import errno
import logging

from django.db import DatabaseError, OperationalError
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("broadsheet.storage")

# SQLite: SQLITE_FULL, and the I/O error a WAL append gets on a full disk; PostgreSQL: ENOSPC in its words.
_FULL_MESSAGES = ("database or disk is full", "disk i/o error", "no space left on device", "could not extend file")
# The database went away (a restart, a failover): the connection is gone, not the data.
_UNAVAILABLE_MESSAGES = (
    "terminating connection", "server closed the connection", "connection refused", "could not connect",
    "the database system is shutting down", "the database system is starting up", "connection failed",
    "consuming input failed", "connection is lost",
)  # fmt: skip
RETRY_AFTER_SECONDS = 30


def is_storage_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return isinstance(exc, DatabaseError) and any(m in str(exc).lower() for m in _FULL_MESSAGES)


def is_database_unavailable(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in _UNAVAILABLE_MESSAGES)


def unavailable_response(request: HttpRequest, exception: BaseException | None) -> HttpResponse | None:
    """A 503 with Retry-After for a full disk or a lost database, wherever it was raised; None otherwise.

    Called from the site's 500 handler (`reader.views.server_error`), which Django runs for an
    exception from a view or from any middleware, inside the `except` block that caught it.
    """
    if exception is None:
        return None
    if is_storage_full(exception):
        event, why, retry = "storage_full", "The server is out of storage space.", RETRY_AFTER_SECONDS
    elif is_database_unavailable(exception):
        event, why, retry = "database_unavailable", "The database is restarting.", 5
    else:
        return None
    logger.error("%s: %s %s answered 503", event, request.method, request.path,
                 extra={"event": event, "path": request.path})  # fmt: skip
    response = HttpResponse(
        "<!doctype html><title>Try again shortly</title><h1>We cannot do that right now</h1>"
        f"<p>{why} Nothing you sent was saved; please try again in a minute.</p>",
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(retry)
    response["Cache-Control"] = "no-store"
    return response
