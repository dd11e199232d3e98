"""Splits a sanitised article body into top-level blocks, so pages can set the dateline and ads."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

VOID = {"br", "hr", "img"}


class _BlockSplitter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self.depth = 0
        self.start = 0
        self.source = ""

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def feed_all(self, source: str) -> list[str]:
        self.source = source
        self._line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self._line_starts.append(index + 1)
        self.feed(source)
        self.close()
        tail = source[self.start :].strip()
        if tail:
            self.blocks.append(tail)
        return [block for block in self.blocks if block]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            loose = self.source[self.start : self._offset()].strip()
            if loose:  # text between blocks becomes its own paragraph
                self.blocks.append(f"<p>{loose}</p>")
            self.start = self._offset()
        if tag not in VOID:
            self.depth += 1
        elif self.depth == 0:
            end = self._offset() + len(self.get_starttag_text() or "")
            self.blocks.append(self.source[self.start : end])
            self.start = end

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0:
            end = self.source.index(">", self._offset()) + 1
            self.blocks.append(self.source[self.start : end].strip())
            self.start = end


def split_blocks(html: str) -> list[str]:
    """Return the body's top-level elements in order (paragraphs, headings, quotes, figures…)."""
    return _BlockSplitter().feed_all(html)


def with_dateline(blocks: list[str], dateline: str) -> list[str]:
    """Return the blocks with the dateline set before the first paragraph's text ("BEIJING –")."""
    if not dateline.strip():
        return blocks
    for index, block in enumerate(blocks):
        if block.startswith("<p>") or block.startswith("<p "):
            opening_end = block.index(">") + 1
            marked = f'<span class="dateline">{escape(dateline.strip().upper())} –</span> '
            return [*blocks[:index], block[:opening_end] + marked + block[opening_end:], *blocks[index + 1 :]]
    return blocks


def is_paragraph(block: str) -> bool:
    return block.startswith("<p>") or block.startswith("<p ")


def body_for_page(html: str, dateline: str, *, ad_after: int) -> list[tuple[str, bool]]:
    """Return (block, ad slot follows) pairs: the dateline set, the ad after paragraph `ad_after`."""
    pairs: list[tuple[str, bool]] = []
    paragraphs = 0
    blocks = with_dateline(split_blocks(html), dateline)
    for index, block in enumerate(blocks):
        paragraph = is_paragraph(block)
        paragraphs += paragraph
        # Never after the last block: the below-article slot follows there already.
        pairs.append((block, paragraph and paragraphs == ad_after and index < len(blocks) - 1))
    return pairs
