"""A readable difference between two revisions: headline, standfirst, body paragraph by paragraph, bylines."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from typing import Any

from broadsheet.content.models import Author, Section, Tag
from broadsheet.media.models import Image

_BLOCK = re.compile(r"</(?:p|h[2-4]|li|blockquote|figure|figcaption)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Piece:
    """A run of words: kept ("same"), taken out ("removed") or put in ("added")."""

    kind: str
    text: str


@dataclass
class FieldDiff:
    label: str
    changed: bool
    rows: list[list[Piece]] = field(default_factory=list)  # one row per line or paragraph


def paragraphs(body: str) -> list[str]:
    """Return the body's paragraphs as plain text (tags dropped, entities decoded)."""
    parts = _BLOCK.split(body or "")
    texts = [html.unescape(_TAG.sub("", part)).strip() for part in parts]
    return [" ".join(text.split()) for text in texts if text.strip()]


def _words(old: str, new: str) -> list[Piece]:
    a, b = old.split(), new.split()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return pieces


def _lines(label: str, old: list[str], new: list[str]) -> FieldDiff:
    diff = FieldDiff(label, changed=old != new)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            diff.rows.extend([Piece("same", line)] for line in old[i1:i2])
        else:
            # Changed paragraphs are compared word by word, pairwise; any extra ones were added or removed.
            paired = min(i2 - i1, j2 - j1)
            diff.rows.extend(_words(x, y) for x, y in zip(old[i1 : i1 + paired], new[j1 : j1 + paired], strict=True))
            diff.rows.extend([Piece("removed", line)] for line in old[i1 + paired : i2])
            diff.rows.extend([Piece("added", line)] for line in new[j1 + paired : j2])
    return diff


def _byline_names(data: dict[str, Any]) -> list[str]:
    rows = data.get("bylines", [])
    authors = Author.objects.in_bulk([row["author_id"] for row in rows if row.get("author_id")])
    return [
        authors[row["author_id"]].name if row.get("author_id") in authors else row.get("credit", "") for row in rows
    ]


def _name(model: Any, pk: int | None) -> str:
    found = model.objects.filter(pk=pk).first() if pk else None
    return str(found) if found else "—"


def revision_diff(old: dict[str, Any], new: dict[str, Any]) -> list[FieldDiff]:
    """Compare two revisions' data, field by field, in the order an editor reads a story."""
    fields = [
        _lines("Headline", [old.get("headline", "")], [new.get("headline", "")]),
        _lines("Kicker", [old.get("kicker", "")], [new.get("kicker", "")]),
        _lines("Standfirst", [old.get("dek", "")], [new.get("dek", "")]),
        _lines("Bylines", _byline_names(old), _byline_names(new)),
        _lines("Dateline", [old.get("dateline", "")], [new.get("dateline", "")]),
        _lines("Body", paragraphs(old.get("body", "")), paragraphs(new.get("body", ""))),
        _lines("Section", [_name(Section, old.get("section_id"))], [_name(Section, new.get("section_id"))]),
        _lines("Lead image", [_name(Image, old.get("lead_image_id"))], [_name(Image, new.get("lead_image_id"))]),
        _lines(
            "Tags",
            [", ".join(str(t) for t in Tag.objects.filter(pk__in=old.get("tags", [])))],
            [", ".join(str(t) for t in Tag.objects.filter(pk__in=new.get("tags", [])))],
        ),
        _lines("Address", [old.get("slug", "")], [new.get("slug", "")]),
    ]
    return fields
