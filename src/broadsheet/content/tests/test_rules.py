"""The workflow, tested exhaustively: every (from, to) pair x every role x owner or not,
at the rules and through the services."""

import itertools
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from broadsheet.content import services
from broadsheet.content.models import Article, Status
from broadsheet.content.rules import ALLOWED, can_edit, ensure_transition
from broadsheet.content.tests.factories import make_article

ROLES = ["contributor", "editor", "admin", "moderator", "ad_ops", "anonymous"]
GROUPS = {
    "contributor": "Contributors",
    "editor": "Editors",
    "admin": "Admins",
    "moderator": "Moderators",
    "ad_ops": "ad_ops",
}
# Written out here independently of the table: which roles may make each named move.
DESK = {"editor", "admin"}
EXPECTED = {
    "submit": {"contributor", "editor", "admin"},
    "approve": DESK,
    "send_back": DESK,
    "publish": DESK,
    "schedule": DESK,
    "reschedule": DESK,
    "unschedule": DESK,
    "withdraw": DESK,
    "republish": DESK,
    "reopen": DESK,
}


def user_for(role: str, name: str | None = None):
    if role == "anonymous":
        return AnonymousUser()
    user = User.objects.create_user(name or role, is_staff=True)
    user.groups.add(Group.objects.get(name=GROUPS[role]))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_every_role_is_a_group_made_by_a_migration(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(GROUPS.values())


def test_the_table_names_real_statuses_only_and_every_move_is_expected():
    for (current, target), move in ALLOWED.items():
        assert current in Status.values and target in Status.values
        assert move.action in EXPECTED


@pytest.mark.parametrize("owner", [True, False], ids=["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("current", "target"), list(itertools.product(Status.values, Status.values)))
@pytest.mark.django_db
def test_every_pair_every_role_owner_or_not(current, target, role, owner):
    actor = user_for(role)
    article = make_article(publish=False, by=None)
    if owner and isinstance(actor, User):
        Article.objects.filter(pk=article.pk).update(created_by=actor)
        article.refresh_from_db()
    move = ALLOWED.get((Status(current), Status(target)))
    if move is None:
        with pytest.raises(ValidationError):
            ensure_transition(current, target, actor=actor, article=article)
        return
    allowed = role in EXPECTED[move.action] and (role != "contributor" or owner)
    if allowed:
        assert ensure_transition(current, target, actor=actor, article=article) == move
    else:
        with pytest.raises(PermissionDenied):
            ensure_transition(current, target, actor=actor, article=article)


@pytest.mark.parametrize("owner", [True, False], ids=["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", Status.values)
@pytest.mark.django_db
def test_who_may_edit(status, role, owner):
    actor = user_for(role)
    article = make_article(publish=False)
    Article.objects.filter(pk=article.pk).update(status=status, created_by=actor if owner and actor.pk else None)
    article.refresh_from_db()
    expected = role in DESK or (role == "contributor" and owner and status == Status.DRAFT)
    assert can_edit(actor, article) is expected


# Each service, the state it starts from, and the state it leaves the story in.
SERVICE_CASES = [
    ("submit_for_review", Status.DRAFT, Status.IN_REVIEW, {}),
    ("approve_article", Status.IN_REVIEW, Status.READY, {}),
    ("send_back", Status.IN_REVIEW, Status.DRAFT, {"note": "Needs a second source."}),
    ("publish_article", Status.READY, Status.PUBLISHED, {}),
    ("publish_article", Status.READY, Status.SCHEDULED, {"at": "future"}),
    ("unschedule_article", Status.SCHEDULED, Status.READY, {}),
    ("withdraw_article", Status.PUBLISHED, Status.WITHDRAWN, {"note": "Legal advice."}),
    ("reopen_article", Status.WITHDRAWN, Status.DRAFT, {}),
    ("publish_article", Status.WITHDRAWN, Status.PUBLISHED, {}),
]


@pytest.mark.parametrize("owner", [True, False], ids=["own", "other"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("service", "start", "end", "kwargs"), SERVICE_CASES)
@pytest.mark.django_db
def test_the_services_enforce_the_matrix_and_record_who_and_when(service, start, end, kwargs, role, owner):
    actor = user_for(role)
    article = make_article(publish=False)
    past = timezone.now() - timedelta(hours=1)
    future = timezone.now() + timedelta(hours=3)
    published_at = (
        future if start == Status.SCHEDULED else past if start in (Status.PUBLISHED, Status.WITHDRAWN) else None
    )
    Article.objects.filter(pk=article.pk).update(
        status=start, published_at=published_at, created_by=actor if owner and actor.pk else None
    )
    article.refresh_from_db()
    kwargs = {**kwargs, **({"at": future} if kwargs.get("at") == "future" else {})}
    move = ALLOWED[(Status(start), Status(end))]
    allowed = role in EXPECTED[move.action] and (role != "contributor" or owner)
    if not allowed:
        with pytest.raises(PermissionDenied):
            getattr(services, service)(article, by=actor, **kwargs)
        assert Article.objects.get(pk=article.pk).status == start
        return
    getattr(services, service)(article, by=actor, **kwargs)
    article.refresh_from_db()
    assert article.status == end
    event = article.events.get(action=move.action)
    assert (event.actor, event.from_status, event.to_status) == (actor, start, end)
    assert event.note == kwargs.get("note", "")
    assert timezone.now() - event.at < timedelta(minutes=1)


def test_sending_back_needs_a_note(db):
    editor = user_for("editor")
    article = make_article(publish=False)
    services.submit_for_review(article, by=editor)
    with pytest.raises(ValidationError, match="note"):
        services.send_back(article, by=editor, note="  ")
    assert Article.objects.get(pk=article.pk).status == Status.IN_REVIEW


def test_a_contributor_cannot_edit_once_submitted_nor_edit_others(db):
    reporter = user_for("contributor", "reporter")
    other = user_for("contributor", "other")
    article = services.create_article(by=reporter, headline="Ferry timetable", section=make_article().section)
    services.update_article(article, by=reporter, dek="Winter sailings.")
    with pytest.raises(PermissionDenied):
        services.update_article(article, by=other, dek="Hijacked.")
    services.submit_for_review(article, by=reporter)
    with pytest.raises(PermissionDenied, match="editor"):
        services.update_article(article, by=reporter, dek="Changed after submitting.")
    assert Article.objects.get(pk=article.pk).dek == "Winter sailings."


def test_ownership_through_a_byline_is_asked_of_the_database_once_per_story(db, django_assert_num_queries):
    from broadsheet.content.rules import available_moves, owns
    from broadsheet.content.tests.factories import make_author

    reporter = user_for("contributor", "byline-reporter")
    author = make_author("Byline Reporter")
    author.user = reporter
    author.save()
    article = make_article(publish=False, bylines=[author])
    article = Article.objects.get(pk=article.pk)
    reporter = User.objects.get(pk=reporter.pk)
    reporter.get_all_permissions()  # permissions are cached per user object; not what is counted here
    with django_assert_num_queries(1):
        assert can_edit(reporter, article)
        assert [target for target, _ in available_moves(article, reporter)] == [Status.IN_REVIEW]
        assert owns(reporter, article)
    # When the bylines change, the answer is asked again.
    services.update_article(article, by=None, bylines=["Agency Staff"])
    assert not owns(reporter, article)
