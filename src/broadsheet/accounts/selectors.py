"""Reads of sign-in protection: whether an account has a confirmed second factor."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from broadsheet.accounts.models import RecoveryCode, TwoFactor, TwoFactorRequirement


def two_factor_of(user: AbstractBaseUser) -> TwoFactor | None:
    """Return the account's authenticator, confirmed or still being set up, or None."""
    return TwoFactor.objects.filter(user_id=user.pk).first()


def has_two_factor(user: AbstractBaseUser) -> bool:
    """Return True when signing in to this account needs a code as well as the password."""
    return TwoFactor.objects.filter(user_id=user.pk, confirmed_at__isnull=False).exists()


def unused_recovery_code_count(user: AbstractBaseUser) -> int:
    return RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True).count()


def active_staff_usernames() -> list[str]:
    """Return the usernames of every active newsroom account (for who-else-is-here checks)."""
    from django.contrib.auth import get_user_model

    return list(get_user_model().objects.filter(is_staff=True, is_active=True).values_list("username", flat=True))


def must_set_up_two_factor(user: AbstractBaseUser) -> bool:
    """Return True when one of the user's groups requires two-factor sign-in and the user has none (one query)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(pk=user.pk, groups__two_factor_requirement__isnull=False)
        .exclude(two_factor__confirmed_at__isnull=False)
        .exists()
    )


def two_factor_is_required(user: AbstractBaseUser) -> bool:
    """Return True when one of the user's groups requires two-factor sign-in."""
    return TwoFactorRequirement.objects.filter(group__user=user.pk).exists()
