"""The paste/upload corpus: samples written for this project with the fields an editor expects."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from broadsheet.importers.paste import extract_upload
from broadsheet.importers.webpage import extract_webpage

CORPUS = Path(__file__).parent / "corpus"
# Written after the parser was settled and scored before any change to it: the honest figure.
HELD_OUT = CORPUS / "heldout"
TODAY = date(2026, 2, 10)  # the year a "Feb 5" dateline belongs to
FIELDS = ("headline", "byline", "credit", "dateline", "date", "body")


@dataclass
class Sample:
    name: str
    data: bytes
    expected: dict[str, Any]


def samples(folder: Path = CORPUS) -> list[Sample]:
    expected_file = "heldout.json" if folder == HELD_OUT else "expected.json"
    expected = json.loads((folder / expected_file).read_text(encoding="utf-8"))
    return [Sample(name, (folder / name).read_bytes(), fields) for name, fields in sorted(expected.items())]


def score(sample: Sample, *, use_trafilatura: bool = False) -> dict[str, bool]:
    """Return, per field, whether the extraction matched what the sample expects."""
    if use_trafilatura:  # the web-page path, for comparison on the HTML samples
        story = extract_webpage(sample.data, source=sample.name, today=TODAY).story
    else:
        story = extract_upload(sample.data, filename=sample.name, today=TODAY).story
    want = sample.expected
    published = story.published_at
    got_date = None
    if published is not None:
        got_date = published.strftime("%Y-%m-%dT%H:%M") if "T" in (want["published"] or "") else str(published.date())
    body = " ".join(story.paragraphs)
    return {
        "headline": story.headline == want["headline"],
        "byline": list(story.bylines) == want["bylines"],
        "credit": story.credit == want["credit"],
        "dateline": story.dateline == want["dateline"],
        "date": got_date == want["published"],
        "body": len(story.paragraphs) == want["paragraphs"]
        and story.paragraphs[0].startswith(want["first"])
        and not any(word in body for word in want.get("absent", [])),
    }


def accuracy(folder: Path = CORPUS) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Return the share of samples right per field, and the samples wrong per field."""
    results = {sample.name: score(sample) for sample in samples(folder)}
    wrong = {field: [name for name, marks in results.items() if not marks[field]] for field in FIELDS}
    share = {field: 1 - len(wrong[field]) / len(results) for field in FIELDS}
    return share, wrong


def html_comparison() -> dict[str, tuple[int, int, int]]:
    """Return, per field, (right with the block extractor, right with trafilatura, HTML samples)."""
    html = [s for folder in (CORPUS, HELD_OUT) for s in samples(folder) if s.name.endswith(".html")]
    ours = [score(s) for s in html]
    theirs = [score(s, use_trafilatura=True) for s in html]
    return {f: (sum(m[f] for m in ours), sum(m[f] for m in theirs), len(html)) for f in FIELDS}
