"""What the newsroom's paste/upload screen reads: pasted text, a .txt file or a saved .html page."""

from __future__ import annotations

from datetime import date

from broadsheet.conf.config import config
from broadsheet.importers.htmltext import blocks_from_html
from broadsheet.importers.wiretext import Extraction, extract, extract_text
from broadsheet.wire.story import ImportRefused

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")


def decode_text(data: bytes, *, source: str) -> str:
    """Return uploaded bytes as text: UTF-8 (with or without BOM); anything else is refused by name."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            source, f"the file is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 and try again."
        ) from exc


def check_size(size: int, *, source: str) -> None:
    limit = config().import_max_bytes
    if size > limit:
        raise ImportRefused(source, f"it is {size:,} bytes; the limit is {limit:,} bytes.")


def extract_upload(data: bytes, *, filename: str, today: date | None = None) -> Extraction:
    """Return the story in an uploaded .txt or .html file."""
    check_size(len(data), source=filename)
    lowered = filename.lower()
    if lowered.endswith(HTML_SUFFIXES):
        blocks, headline = blocks_from_html(data, source=filename)
        return extract(blocks, source=filename, headline_hint=headline, today=today)
    if lowered.endswith(TEXT_SUFFIXES):
        return extract_text(decode_text(data, source=filename), source=filename, today=today)
    raise ImportRefused(filename, "only .txt and .html files can be read here.")


def extract_pasted(text: str, *, today: date | None = None) -> Extraction:
    """Return the story in text pasted into the newsroom (HTML when it looks like a page)."""
    check_size(len(text.encode("utf-8")), source="pasted text")
    if text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        blocks, headline = blocks_from_html(text, source="pasted page")
        return extract(blocks, source="pasted page", headline_hint=headline, today=today)
    return extract_text(text, today=today)
