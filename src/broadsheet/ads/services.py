"""Every write to advertising: units (with their audit trail), ads.txt, settings and the counts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from broadsheet.ads import effects
from broadsheet.ads.models import AdSettings, AdStat, AdsTxt, AdUnit, AdUnitChange, ChangeAction
from broadsheet.ads.rules import ads_txt_errors

Actor = User | AnonymousUser | None

EDITABLE_FIELDS: Final = frozenset(
    {
        "name", "kind", "image", "dark_image", "target_url", "code", "width", "height", "runs_in_page",
        "script_hosts", "slots", "starts_at", "ends_at", "weight", "is_active",
    }
)  # fmt: skip
TARGETING_FIELDS: Final = frozenset(
    {"include_sections", "exclude_sections", "include_tags", "exclude_tags", "include_articles", "exclude_articles"}
)
# One view of a page counts each unit once; the key outlives any page left open in a tab.
SEEN_SECONDS: Final = 24 * 3600


def _ensure_ad_staff(by: Actor, permission: str) -> None:
    # None is the system itself (the demo loader, migrations); people need the permission.
    if by is not None and not by.has_perm(permission):
        raise PermissionDenied("Only ad operations staff and administrators may change ads.")


def _audit_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Iterable) and not isinstance(value, str | dict):
        return sorted(str(item) for item in value)
    return value


def _record(unit: AdUnit, action: str, by: Actor, fields: dict[str, list[Any]]) -> None:
    AdUnitChange.objects.create(
        unit=unit if action != ChangeAction.DELETED else None,
        unit_name=unit.name,
        action=action,
        changed_by=by if isinstance(by, User) else None,
        fields=fields,
    )


def _targeting_snapshot(unit: AdUnit) -> dict[str, list[str]]:
    return {name: _audit_value(getattr(unit, name).all()) for name in sorted(TARGETING_FIELDS)}


@transaction.atomic
def create_unit(*, by: Actor, targeting: dict[str, Iterable[Any]] | None = None, **fields: Any) -> AdUnit:
    """Create an ad unit, its targeting, and the audit record naming who created it."""
    _ensure_ad_staff(by, "ads.add_adunit")
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"create_unit() got unknown fields: {', '.join(sorted(unknown))}")
    unit = AdUnit(**fields)
    unit.full_clean()
    unit.save()
    for name, values in (targeting or {}).items():
        getattr(unit, _targeting_name(name)).set(list(values))
    after = {name: _audit_value(getattr(unit, name)) for name in sorted(fields)}
    _record(unit, ChangeAction.CREATED, by, {name: [None, value] for name, value in after.items()})
    transaction.on_commit(effects.units_changed)
    return unit


@transaction.atomic
def update_unit(
    unit: AdUnit, *, by: Actor, targeting: dict[str, Iterable[Any]] | None = None, **changes: Any
) -> AdUnit:
    """Change an ad unit; the audit record lists each changed field before and after."""
    _ensure_ad_staff(by, "ads.change_adunit")
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"update_unit() got unknown fields: {', '.join(sorted(unknown))}")
    before = {name: _audit_value(getattr(unit, name)) for name in changes}
    before_targeting = _targeting_snapshot(unit) if targeting else {}
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    for name, values in (targeting or {}).items():
        getattr(unit, _targeting_name(name)).set(list(values))
    diff = {
        name: [before[name], after] for name in changes if (after := _audit_value(getattr(unit, name))) != before[name]
    }
    if targeting:
        after_targeting = _targeting_snapshot(unit)
        diff.update(
            {
                name: [before_targeting[name], after_targeting[name]]
                for name in after_targeting
                if after_targeting[name] != before_targeting[name]
            }
        )
    if diff:
        _record(unit, ChangeAction.CHANGED, by, diff)
        transaction.on_commit(effects.units_changed)
    return unit


@transaction.atomic
def delete_unit(unit: AdUnit, *, by: Actor) -> None:
    """Delete an ad unit and its counts; the audit trail keeps its name and who deleted it."""
    _ensure_ad_staff(by, "ads.delete_adunit")
    _record(unit, ChangeAction.DELETED, by, {})
    unit.delete()
    transaction.on_commit(effects.units_changed)


def _targeting_name(name: str) -> str:
    if name not in TARGETING_FIELDS:
        raise TypeError(f"Unknown targeting {name!r}; use one of {', '.join(sorted(TARGETING_FIELDS))}.")
    return name


@transaction.atomic
def save_ads_txt(text: str, *, by: Actor) -> AdsTxt:
    """Store the ads.txt text after checking every line; errors name the line and what is wrong."""
    _ensure_ad_staff(by, "ads.change_adstxt")
    errors = ads_txt_errors(text)
    if errors:
        raise ValidationError({"text": [str(error) for error in errors]})
    # Line endings normalised: crawlers accept both, and the admin's textarea sends CRLF.
    normalised = "\n".join(line.rstrip() for line in text.splitlines()).strip()
    row, _ = AdsTxt.objects.update_or_create(pk=1, defaults={"text": normalised + "\n" if normalised else ""})
    return row


@transaction.atomic
def save_ad_settings(*, consent_required: bool, by: Actor) -> AdSettings:
    """Store the site's ad settings (the single row)."""
    _ensure_ad_staff(by, "ads.change_adsettings")
    row, _ = AdSettings.objects.update_or_create(pk=1, defaults={"consent_required": consent_required})
    transaction.on_commit(effects.units_changed)
    return row


def _add_to_day(unit_id: int, *, impressions: int = 0, clicks: int = 0) -> None:
    day = timezone.localdate()
    with transaction.atomic():
        updated = AdStat.objects.filter(unit_id=unit_id, day=day).update(
            impressions=F("impressions") + impressions, clicks=F("clicks") + clicks
        )
        if updated:
            return
        try:
            with transaction.atomic():  # a savepoint: another request may create the row first
                AdStat.objects.create(unit_id=unit_id, day=day, impressions=impressions, clicks=clicks)
        except IntegrityError:
            AdStat.objects.filter(unit_id=unit_id, day=day).update(
                impressions=F("impressions") + impressions, clicks=F("clicks") + clicks
            )


def count_impression(unit_id: int, *, view: str) -> bool:
    """Add one impression of the unit for today, once per page view; return whether it counted."""
    if not AdUnit.objects.filter(pk=unit_id).exists():
        return False
    # add() is atomic (set-if-absent), so two beacons of one view cannot both count.
    if not caches["shared"].add(f"ads:seen:{unit_id}:{view}", 1, timeout=SEEN_SECONDS):
        return False
    _add_to_day(unit_id, impressions=1)
    return True


def count_click(unit: AdUnit) -> None:
    """Add one click on the unit for today."""
    _add_to_day(unit.pk, clicks=1)
