"""Taking wire items in: a new item becomes a draft, a later version corrects it, a kill withdraws it."""

from __future__ import annotations

from enum import StrEnum

from broadsheet.content.models import Section
from broadsheet.content.services import Actor
from broadsheet.importers.items import USABLE, WireItem
from broadsheet.wire import services


class Outcome(StrEnum):
    CREATED = "created"
    CORRECTED = "corrected"
    UNCHANGED = "unchanged"
    KILLED = "killed"
    KILL_OF_UNKNOWN = "kill of an item never taken in"


def take_in(item: WireItem, *, source: str, section: Section, by: Actor, publish: bool = False) -> Outcome:
    """Apply one wire item: create, correct (a new version of an item seen before) or kill."""
    if item.status != USABLE:
        killed = services.kill_item(source=source, external_id=item.guid, by=by)
        return Outcome.KILLED if killed is not None else Outcome.KILL_OF_UNKNOWN
    saved = services.save_story(
        item.story, by=by, section=section, source=source, external_id=item.guid, version=item.version, publish=publish
    )
    if saved.created:
        return Outcome.CREATED
    return Outcome.CORRECTED if saved.updated else Outcome.UNCHANGED
