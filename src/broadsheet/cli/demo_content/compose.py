"""Turns a story's own paragraphs and its topic's background bank into article body HTML."""

from __future__ import annotations

import random
import re
from html import escape

from broadsheet.cli.demo_content.banks import BOXES, PARAGRAPHS, SUBHEADS, Box
from broadsheet.cli.demo_content.stories import Story

MAX_WORDS = 1500
_TAG = re.compile(r"<[^>]+>")
# Long reads are filled out with background about the city itself; shorter stories keep to
# their own topic, so a regatta report does not wander off into the weather.
LONG_READ_WORDS = 900


def word_count(html: str) -> int:
    """Return how many words a reader sees in `html`."""
    return len(_TAG.sub(" ", html).split())


def _paragraph(text: str) -> str:
    # "### " marks a story's own small sub-head, as in a letters page.
    if text.startswith("### "):
        return f"<h3>{text[4:]}</h3>"
    return f"<p>{text}</p>"


def _box(box: Box) -> str:
    tag = "ol" if box.is_ordered else "ul"
    items = "".join(f"<li>{item}</li>" for item in box.items)
    return f"<h2>{escape(box.heading)}</h2><{tag}>{items}</{tag}>"


def build_body(story: Story) -> str:
    """Return the story's body: its own copy, its quote and list, then background to its length.

    A random generator seeded with the slug picks the background, so every load of the demo
    writes the same words for the same story.
    """
    rng = random.Random(story.slug)
    topic = story.topic or story.section
    blocks = [_paragraph(text) for text in story.paragraphs]
    if story.quote:
        text, who = story.quote
        quote = f"<blockquote><p>“{text}”</p><p>— {who}</p></blockquote>"
        blocks.insert(min(2, len(blocks)), quote)
    if story.facts:
        blocks.append(_box(Box(heading=story.facts_heading, items=story.facts)))

    pool = list(PARAGRAPHS[topic])
    rng.shuffle(pool)
    if story.words >= LONG_READ_WORDS:
        city = list(PARAGRAPHS["city"])
        rng.shuffle(city)
        pool += city
    subheads = list(SUBHEADS.get(topic, ()))
    rng.shuffle(subheads)
    box = BOXES.get(topic) if not story.facts else None

    count = word_count("".join(blocks))
    since_heading = len(blocks)
    for text in pool:
        if count >= story.words:
            break
        addition = ""
        if count >= 200 and since_heading >= 3:
            if box is not None and count >= 450:
                addition, box = _box(box), None
            elif subheads:
                addition = f"<h2>{escape(subheads.pop())}</h2>"
            since_heading = 0
        addition += _paragraph(text)
        if count + word_count(addition) > MAX_WORDS:
            continue
        blocks.append(addition)
        count += word_count(addition)
        since_heading += 1
    return "".join(blocks)
