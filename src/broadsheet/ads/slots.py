"""The ad slots, declared once: where they sit, what sizes they take, and the space they reserve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, kw_only=True)
class AdSlot:
    """A place on the page that an ad may fill; its height is reserved so nothing shifts."""

    name: str
    description: str
    sizes: tuple[tuple[int, int], ...]  # accepted creative sizes, width × height in CSS pixels
    min_height_narrow: int  # reserved height below 768 px wide
    min_height_wide: int  # reserved height from 768 px wide
    lazy: bool  # below-the-fold slots load when they come near the viewport
    wide_only: bool = False  # the rail exists only where there is room beside the story


SLOTS: Final[dict[str, AdSlot]] = {
    slot.name: slot
    for slot in (
        AdSlot(
            name="header",
            description="Above the headline, full width.",
            sizes=((320, 50), (320, 100), (728, 90), (970, 90), (970, 250)),
            min_height_narrow=100,
            min_height_wide=250,
            lazy=False,
        ),
        AdSlot(
            name="in_article",
            description="Inside the story, after paragraph N.",
            sizes=((300, 250), (336, 280)),
            min_height_narrow=280,
            min_height_wide=280,
            lazy=True,
        ),
        AdSlot(
            name="below_article",
            description="After the story, before the comments.",
            sizes=((300, 250), (728, 90), (970, 250)),
            min_height_narrow=250,
            min_height_wide=250,
            lazy=True,
        ),
        AdSlot(
            name="rail",
            description="Beside the story on wide screens.",
            sizes=((300, 250), (300, 600)),
            min_height_narrow=0,
            min_height_wide=600,
            lazy=True,
            wide_only=True,
        ),
    )
}


def slot(name: str) -> AdSlot:
    """Return the declared slot called `name`; a typo in a template fails loudly."""
    try:
        return SLOTS[name]
    except KeyError:
        raise KeyError(f"No ad slot named {name!r}; declared slots: {', '.join(SLOTS)}") from None
