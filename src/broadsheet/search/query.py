"""What a reader typed, parsed into words, quoted phrases and left-out words, or refused with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_QUERY_CHARS = 200
MAX_TERMS = 16  # more words than this are dropped: they narrow nothing and cost index work

# A quoted phrase, a word with a leading minus (left out), or any other run of text.
_PIECE = re.compile(r'"([^"]*)"?|(?<!\w)-(\w+)|([^\s"]+)')
_WORD = re.compile(r"\w+")


class QueryError(ValueError):
    """The search text cannot be searched; the message says why in the reader's terms."""


@dataclass(frozen=True)
class Query:
    """A search: every word and phrase must match, no left-out word may."""

    text: str
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def required(self) -> tuple[tuple[str, ...], ...]:
        """Return the words and phrases that must all match, each as a tuple of words."""
        return tuple((word,) for word in self.words) + self.phrases


def parse_query(text: str) -> Query:
    """Return the parsed search; raise QueryError with a reader-facing message when it cannot run.

    Only letters and digits reach a backend: quotes group words into a phrase and a leading
    minus leaves a word out; every other character (FTS5 or tsquery syntax included) is a
    separator, so no input can be an injection or a syntax error.
    """
    text = text.strip()
    if not text:
        raise QueryError("Type a word or two to search for.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"That search is {len(text)} characters long; please keep it under {MAX_QUERY_CHARS}.")
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    for phrase, minus, other in _PIECE.findall(text):
        if minus:
            excluded.append(minus.lower())
            continue
        found = tuple(word.lower() for word in _WORD.findall(phrase or other))
        if phrase and len(found) > 1:
            phrases.append(found)
        else:
            words.extend(found)
    if not words and not phrases:
        if excluded:
            raise QueryError("Add a word to look for, not only words to leave out (a leading - leaves a word out).")
        raise QueryError("Searches need letters or numbers; there are none in what you typed.")
    words = list(dict.fromkeys(words))[:MAX_TERMS]
    phrases = phrases[: max(0, MAX_TERMS - len(words))]
    return Query(text=text, words=tuple(words), phrases=tuple(phrases), excluded=tuple(dict.fromkeys(excluded)))
