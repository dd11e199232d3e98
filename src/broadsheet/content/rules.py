"""The article lifecycle as one transition table: the newsroom's process, written down once."""

from __future__ import annotations

from typing import Final

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError

from broadsheet.content.models import Status

# (from, to) -> the permission the actor needs. Anything absent is not a move the newsroom makes.
ALLOWED: Final[dict[tuple[str, str], str]] = {
    (Status.DRAFT, Status.PUBLISHED): "content.publish_article",
    (Status.PUBLISHED, Status.DRAFT): "content.publish_article",  # withdrawn from the site
}


def ensure_transition(current: str, target: str, *, actor: User | AnonymousUser | None) -> None:
    """Return if `actor` may move an article from `current` to `target`; raise otherwise."""
    permission = ALLOWED.get((current, target))
    if permission is None:
        raise ValidationError(
            f"An article cannot go from {Status(current).label.lower()} to {Status(target).label.lower()}.",
            code="bad_transition",
        )
    if actor is not None and not actor.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to move this article to {Status(target).label.lower()}.")
