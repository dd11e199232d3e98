"""Start-up configuration: safe defaults, and a clear failure that names a bad variable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from broadsheet.conf.environment import cache_settings, database_settings, email_settings, read_environment


def test_defaults_are_safe_and_embedded(tmp_path):
    env = read_environment({"BROADSHEET_DATA_DIR": str(tmp_path)}, base_dir=tmp_path)
    assert env.debug is False
    assert env.profile == "embedded"
    assert env.allowed_hosts == ["localhost", "127.0.0.1", "[::1]"]
    db = database_settings(env)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert cache_settings(env)["default"]["BACKEND"].endswith("LocMemCache")


def test_the_secret_key_is_generated_once_and_kept(tmp_path):
    first = read_environment({"BROADSHEET_DATA_DIR": str(tmp_path)}, base_dir=tmp_path).secret_key
    second = read_environment({"BROADSHEET_DATA_DIR": str(tmp_path)}, base_dir=tmp_path).secret_key
    assert first == second
    assert len(first) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_scale_profile_uses_postgres_and_redis(tmp_path):
    env = read_environment(
        {
            "BROADSHEET_DATA_DIR": str(tmp_path),
            "BROADSHEET_DATABASE_URL": "postgres://news:pw@db.internal:5432/paper",
            "BROADSHEET_REDIS_URL": "redis://cache.internal:6379/0",
        },
        base_dir=tmp_path,
    )
    assert env.profile == "scale"
    db = database_settings(env)
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["HOST"], db["CONN_HEALTH_CHECKS"]) == ("paper", "db.internal", True)
    assert db["OPTIONS"]["options"] == "-c jit=off"  # page queries are short: no JIT compiling
    caches = cache_settings(env)
    assert caches["default"]["BACKEND"] == "broadsheet.core.cache_backends.ResilientRedisCache"
    assert (
        caches["pages"]["BACKEND"] == caches["shared"]["BACKEND"] == "broadsheet.core.cache_backends.StrictRedisCache"
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BROADSHEET_DEBUG", "maybe", "BROADSHEET_DEBUG must be 1 or 0"),
        ("BROADSHEET_DATABASE_URL", "mysql://x/y", "BROADSHEET_DATABASE_URL must start with one of"),
        ("BROADSHEET_DATABASE_URL", "postgres:///nohost", "BROADSHEET_DATABASE_URL has no host name"),
        ("BROADSHEET_REDIS_URL", "memcached://x", "BROADSHEET_REDIS_URL must start with one of"),
        ("BROADSHEET_CSRF_TRUSTED_ORIGINS", "example.test", "BROADSHEET_CSRF_TRUSTED_ORIGINS entries"),
    ],
)
def test_a_bad_variable_fails_with_a_message_naming_it(tmp_path, variable, value, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        read_environment({"BROADSHEET_DATA_DIR": str(tmp_path), variable: value}, base_dir=tmp_path)


def test_the_command_refuses_to_start_with_a_bad_variable(tmp_path):
    env = {**os.environ, "BROADSHEET_DATA_DIR": str(tmp_path), "BROADSHEET_DEBUG": "perhaps"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "broadsheet", "check"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "BROADSHEET_DEBUG must be 1 or 0" in result.stderr


def test_email_is_printed_to_the_console_unless_smtp_is_configured(tmp_path):
    plain = read_environment({"BROADSHEET_DATA_DIR": str(tmp_path)}, base_dir=tmp_path)
    assert email_settings(plain)["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = read_environment(
        {"BROADSHEET_DATA_DIR": str(tmp_path), "BROADSHEET_EMAIL_URL": "smtp://news%40x.test:s3cret@mail.x.test:587"},
        base_dir=tmp_path,
    )
    config = email_settings(smtp)
    assert (config["EMAIL_HOST"], config["EMAIL_PORT"], config["EMAIL_HOST_USER"]) == (
        "mail.x.test",
        587,
        "news@x.test",
    )
    assert config["EMAIL_USE_TLS"] is True
    with pytest.raises(ImproperlyConfigured, match="BROADSHEET_EMAIL_URL"):
        read_environment(
            {"BROADSHEET_DATA_DIR": str(tmp_path), "BROADSHEET_EMAIL_URL": "pigeon://x"}, base_dir=tmp_path
        )
