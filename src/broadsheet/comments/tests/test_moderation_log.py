"""Every moderation decision leaves a log record naming the comment, the decision and the moderator."""

import logging

import pytest

from broadsheet.comments.models import CommentStatus
from broadsheet.comments.services import ban, erase_commenter, moderate_comment
from broadsheet.comments.tests.factories import make_comment
from broadsheet.content.tests.factories import make_article

pytestmark = pytest.mark.django_db


def _records(caplog, event):
    return [r for r in caplog.records if r.name == "broadsheet.moderation" and getattr(r, "event", "") == event]


def test_a_moderation_decision_is_logged(caplog, editor):
    caplog.set_level(logging.INFO, logger="broadsheet.moderation")
    comment = make_comment(make_article())
    moderate_comment(comment, CommentStatus.REMOVED, by=editor)
    (record,) = _records(caplog, "comment_moderated")
    assert (record.comment_id, record.to_status, record.moderator) == (comment.pk, "removed", "editor")


def test_bans_and_erasures_are_logged_without_the_address(caplog, editor):
    caplog.set_level(logging.INFO, logger="broadsheet.moderation")
    ban(email="troll@readers.example", reason="abuse", by=editor)
    erase_commenter("someone@readers.example", by=editor)
    assert _records(caplog, "ban_added") and _records(caplog, "commenter_erased")
    assert "@readers.example" not in caplog.text
