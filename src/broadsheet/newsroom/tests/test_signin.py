"""The newsroom sign-in: lockout per (account, address), no account enumeration, session rotation,
reset links from the site address, two-factor sign-in and its setup, and a log line for each outcome."""

from __future__ import annotations

import logging
import re
import statistics
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.core.cache import caches

from broadsheet.accounts import services, totp
from broadsheet.accounts.models import TwoFactor
from broadsheet.newsroom.signin import LOCKED, PENDING, UNAVAILABLE

LOGIN = "/newsroom/login/"
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _quick_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.test", PASSWORD)


def _sign_in(client, username, password, address="198.51.100.7", **extra):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/newsroom/"},
                       REMOTE_ADDR=address, **extra)  # fmt: skip


def _signed_in(client) -> bool:
    return client.get("/newsroom/").status_code == 200


def _visible_text(response) -> str:
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_five_failures_lock_the_pair_out_even_for_the_right_password(client, editor):
    for _ in range(5):
        assert "correct username and password" in _sign_in(client, "editor", "wrong-guess").content.decode()
    refused = _sign_in(client, "editor", PASSWORD)
    assert LOCKED in refused.content.decode()
    assert not _signed_in(client)


def test_the_lockout_counts_the_pair_so_the_same_account_elsewhere_still_signs_in(client, editor):
    for _ in range(5):
        _sign_in(client, "editor", "wrong-guess", address="203.0.113.66")
    response = _sign_in(client, "editor", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302 and _signed_in(client)


def test_case_variants_of_the_name_share_one_count(client, editor):
    for name in ["editor", "EDITOR", "Editor", "eDitor", "editoR"]:
        _sign_in(client, name, "wrong-guess")
    assert LOCKED in _sign_in(client, "editor", PASSWORD).content.decode()


def test_the_lockout_lasts_15_minutes_from_the_first_failure(client, editor, monkeypatch):
    from broadsheet.accounts import limits

    lifetimes = []
    real_add = caches["shared"].add
    monkeypatch.setattr(
        caches["shared"], "add", lambda key, value, timeout: lifetimes.append(timeout) or real_add(key, value, timeout)
    )
    for _ in range(5):
        _sign_in(client, "editor", "wrong-guess")
    assert set(lifetimes) == {limits.WINDOW_SECONDS} and limits.WINDOW_SECONDS == 15 * 60
    caches["shared"].touch(limits._key("editor", "198.51.100.7"), 0)  # the window passes
    assert _sign_in(client, "editor", PASSWORD).status_code == 302


def test_unknown_and_known_accounts_get_the_same_answer(client, editor):
    known = _sign_in(client, "editor", "wrong-guess", address="192.0.2.1")
    unknown = _sign_in(client, "nobody-here", "wrong-guess", address="192.0.2.2")
    assert known.status_code == unknown.status_code == 200
    assert _visible_text(known).replace("editor", "NAME") == _visible_text(unknown).replace("nobody-here", "NAME")
    for _ in range(5):
        _sign_in(client, "editor", "x", address="192.0.2.3")
        _sign_in(client, "nobody-here", "x", address="192.0.2.3")
    locked_known = _sign_in(client, "editor", "x", address="192.0.2.3")
    locked_unknown = _sign_in(client, "nobody-here", "x", address="192.0.2.3")
    assert _visible_text(locked_known).replace("editor", "NAME") == _visible_text(locked_unknown).replace(
        "nobody-here", "NAME"
    )


def test_unknown_and_known_accounts_take_comparable_time(client, editor, settings):
    # With the real password hasher, a wrong password for a real account and any password for a
    # missing one both cost one full hash (Django hashes for unknown accounts too).
    settings.PASSWORD_HASHERS = django_settings.PASSWORD_HASHERS.__class__(
        ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    )
    editor.set_password(PASSWORD)
    editor.save()

    def timed(name, n):
        started = time.perf_counter()
        _sign_in(client, name, "wrong-guess", address=f"192.0.2.{10 + n}")
        return time.perf_counter() - started

    known = statistics.median(timed("editor", n) for n in range(3))
    unknown = statistics.median(timed("nobody-here", n + 3) for n in range(3))
    assert 0.5 < known / unknown < 2, (known, unknown)


def test_the_session_id_changes_at_sign_in(client, editor):
    before = SessionStore()
    before["reading"] = "a story"
    before.save()
    client.cookies[django_settings.SESSION_COOKIE_NAME] = before.session_key
    assert _sign_in(client, "editor", PASSWORD).status_code == 302
    after = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after != before.session_key
    assert not SessionStore().exists(before.session_key)
    assert _signed_in(client)


def test_the_reset_link_is_built_from_the_site_address_never_the_host_header(client, editor, settings):
    settings.ALLOWED_HOSTS = ["*"]  # even a permissive host list must not let the Host header into the link
    settings.BROADSHEET = {**settings.BROADSHEET, "site_url": "https://news.example"}
    response = client.post("/newsroom/password-reset/", {"email": "editor@example.test"}, HTTP_HOST="evil.example")
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert re.search(r"https://news\.example/newsroom/password-reset/[^/\s]+/[^/\s]+/", body), body
    assert "evil.example" not in body


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, editor):
    known = client.post("/newsroom/password-reset/", {"email": "editor@example.test"})
    unknown = client.post("/newsroom/password-reset/", {"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_the_sign_in_page_offers_the_password_reset(client, db):
    assert 'href="/newsroom/password-reset/"' in client.get(LOGIN).content.decode()


@pytest.fixture
def two_factor_editor(editor):
    device = services.start_two_factor(editor)
    codes = services.confirm_two_factor(editor, code=totp.code_at(device.secret, time.time() - 30))
    device.refresh_from_db()
    return editor, device, codes


def test_with_two_factor_the_password_alone_does_not_sign_in(client, two_factor_editor):
    _, device, _ = two_factor_editor
    response = _sign_in(client, "editor", PASSWORD)
    assert response["Location"] == "/newsroom/sign-in/code/"
    assert not _signed_in(client)
    pending_session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    wrong = client.post("/newsroom/sign-in/code/", {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
    assert "does not match" in wrong.content.decode() and not _signed_in(client)
    right = client.post("/newsroom/sign-in/code/", {"code": totp.code_at(device.secret)}, REMOTE_ADDR="198.51.100.7")
    assert right.status_code == 302 and right["Location"] == "/newsroom/"
    assert _signed_in(client)
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value != pending_session
    assert PENDING not in client.session


def test_a_code_cannot_be_replayed_and_a_recovery_code_works_once(two_factor_editor):
    editor, device, codes = two_factor_editor
    code = totp.code_at(device.secret)
    assert services.verify_second_factor(editor, code=code)
    assert not services.verify_second_factor(editor, code=code)
    assert services.verify_second_factor(editor, code=codes[0].upper())
    assert not services.verify_second_factor(editor, code=codes[0])


def test_wrong_codes_count_towards_the_lockout(client, two_factor_editor):
    _sign_in(client, "editor", PASSWORD)
    for _ in range(5):
        client.post("/newsroom/sign-in/code/", {"code": "000000"}, REMOTE_ADDR="198.51.100.7")
    device = two_factor_editor[1]
    locked = client.post("/newsroom/sign-in/code/", {"code": totp.code_at(device.secret)}, REMOTE_ADDR="198.51.100.7")
    assert LOCKED in locked.content.decode() and not _signed_in(client)


def test_two_factor_is_set_up_from_the_newsroom(client, editor):
    client.force_login(editor)
    page = client.get("/newsroom/two-factor/")
    assert "Set up two-factor sign-in" in page.content.decode()
    assert not TwoFactor.objects.exists()  # a GET writes nothing
    started = client.post("/newsroom/two-factor/", {"action": "start"}).content.decode()
    device = TwoFactor.objects.get(user=editor)
    assert device.secret in started and "otpauth://totp/" in started
    confirmed = client.post("/newsroom/two-factor/", {"action": "confirm", "code": totp.code_at(device.secret)})
    text = confirmed.content.decode()
    assert "no-store" in confirmed["Cache-Control"]
    assert "Your recovery codes" in text and len(re.findall(r"<code>[0-9a-f]{8}-[0-9a-f]{8}</code>", text)) == 10
    assert TwoFactor.objects.get(user=editor).is_confirmed


def test_a_wrong_first_code_leaves_two_factor_off(client, editor):
    client.force_login(editor)
    client.post("/newsroom/two-factor/", {"action": "start"})
    response = client.post("/newsroom/two-factor/", {"action": "confirm", "code": "000000"})
    assert "does not match" in response.content.decode()
    assert not TwoFactor.objects.get(user=editor).is_confirmed


def test_sign_in_fails_closed_when_the_shared_cache_is_down(client, editor, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(caches["shared"], "get", down)
    response = _sign_in(client, "editor", PASSWORD)
    assert UNAVAILABLE in response.content.decode()
    assert not _signed_in(client)


def test_every_outcome_is_logged(client, editor, caplog):
    caplog.set_level(logging.INFO, logger="broadsheet.signin")
    _sign_in(client, "editor", PASSWORD)
    for _ in range(6):
        _sign_in(client, "editor", "wrong", address="203.0.113.5")
    events = [record.event for record in caplog.records if record.name == "broadsheet.signin"]
    assert events[0] == "signin_succeeded"
    assert events.count("signin_failed") == 5
    assert events.count("signin_locked_out") == 2  # reached at the fifth failure, then the refused sixth attempt
    failed = next(r for r in caplog.records if getattr(r, "event", "") == "signin_failed")
    assert failed.username == "editor" and failed.address == "203.0.113.5"


def test_no_user_object_is_created_by_failed_sign_ins(client, db):
    _sign_in(client, "ghost", "x")
    assert not User.objects.filter(username="ghost").exists()


def test_password_reset_requests_are_limited_per_mailbox_and_per_address(client, editor):
    for _ in range(3):
        sent = client.post("/newsroom/password-reset/", {"email": "editor@example.test"}, REMOTE_ADDR="198.51.100.7")
        assert sent.status_code == 302
    assert len(mail.outbox) == 3
    refused = client.post("/newsroom/password-reset/", {"email": "editor@example.test"}, REMOTE_ADDR="203.0.113.9")
    body = refused.content.decode()
    assert refused.status_code == 200 and "Too many password reset requests" in body
    assert 'value="editor@example.test"' in body  # what was typed is kept
    assert len(mail.outbox) == 3  # the mailbox is not flooded, whichever address asks
    # One address asking for many mailboxes is cut off too (unknown ones count: the answer tells nothing).
    answers = [
        client.post("/newsroom/password-reset/", {"email": f"guess{n}@example.test"}, REMOTE_ADDR="192.0.2.50")
        for n in range(11)
    ]
    assert [a.status_code for a in answers] == [302] * 10 + [200]
    assert "Too many password reset requests" in answers[-1].content.decode()


def test_password_reset_fails_closed_when_the_shared_cache_is_down(client, editor, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(caches["shared"], "add", down)
    response = client.post("/newsroom/password-reset/", {"email": "editor@example.test"})
    assert response.status_code == 200 and UNAVAILABLE in response.content.decode()
    assert len(mail.outbox) == 0


@pytest.fixture
def required_for_editors(db):
    from django.contrib.auth.models import Group

    from broadsheet.accounts.models import TwoFactorRequirement

    editors = Group.objects.get(name="Editors")
    TwoFactorRequirement.objects.create(group=editors)
    user = User.objects.create_user("night-editor", "night@example.test", PASSWORD, is_staff=True)
    user.groups.add(editors)
    return user


def test_a_role_that_requires_two_factor_sends_its_members_to_set_it_up_first(client, required_for_editors):
    client.force_login(required_for_editors)
    for path in ("/newsroom/", "/newsroom/content/article/", "/newsroom/content/article/add/"):
        refused = client.get(path)
        assert refused.status_code == 302, path
        assert refused["Location"] == f"/newsroom/two-factor/?next={path.replace('/', '%2F')}"
    page = client.get("/newsroom/two-factor/?next=/newsroom/content/article/")
    assert page.status_code == 200 and "Your newsroom role requires two-factor sign-in" in page.content.decode()
    started = client.post("/newsroom/two-factor/?next=/newsroom/content/article/", {"action": "start"})
    assert started.status_code == 200
    device = TwoFactor.objects.get(user=required_for_editors)
    confirmed = client.post(
        "/newsroom/two-factor/?next=/newsroom/content/article/",
        {"action": "confirm", "code": totp.code_at(device.secret), "next": "/newsroom/content/article/"},
    ).content.decode()
    assert 'href="/newsroom/content/article/">I have saved them: continue' in confirmed
    assert client.get("/newsroom/content/article/").status_code == 200  # set up: the newsroom opens
    # And it cannot be turned off while the role requires it.
    device.refresh_from_db()
    off = client.post(
        "/newsroom/two-factor/", {"action": "turn_off", "code": totp.code_at(device.secret, time.time() + 30)}
    )
    assert "cannot be turned off" in off.content.decode()
    assert TwoFactor.objects.filter(user=required_for_editors, confirmed_at__isnull=False).exists()


def test_signing_out_stays_open_and_other_roles_are_not_held_up(client, required_for_editors, editor):
    client.force_login(required_for_editors)
    assert client.post("/newsroom/logout/").status_code == 200
    assert not _signed_in(client)
    client.force_login(editor)  # a superuser in no group that requires it
    assert client.get("/newsroom/").status_code == 200


def test_admins_manage_the_requirement_in_the_newsroom(client, db):
    from django.contrib.auth.models import Group

    from broadsheet.accounts.models import TwoFactorRequirement

    admin_user = User.objects.create_user("chief", "chief@example.test", PASSWORD, is_staff=True)
    admin_user.groups.add(Group.objects.get(name="Admins"))
    client.force_login(admin_user)
    assert client.get("/newsroom/accounts/twofactorrequirement/add/").status_code == 200
    editors = Group.objects.get(name="Editors")
    saved = client.post("/newsroom/accounts/twofactorrequirement/add/", {"group": editors.pk})
    assert saved.status_code == 302
    assert TwoFactorRequirement.objects.get().group == editors
