"""A full disk answers 503 with Retry-After, at once; any other database error stays an error."""

import errno
import time

import pytest
from django.core import signing
from django.db import OperationalError
from django.test import Client

from broadsheet.comments import services as comment_services
from broadsheet.content.tests.factories import make_article, make_section
from broadsheet.reader.failures import is_storage_full
from broadsheet.reader.forms import STARTED_SALT

pytestmark = pytest.mark.django_db


def _post(article):
    client = Client(raise_request_exception=False)
    token = client.get("/comments/token/").json()
    started = signing.dumps({"t": time.time() - 30}, salt=STARTED_SALT)
    form = {"csrfmiddlewaretoken": token["csrf"], "started": started, "key": token["key"], "name": "Ana",
            "email": "ana@readers.example", "body": "Full?"}  # fmt: skip
    return client.post(f"/comments/{article.pk}/", form)


@pytest.mark.parametrize(
    "error",
    [OperationalError("database or disk is full"), OperationalError("disk I/O error"),
     OSError(errno.ENOSPC, "No space left on device"), OperationalError("could not extend file \"base/1\"")],
)  # fmt: skip
def test_a_full_disk_answers_503_with_retry_after(monkeypatch, error):
    article = make_article("Storage", section=make_section("City", slug="city"))

    def full(*args, **kwargs):
        raise error

    monkeypatch.setattr(comment_services, "post_comment", full)
    response = _post(article)
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    assert "Nothing you sent was saved" in response.content.decode()


def test_a_lost_database_connection_answers_503(monkeypatch):
    article = make_article("Restart", section=make_section("City", slug="city"))

    def gone(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(comment_services, "post_comment", gone)
    response = _post(article)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "The database is restarting" in response.content.decode()


def test_other_database_errors_are_not_disguised():
    assert not is_storage_full(OperationalError("no such table: comments_comment"))
    assert not is_storage_full(OSError(errno.EACCES, "Permission denied"))


def test_a_lost_database_in_a_middleware_is_a_503_too(monkeypatch):
    from broadsheet.reader import middleware

    def gone():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(middleware, "site_time_zone", gone)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
