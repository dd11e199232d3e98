"""Log formatting: one JSON object per line when configured, and no raw control characters from requests, ever.

`BROADSHEET_LOG_FORMAT=json` makes every record one line of JSON: time, level, logger, message and
the record's `extra` fields (`event`, `username`, `address`, `comment_id`…), which is what log
shippers index. Either format passes records through `StripControlCharacters`, so a name or a
header holding a newline or an escape sequence cannot forge a log line or repaint a terminal.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

# C0 controls (newline and tab included), DEL, C1 controls, and the Unicode line/paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


def clean(value: Any) -> Any:
    """Return `value` with control characters in its text replaced by a visible escape."""
    if isinstance(value, str):
        return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    if isinstance(value, dict):
        return {clean(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean(v) for v in value)
    return value


class StripControlCharacters(logging.Filter):
    """Escapes control characters in a record's message, arguments and extra fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.msg = record.getMessage()  # format first: an argument could hold the control characters
            record.args = None
        record.msg = clean(str(record.msg))
        for name, value in list(vars(record).items()):
            if name not in _STANDARD:
                setattr(record, name, clean(value))
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message, extra fields, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": clean(record.getMessage()),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                entry[name] = clean(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)  # a JSON string: newlines are escaped
        return json.dumps(entry, default=str, ensure_ascii=False)


def logging_settings(log_format: str, *, debug: bool) -> dict[str, Any]:
    """Return LOGGING: our records (sign-ins, workflow, moderation) at INFO, everything else at WARNING."""
    formatter: dict[str, Any] = (
        {"()": "broadsheet.conf.logs.JsonFormatter"}
        if log_format == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"strip_controls": {"()": "broadsheet.conf.logs.StripControlCharacters"}},
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main", "filters": ["strip_controls"]}},
        "root": {"handlers": ["console"], "level": "INFO" if debug else "WARNING"},
        # Django's own default configuration sets its loggers to INFO; ours decides here.
        "loggers": {"broadsheet": {"level": "INFO"}, "django": {"level": "INFO" if debug else "WARNING"}},
    }
