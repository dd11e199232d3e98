"""`broadsheet backup` and `broadsheet restore` round-trip the demo paper: every table's rows and every
media file come back identical, on whichever profile the suite runs (SQLite or PostgreSQL)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from broadsheet.cli import demo
from broadsheet.cli.backups import BackupError, read_manifest, sha256_of, verify_backup
from broadsheet.cli.tests.conftest import SMALL
from broadsheet.comments.models import Comment
from broadsheet.content.models import Article

# serialized_rollback: the roles that data migrations create come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _fingerprint() -> dict[str, tuple[int, str]]:
    """Per model: the row count and a hash of every row's every field, in primary-key order."""
    result = {}
    for model in apps.get_models():
        if model._meta.label == "sessions.Session":
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        digest = hashlib.sha256()
        for row in model._default_manager.order_by("pk").values_list(*fields):
            digest.update(repr(row).encode())
        result[model._meta.label] = (model._default_manager.count(), digest.hexdigest())
    return result


def _media() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)): sha256_of(p) for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def paper(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo.load_demo_newsroom(login_file=tmp_path / "demo-login.txt", **SMALL)
    assert Article.objects.count() >= 40 and Comment.objects.exists()


def test_a_backup_restores_the_demo_paper_exactly(paper, tmp_path, capsys):
    before, media_before = _fingerprint(), _media()
    call_command("backup", str(tmp_path / "backup"))
    manifest = read_manifest(tmp_path / "backup")
    assert manifest.profile == ("scale" if connection.vendor == "postgresql" else "embedded")
    assert manifest.row_counts["content_article"] == before["content.Article"][0]
    assert len([name for name in manifest.checksums if name.startswith("media/")]) == len(media_before) > 0

    # Lose everything: every row and every file.
    call_command("flush", interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert Article.objects.count() == 0

    call_command("restore", str(tmp_path / "backup"))
    assert "every count matches the manifest" in capsys.readouterr().out
    assert _fingerprint() == before
    assert _media() == media_before


def test_a_damaged_backup_is_refused_before_anything_is_touched(paper, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    media_file = next(name for name in read_manifest(tmp_path / "backup").checksums if name.startswith("media/"))
    path = tmp_path / "backup" / media_file
    path.write_bytes(path.read_bytes()[:-1] + b"\0")
    articles = Article.objects.count()
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(tmp_path / "backup"))
    assert Article.objects.count() == articles
    with pytest.raises(BackupError, match="does not match"):
        verify_backup(tmp_path / "backup")


def test_a_backup_never_overwrites_an_earlier_one(paper, tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "backup"))
