"""The fictional paper, its sections and its staff writers."""

from __future__ import annotations

from dataclasses import dataclass

PUBLICATION_NAME = "The Merrowport Courier"
TAGLINE = "Independent news for the city and the estuary"
TIME_ZONE = "Europe/London"
LANGUAGE = "en-GB"


@dataclass(frozen=True, kw_only=True)
class SectionSpec:
    name: str
    slug: str
    order: int
    description: str


@dataclass(frozen=True, kw_only=True)
class AuthorSpec:
    name: str
    slug: str
    role: str
    bio: str
    colour: tuple[int, int, int]  # the drawn avatar's background


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        name="News",
        slug="news",
        order=10,
        description="Merrowport and the estuary towns: council, courts, transport and neighbourhoods.",
    ),
    SectionSpec(
        name="World",
        slug="world",
        order=20,
        description="Reports from our partner agencies around the globe.",
    ),
    SectionSpec(
        name="Business",
        slug="business",
        order=30,
        description="The port, the shipyards, the high street and the people who keep them running.",
    ),
    SectionSpec(
        name="Science",
        slug="science",
        order=40,
        description="Research from the university and the marine laboratory, explained.",
    ),
    SectionSpec(
        name="Culture",
        slug="culture",
        order=50,
        description="Theatre, music, books and galleries, reviewed without fear or favour.",
    ),
    SectionSpec(
        name="Sport",
        slug="sport",
        order=60,
        description="The Gulls, the Mariners, the regatta and everything in between.",
    ),
    SectionSpec(
        name="Opinion",
        slug="opinion",
        order=70,
        description="Columns and editorials. The views are the writers' own.",
    ),
)

AUTHORS: tuple[AuthorSpec, ...] = (
    AuthorSpec(
        name="Imogen Aldous",
        slug="imogen-aldous",
        role="City editor",
        bio=(
            "Imogen has covered Merrowport City Council for eleven years and has sat through more "
            "budget meetings than she cares to count. Before joining the Courier she reported on "
            "courts for a regional news agency."
        ),
        colour=(44, 82, 130),
    ),
    AuthorSpec(
        name="Tomasz Rennick",
        slug="tomasz-rennick",
        role="Business correspondent",
        bio=(
            "Tomasz writes about the port, the shipyards and the small firms of the Ropewalk. He "
            "trained as an accountant and still reads annual reports for pleasure."
        ),
        colour=(120, 72, 40),
    ),
    AuthorSpec(
        name="Priya Castellane",
        slug="priya-castellane",
        role="Science and environment correspondent",
        bio=(
            "Priya studied marine biology at the University of Merrowport before swapping the lab "
            "for the newsroom. She covers research, the estuary and the weather that shapes both."
        ),
        colour=(34, 110, 96),
    ),
    AuthorSpec(
        name="Daniel Osei-Marlow",
        slug="daniel-osei-marlow",
        role="Sport reporter",
        bio=(
            "Daniel follows Merrowport Athletic home and away and has not missed a regatta since "
            "he was nine. He also coaches an under-12s side on Sunday mornings."
        ),
        colour=(150, 40, 52),
    ),
    AuthorSpec(
        name="Harriet Quennell",
        slug="harriet-quennell",
        role="Arts critic",
        bio=(
            "Harriet reviews theatre, music and exhibitions across the estuary. She has written two "
            "books about the history of the Lantern Theatre."
        ),
        colour=(96, 60, 130),
    ),
    AuthorSpec(
        name="Marcus Thelby",
        slug="marcus-thelby",
        role="Columnist",
        bio=(
            "Marcus was a councillor for Fennick Hill for two terms and now watches the council from "
            "the other side of the table. His column appears on Fridays."
        ),
        colour=(70, 70, 78),
    ),
)

# Credits for stories from partner agencies and syndicated papers, all invented.
COASTAL = "Coastal Press Agency"
AGENCY = "Agency Staff"
MERIDIAN = "Meridian Wire"
EXAMPLE_TIMES = "The Example Times"
