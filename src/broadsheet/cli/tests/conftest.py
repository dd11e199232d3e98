"""The demo paper, loaded once per test module and rolled back after it."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from broadsheet.cli import demo

# Small pictures keep the load quick; the suite runs under two profiles.
SMALL = {"picture_size": (320, 200), "avatar_size": 48}


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    # Loading takes a couple of seconds, so this module's tests share one load, rolled back at
    # the end of the module; each test still runs in its own savepoint inside it.
    data = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=data / "media",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        transaction.atomic(),
    ):
        login = demo.load_demo_newsroom(login_file=data / "demo-login.txt", **SMALL)
        yield login, data
        transaction.set_rollback(True)
