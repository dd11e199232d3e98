"""A story as an importer hands it over: what every source format is reduced to before it is saved."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ImportRefused(ValueError):
    """Input an importer cannot take; the message names the item and says what is wrong."""

    def __init__(self, item: str, problem: str) -> None:
        self.item = item
        self.problem = problem
        super().__init__(f"{item}: {problem}")


@dataclass(frozen=True, kw_only=True)
class Story:
    """Fields kept from the source; `body_html` is untrusted until the content sanitiser has run."""

    headline: str
    body_html: str = ""
    bylines: tuple[str, ...] = ()  # people or organisations, as credited
    credit: str = ""  # the agency / provider when no person is named ("Northwind Press")
    dateline: str = ""  # "BEIJING"
    published_at: datetime | None = None  # naive means the site's time zone
    dek: str = ""
    lead_image_url: str = ""
    embargo_until: datetime | None = None
    urgency: int | None = None  # IPTC: 1 most urgent .. 9 least
    tags: tuple[str, ...] = ()
    section_name: str = ""
    paragraphs: tuple[str, ...] = field(default=(), compare=False)  # plain text, for review screens

    @property
    def credits(self) -> tuple[str, ...]:
        """The byline texts a draft gets: the people named, then the agency unless a byline names it."""
        if self.credit and not any(self.credit.casefold() in name.casefold() for name in self.bylines):
            return (*self.bylines, self.credit)
        return self.bylines
