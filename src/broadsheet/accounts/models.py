"""Second factors of staff accounts: one TOTP secret each, and single-use recovery codes."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TwoFactor(models.Model):
    """A staff member's authenticator: active once confirmed with a first code."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=-1)  # the newest time step used: codes up to it are spent

    def __str__(self) -> str:
        return f"Two-factor for {self.user}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(models.Model):
    """One single-use code for when the phone is lost; only its hash is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "code_hash"])]

    def __str__(self) -> str:
        return f"Recovery code of {self.user}"


class TwoFactorRequirement(models.Model):
    """Members of this group must sign in with two factors: they set it up before they may work."""

    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="two_factor_requirement",
        help_text="Everyone in this group is sent to set up two-factor sign-in before any other newsroom page.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "two-factor requirement"

    def __str__(self) -> str:
        return f"Two-factor sign-in required for {self.group}"
