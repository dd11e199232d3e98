"""Readers' comments for the demo paper: invented names and words, written for this project."""

from __future__ import annotations

from dataclasses import dataclass

READERS: tuple[str, ...] = (
    "Hanna from Eastbank", "Tobias K.", "Priya Osei", "MarshRoadMike", "Delphine", "J. Okonkwo",
    "Old Quay Resident", "Ruth Ellery", "Sam Whitlow", "Kasia B.", "Farid", "Nell Tamsin",
    "Bridge Street Baker", "Owen Pryce", "Lucía M.", "Commuter of 20 Years", "Greta Holm", "Dev",
    "Ines Carvalho", "Tom the Ferryman", "Agnes W.", "Rafael", "Moira Dunn", "Ben Achterberg",
)  # fmt: skip

OPENERS: tuple[str, ...] = (
    "This is the kind of reporting the city needs. Thank you for staying with the story past the first press release.",
    "I was at the meeting last Tuesday and the mood in the room was very different from what the council statement suggests.",
    "Sensible decision, though I wish it had come two years earlier. A lot of families paid for the delay.",
    "Does anyone know whether this applies to the estuary towns as well, or only to the city itself?",
    "The numbers in the third paragraph surprised me. I had assumed it was much worse.",
    "My grandmother worked on that site in the sixties. Good to see it remembered properly.",
    "Every year we hear the same promise. I will believe it when I see the diggers arrive.",
    "Clear, fair piece. I appreciate that both the residents and the operator got to explain themselves.",
    "Small correction from someone who lives there: the footpath closed in March, not April.",
    "Can the Courier follow up in six months and tell us whether any of this actually happened?",
    "I disagree with the premise. The old arrangement worked for most people; it was only badly explained.",
    "As a nurse on the night shift, this change will make a real difference to how I get home.",
    "Worth reading alongside last month's piece on the harbour budget. The two are clearly connected.",
    "Genuinely good news for once. Well done to the volunteers who kept pushing for it.",
    "Who exactly was consulted? Nobody on our street received a letter.",
    "The photograph is lovely. Is there a larger version anywhere?",
)  # fmt: skip

REPLIES: tuple[str, ...] = (
    "Agreed. The follow-up questions at the end are exactly the right ones.",
    "It applies to both, according to the notice on the council website (section 4).",
    "I was there too and I would not go that far. People were frustrated, but it stayed civil.",
    "Fair point, but the delay was partly down to the funding round, not only the council.",
    "Our street got the letter in January. Maybe check with the ward office?",
    "Same experience here. The late buses alone will save me forty minutes a night.",
    "The article says March in the second half, so I think it has been updated already.",
    "Seconded. A six-month check would be really useful.",
    "I see it differently, but thanks for putting the case politely.",
    "The archive has a few of her colleagues' interviews, if you are interested. Ask at the library desk.",
    "That matches what the harbour master said at the open day.",
    "Nobody consulted us either. It seems to depend which side of the river you live on.",
)  # fmt: skip

HELD: tuple[str, ...] = (
    "First time commenting. I think the plan is fine but the consultation period is far too short for working people.",
    "Please look into the parking fines on the quay as well, they have doubled since the summer.",
    "I have questions about the contractor chosen for this. Who else bid?",
)  # fmt: skip


@dataclass(frozen=True)
class DemoThreads:
    """Which stories get which kind of discussion."""

    long_thread_slug_index: int = 0  # the newest public story gets a long, busy thread
    closed_index: int = 3  # a story whose comments are closed, with its discussion still visible
    premoderated_index: int = 1  # a pre-moderated story with comments waiting for a moderator
