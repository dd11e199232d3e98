"""Side effects of ad writes, run after commit: the cached slot answers are renewed."""

from __future__ import annotations

from broadsheet.core import versioned

ADS_VERSION = "ads"


def units_changed() -> None:
    """Retire every cached slot answer, in every worker, by moving their cache keys to a new version."""
    versioned.bump(ADS_VERSION)


def current_version() -> int:
    """Return the version that cached slot answers are keyed with (shared by every worker)."""
    return versioned.version(ADS_VERSION)
