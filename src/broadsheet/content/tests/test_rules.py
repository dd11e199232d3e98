"""The article lifecycle table, tested exhaustively."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied, ValidationError

from broadsheet.content.models import Status
from broadsheet.content.rules import ALLOWED, ensure_transition


@pytest.mark.parametrize(("current", "target"), list(itertools.product(Status.values, Status.values)))
@pytest.mark.django_db
def test_every_pair_of_statuses_is_either_allowed_with_permission_or_refused(current, target):
    publisher = User.objects.create_user("pub")
    publisher.user_permissions.add(Permission.objects.get(codename="publish_article"))
    publisher = User.objects.get(pk=publisher.pk)  # fresh permission cache
    if (current, target) in ALLOWED:
        ensure_transition(current, target, actor=publisher)
        with pytest.raises(PermissionDenied):
            ensure_transition(current, target, actor=AnonymousUser())
    else:
        with pytest.raises(ValidationError):
            ensure_transition(current, target, actor=publisher)


def test_the_table_names_real_statuses_only():
    for current, target in ALLOWED:
        assert current in Status.values
        assert target in Status.values
