"""The comment lifecycle table and the thread policy: story, then section, then site."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from broadsheet.comments.models import CommentStatus
from broadsheet.comments.rules import ALLOWED, ensure_transition, thread_state
from broadsheet.content.models import CommentsMode, SiteCommentsMode, SiteSettings
from broadsheet.content.tests.factories import make_article, make_section


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), list(itertools.product(CommentStatus.values, CommentStatus.values)))
def test_every_pair_of_statuses(current, target):
    moderator = User.objects.create_user("mod")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    moderator = User.objects.get(pk=moderator.pk)
    if (current, target) not in ALLOWED:
        with pytest.raises(ValidationError):
            ensure_transition(current, target, actor=moderator)
        return
    ensure_transition(current, target, actor=None)  # the system may make every allowed move
    if ALLOWED[(current, target)] is None:
        with pytest.raises(PermissionDenied):
            ensure_transition(current, target, actor=moderator)
    else:
        ensure_transition(current, target, actor=moderator)
        with pytest.raises(PermissionDenied):
            ensure_transition(current, target, actor=AnonymousUser())


POLICIES = [
    # site default, section, story -> open?, premoderated?
    (SiteCommentsMode.OPEN, CommentsMode.INHERIT, CommentsMode.INHERIT, True, False),
    (SiteCommentsMode.PREMODERATED, CommentsMode.INHERIT, CommentsMode.INHERIT, True, True),
    (SiteCommentsMode.PREMODERATED, CommentsMode.OPEN, CommentsMode.INHERIT, True, False),
    (SiteCommentsMode.OPEN, CommentsMode.PREMODERATED, CommentsMode.INHERIT, True, True),
    (SiteCommentsMode.OPEN, CommentsMode.PREMODERATED, CommentsMode.OPEN, True, False),
    (SiteCommentsMode.OPEN, CommentsMode.CLOSED, CommentsMode.INHERIT, False, False),
    (SiteCommentsMode.OPEN, CommentsMode.CLOSED, CommentsMode.PREMODERATED, True, True),
    (SiteCommentsMode.OPEN, CommentsMode.OPEN, CommentsMode.CLOSED, False, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("site_mode", "section_mode", "story_mode", "is_open", "is_premoderated"), POLICIES)
def test_the_story_overrides_the_section_which_overrides_the_site(
    site_mode, section_mode, story_mode, is_open, is_premoderated
):
    article = make_article(section=make_section(comments_mode=section_mode), comments_mode=story_mode)
    state = thread_state(article, SiteSettings(comments_mode=site_mode))
    assert (state.is_open, state.is_premoderated) == (is_open, is_premoderated)


@pytest.mark.django_db
def test_threads_close_after_the_configured_days(settings):
    settings.BROADSHEET = {"comments_close_after_days": 14}
    article = make_article(published_at=timezone.now() - timedelta(days=13, hours=23))
    assert thread_state(article, SiteSettings()).is_open
    later = timezone.now() + timedelta(hours=2)
    state = thread_state(article, SiteSettings(), now=later)
    assert not state.is_open
    assert state.closed_reason == "Comments closed 14 days after publication."


@pytest.mark.django_db
def test_zero_days_keeps_threads_open_forever(settings):
    settings.BROADSHEET = {"comments_close_after_days": 0}
    article = make_article(published_at=timezone.now() - timedelta(days=3650))
    assert thread_state(article, SiteSettings()).is_open
