"""The article lifecycle as one transition table: the newsroom's process, written down once.

Each move names the action the newsroom sees and the permission the actor needs. Roles are
groups holding those permissions (see migration 0005): contributors may only submit their own
drafts; editors approve, send back, publish, schedule, withdraw and correct; admins do all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError

from broadsheet.content.models import Article, Status

Actor = User | AnonymousUser | None


@dataclass(frozen=True)
class Move:
    action: str
    permission: str
    label: str  # the button


SUBMIT = "content.submit_article"
APPROVE = "content.approve_article"
PUBLISH = "content.publish_article"
WITHDRAW = "content.withdraw_article"
EDIT_ANY = "content.edit_any_article"
CORRECT = "content.correct_article"
CURATE = "content.curate_front_page"

# (from state, to state) -> the move. Anything absent is not a move the newsroom makes.
ALLOWED: Final[dict[tuple[Status, Status], Move]] = {
    (Status.DRAFT, Status.IN_REVIEW): Move("submit", SUBMIT, "Submit for review"),
    (Status.IN_REVIEW, Status.DRAFT): Move("send_back", APPROVE, "Send back to the reporter"),
    (Status.IN_REVIEW, Status.READY): Move("approve", APPROVE, "Approve"),
    (Status.READY, Status.DRAFT): Move("send_back", APPROVE, "Send back to the reporter"),
    # Editors may publish their own copy without a second editor: the publish permission is the check.
    (Status.DRAFT, Status.PUBLISHED): Move("publish", PUBLISH, "Publish now"),
    (Status.IN_REVIEW, Status.PUBLISHED): Move("publish", PUBLISH, "Publish now"),
    (Status.READY, Status.PUBLISHED): Move("publish", PUBLISH, "Publish now"),
    (Status.DRAFT, Status.SCHEDULED): Move("schedule", PUBLISH, "Schedule"),
    (Status.IN_REVIEW, Status.SCHEDULED): Move("schedule", PUBLISH, "Schedule"),
    (Status.READY, Status.SCHEDULED): Move("schedule", PUBLISH, "Schedule"),
    (Status.SCHEDULED, Status.SCHEDULED): Move("reschedule", PUBLISH, "Reschedule"),
    (Status.SCHEDULED, Status.PUBLISHED): Move("publish", PUBLISH, "Publish now"),
    (Status.SCHEDULED, Status.READY): Move("unschedule", PUBLISH, "Unschedule"),
    (Status.PUBLISHED, Status.WITHDRAWN): Move("withdraw", WITHDRAW, "Withdraw from the site"),
    (Status.WITHDRAWN, Status.PUBLISHED): Move("republish", PUBLISH, "Publish again"),
    (Status.WITHDRAWN, Status.DRAFT): Move("reopen", WITHDRAW, "Reopen as a draft"),
}


OWNERS_ATTRIBUTE = "_broadsheet_owned_by"  # per article instance: user id -> writes under a byline


def owns(user: Actor, article: Article) -> bool:
    """True when `user` filed the story or writes under one of its bylines."""
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    if article.created_by_id == user.pk:
        return True
    if article.pk is None:
        return False
    # Asked many times per newsroom page (permissions, each button): one query per story and person.
    # `services._replace_bylines` forgets the answers when the bylines change.
    known: dict[int, bool] = article.__dict__.setdefault(OWNERS_ATTRIBUTE, {})
    if user.pk not in known:
        known[user.pk] = article.bylines.filter(author__user=user).exists()
    return known[user.pk]


def can_edit(user: Actor, article: Article) -> bool:
    """Editors edit any story; contributors edit their own stories while they are drafts."""
    if user is None:
        return True  # the system itself (demo loader, importers run by an operator)
    if not user.has_perm("content.change_article"):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return article.status == Status.DRAFT and owns(user, article)


def ensure_can_edit(user: Actor, article: Article) -> None:
    if not can_edit(user, article):
        if article.status != Status.DRAFT and user is not None and not user.has_perm(EDIT_ANY):
            raise PermissionDenied("Only an editor can change a story once it has left the drafts.")
        raise PermissionDenied("You can only edit stories you wrote.")


def ensure_transition(
    current: Status | str, target: Status | str, *, actor: Actor, article: Article | None = None
) -> Move:
    """Return the move if `actor` may take an article from `current` to `target`; raise otherwise."""
    current, target = Status(current), Status(target)
    move = ALLOWED.get((current, target))
    if move is None:
        raise ValidationError(
            f"A story cannot go from {current.label.lower()} to {target.label.lower()}.", code="bad_transition"
        )
    if actor is None:
        return move
    if not actor.has_perm(move.permission):
        raise PermissionDenied(f"You do not have permission for this step: {move.label}.")
    if move.permission == SUBMIT and article is not None and not actor.has_perm(EDIT_ANY) and not owns(actor, article):
        raise PermissionDenied("You can only submit stories you wrote.")
    return move


def available_moves(article: Article, actor: Actor) -> list[tuple[Status, Move]]:
    """Return the moves `actor` may make on `article` now, for the newsroom's buttons."""
    state = article.state
    moves = []
    for (source, target), move in ALLOWED.items():
        if source != state or (source, target) == (Status.SCHEDULED, Status.SCHEDULED):
            continue
        try:
            ensure_transition(source, target, actor=actor, article=article)
        except (PermissionDenied, ValidationError):
            continue
        moves.append((target, move))
    return moves
