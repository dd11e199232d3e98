"""Structured logs: JSON lines when configured, control characters from requests never raw, our loggers at INFO."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from broadsheet.conf.environment import read_environment
from broadsheet.conf.logs import JsonFormatter, StripControlCharacters, logging_settings

HOSTILE = "editor\n2026-11-29 INFO broadsheet.signin signin succeeded\x1b[31m\x00\u2028"


def _emit(formatter: logging.Formatter, *args, **extra) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(StripControlCharacters())
    logger = logging.getLogger(f"broadsheet.test.{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.warning(*args, extra=extra)
    return stream.getvalue()


def test_a_json_record_is_one_line_with_its_extra_fields():
    line = _emit(JsonFormatter(), "sign-in failed for %s", "editor", event="signin_failed", failures=3)
    assert line.count("\n") == 1
    entry = json.loads(line)
    assert entry["message"] == "sign-in failed for editor"
    assert (entry["event"], entry["failures"], entry["level"]) == ("signin_failed", 3, "WARNING")
    assert entry["time"].endswith("+00:00")


@pytest.mark.parametrize("formatter", [JsonFormatter(), logging.Formatter("%(message)s %(username)s")])
def test_control_characters_from_requests_never_reach_the_log_raw(formatter):
    line = _emit(formatter, "failed for %s", HOSTILE, username=HOSTILE)
    assert line.count("\n") == 1  # only the handler's own line end
    assert not any(ch in line for ch in "\x1b\x00\u2028\r")
    assert "\\x0a" in line or "\\\\x0a" in line  # shown, escaped, not obeyed


def test_our_loggers_speak_at_info_while_others_stay_at_warning():
    config = logging_settings("json", debug=False)
    assert config["loggers"]["broadsheet"]["level"] == "INFO" and config["root"]["level"] == "WARNING"
    assert config["formatters"]["main"]["()"].endswith("JsonFormatter")
    assert config["handlers"]["console"]["filters"] == ["strip_controls"]


def test_an_unknown_log_format_is_refused_by_name(tmp_path):
    with pytest.raises(ImproperlyConfigured, match="BROADSHEET_LOG_FORMAT"):
        read_environment({"BROADSHEET_LOG_FORMAT": "xml", "BROADSHEET_DATA_DIR": str(tmp_path)}, base_dir=tmp_path)


def test_the_running_site_writes_workflow_sign_in_and_moderation_records_as_json_lines(tmp_path):
    code = (
        "import logging\n"
        "for name in ('broadsheet.workflow', 'broadsheet.signin', 'broadsheet.moderation'):\n"
        "    logging.getLogger(name).info('an action', extra={'event': name.split('.')[1], 'title': 'a\\nb'})\n"
        "logging.getLogger('django.request').info('quiet at info')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BROADSHEET_", "DJANGO_"))}
    env.update(BROADSHEET_LOG_FORMAT="json", BROADSHEET_DATA_DIR=str(tmp_path))
    result = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "broadsheet", "shell", "-c", code],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    entries = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["logger"] for e in entries] == ["broadsheet.workflow", "broadsheet.signin", "broadsheet.moderation"]
    assert all(e["title"] == "a\\x0ab" for e in entries)
