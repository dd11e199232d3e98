"""`broadsheet check --deploy`: Django's deploy checks and ours pass with production settings, and fail without."""

from __future__ import annotations

import os
import subprocess
import sys


def _check(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BROADSHEET_") or k == "BROADSHEET_DATABASE_URL"}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests' Playwright fixture in this process
    return subprocess.run(
        [sys.executable, "-m", "broadsheet", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "BROADSHEET_DATA_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "BROADSHEET_SITE_URL": "https://news.example",
    "BROADSHEET_ALLOWED_HOSTS": "news.example",
    "BROADSHEET_TRUSTED_PROXIES": "127.0.0.1",
}


def test_the_production_settings_pass_every_deploy_check(tmp_path):
    result = _check(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_plain_http_site_fails_the_deploy_check_naming_why(tmp_path):
    result = _check(tmp_path, BROADSHEET_SITE_URL="http://news.example", BROADSHEET_ALLOWED_HOSTS="news.example")
    assert result.returncode != 0
    assert "broadsheet.W001" in result.stderr and "security.W004" in result.stderr


def test_allowed_hosts_must_name_the_site_address(tmp_path):
    result = _check(tmp_path, **{**PRODUCTION, "BROADSHEET_ALLOWED_HOSTS": "other.example"})
    assert result.returncode != 0 and "broadsheet.E001" in result.stderr


def test_https_behind_no_named_proxy_is_flagged(tmp_path):
    result = _check(tmp_path, **{**PRODUCTION, "BROADSHEET_TRUSTED_PROXIES": ""})
    assert result.returncode != 0 and "broadsheet.W002" in result.stderr
