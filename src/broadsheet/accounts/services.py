"""Writes of sign-in protection: setting up, confirming, using and removing a staff member's second factor."""

from __future__ import annotations

import logging
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from broadsheet.accounts import totp
from broadsheet.accounts.models import RecoveryCode, TwoFactor
from broadsheet.accounts.selectors import two_factor_is_required

logger = logging.getLogger("broadsheet.signin")

RECOVERY_CODE_COUNT = 10


@transaction.atomic
def start_two_factor(user: AbstractBaseUser) -> TwoFactor:
    """Return a new, unconfirmed authenticator secret for the account (replacing an unconfirmed one)."""
    current = TwoFactor.objects.select_for_update().filter(user_id=user.pk).first()
    if current is not None and current.is_confirmed:
        raise ValidationError("Two-factor sign-in is already on for this account; turn it off first.")
    if current is not None:
        return current
    return TwoFactor.objects.create(user_id=user.pk, secret=totp.new_secret())


@transaction.atomic
def confirm_two_factor(user: AbstractBaseUser, *, code: str, at: float | None = None) -> list[str]:
    """Turn two-factor sign-in on with the app's first code; return the recovery codes, shown only now."""
    device = TwoFactor.objects.select_for_update().filter(user_id=user.pk, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationError("Start setting up two-factor sign-in first.")
    step = totp.matching_step(device.secret, code, at=at)
    if step is None:
        raise ValidationError("That code does not match: check the phone's clock and type the newest code.")
    device.confirmed_at, device.last_step = timezone.now(), step
    device.save(update_fields=["confirmed_at", "last_step"])
    codes = _new_recovery_codes(user)
    logger.info("two-factor turned on", extra={"event": "two_factor_on", "user_id": user.pk})
    return codes


@transaction.atomic
def replace_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Return a fresh set of recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(user)
    logger.info("recovery codes replaced", extra={"event": "recovery_codes_replaced", "user_id": user.pk})
    return codes


def _new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    codes = [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user_id=user.pk, code_hash=totp.hashed_digest(c)) for c in codes)
    return codes


@transaction.atomic
def verify_second_factor(user: AbstractBaseUser, *, code: str, at: float | None = None) -> bool:
    """Return True if `code` is the authenticator's current code (never one used before) or an unused recovery code."""
    device = TwoFactor.objects.select_for_update().filter(user_id=user.pk, confirmed_at__isnull=False).first()
    if device is None:
        return False
    step = totp.matching_step(device.secret, code, at=at, after_step=device.last_step)
    if step is not None:
        device.last_step = step
        device.save(update_fields=["last_step"])
        return True
    spent = RecoveryCode.objects.filter(
        user_id=user.pk, code_hash=totp.hashed_digest(code), used_at__isnull=True
    ).update(used_at=timezone.now())
    if spent:
        logger.info("recovery code used", extra={"event": "recovery_code_used", "user_id": user.pk})
    return bool(spent)


@transaction.atomic
def turn_off_two_factor(user: AbstractBaseUser, *, code: str, at: float | None = None) -> None:
    """Remove the account's second factor, proven by a current code or a recovery code."""
    if two_factor_is_required(user):
        raise ValidationError("Your newsroom role requires two-factor sign-in, so it cannot be turned off.")
    if not verify_second_factor(user, code=code, at=at):
        raise ValidationError("That code does not match: type the newest code from the app, or a recovery code.")
    TwoFactor.objects.filter(user_id=user.pk).delete()
    RecoveryCode.objects.filter(user_id=user.pk).delete()
    logger.info("two-factor turned off", extra={"event": "two_factor_off", "user_id": user.pk})
