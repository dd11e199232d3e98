"""Pasted wire copy and scraped page text -> a story: headline, credit, dateline, date, body; furniture dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape

from broadsheet.importers.dates import day_month, find_date, is_only_a_date
from broadsheet.wire.story import ImportRefused, Story

# Lines that are page furniture wherever they appear: whole-line matches, case-insensitive.
FURNITURE = re.compile(
    r"""^(?:
        (?:toggle\s+|switch\s+to\s+)?(?:dark|light|night)\s*mode(?:\s*(?:on|off))?
      | (?:site\s+|company\s+|the\s+)?logo | \[?logo\]? | skip\s+to\s+(?:main\s+)?content | menu | search | close
      | (?:\[\s*)?(?:advertisement|advert|ad|ads|sponsored(?:\s+content)?|promoted(?:\s+content)?
        |paid\s+content)(?:\s*\])?
      | (?:story|article)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advert(?:isement)?)?
      | advertisement\s*[-–—:]\s*scroll\s+to\s+continue | ad\s+placeholder | \[\s*ad(?:vert(?:isement)?)?\s+[^\]]*\]
      | share(?:\s+this(?:\s+(?:article|story|page))?)?(?:\s+on\s+\w+)? | tweet | email | e-mail | print | copy\s+link
      | facebook | twitter | x | whatsapp | linkedin | reddit | telegram | pinterest | save | bookmark | listen
      | (?:\d+\s+)?comments?(?:\s*\(\d+\))? | comment\s*/\s*reply | (?:leave|post|add)\s+a\s+comment | show\s+comments
      | join\s+the\s+(?:conversation|discussion) | view\s+comments | reply
      | sign\s+in | log\s*in | register | subscribe(?:\s+now)? | sign\s+up(?:\s+for\s+(?:our|the)\s+newsletter)?
      | newsletters? | follow\s+us(?:\s+on\s+.*)? | all\s+rights\s+reserved\.? | ©.* | copyright\s+©?.*
      | back\s+to\s+top | (?:image|photo)\s*:?\s*(?:placeholder)? | loading\.{0,3} | read\s+more\.?
      | home | news | world | business | sport | sports | opinion | culture | politics | science | tech(?:nology)?
      | health | lifestyle | weather | video | podcasts? | latest | trending | most\s+read | live
    )$""",
    re.I | re.X,
)
# Picture captions and credits pasted with the text: "Photo: …", "Image: … (Agency)".
CAPTION = re.compile(r"^(?:photo|image|picture|illustration|video|graphic)s?\s*(?::|\||—|–|-)\s*\S", re.I)
# After the story has started, these headings open the page's tail (related links, footers).
TAIL = re.compile(
    r"^(?:related(?:\s+(?:stories|articles|coverage))?|more\s+(?:stories|from\s+.+)|most\s+read"
    r"|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like|read\s+next|trending\s+now)\s*:?$",
    re.I,
)
# A navigation bar pasted as one line: "Home | World | Business | Sport".
NAV_LINE = re.compile(r"^(?:[\w&'’ ]{1,20}\s*[|•·»/]\s*){2,}[\w&'’ ]{1,20}$")
# Wire slug / keyword lines ("BC-Economy-Rates", "URGENT") and end marks ("ENDS", "###").
WIRE_MARKS = re.compile(
    r"^(?:[A-Z]{2,}(?:-[A-Za-z0-9]+){2,}|urgent|flash|bulletin|ends|end|###|-+\s*\d*\s*-+|\+\+\+)$", re.I
)
BY = re.compile(r"^(?:written\s+)?by[:\s]\s*(?P<names>.+?)\s*$", re.I)
STAFF = re.compile(r"^(?P<credit>(?:[A-Z][\w.&'’-]*\s+){0,4}staff(?:\s+(?:reporters?|writers?))?)$", re.I)
CREDIT_ONLY = re.compile(r"^\((?P<credit>[A-Z][^()]{1,60})\)\s*[—–-]+\s*")
# The dateline: "BEIJING -", "NEW YORK (Northwind Press) —", "LISBON, Feb 5 (Agency) -", "Lisbon (Agency) —".
DATELINE = re.compile(
    r"""^(?P<city>
          [A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}(?:,\s+[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})?
        | [A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?=,?\s+[A-Z][a-z]{2,8}\.?\s+\d|\s+\()
        )
        (?:,\s+(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?
        (?:\s*\((?P<agency>[^()]{2,60})\))?
        \s*[—–-]{1,2}\s+(?=\S)""",
    re.X,
)
INVISIBLE = dict.fromkeys([0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD])
MAX_HEADLINE = 200


@dataclass
class Extraction:
    """The story found, and every line dropped as furniture (shown to the editor beside the original)."""

    story: Story
    dropped: list[str] = field(default_factory=list)


def clean_line(text: str) -> str:
    """Return `text` with invisible characters removed and runs of white space made one space."""
    text = unicodedata.normalize("NFC", text).translate(INVISIBLE)
    return re.sub(r"\s+", " ", text).strip()


def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def is_furniture(line: str) -> bool:
    """True for menus, mode toggles, logos, ad labels, share and comment widgets and the like."""
    bare = line.strip(" []()|•·-–—:")
    patterns = (FURNITURE.match(bare), FURNITURE.match(line), NAV_LINE.match(line), WIRE_MARKS.match(line))
    return any(patterns) or bool(CAPTION.match(line)) or not _key(line)


def blocks_from_text(text: str) -> list[str]:
    """Split pasted text into paragraphs: blank lines separate them; hard-wrapped lines are rejoined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text):
        lines = [clean_line(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        # Wire copy wraps paragraphs at ~70 columns: long lines followed by more text are one paragraph.
        wrapped = len(lines) > 1 and all(len(line) >= 45 and not is_furniture(line) for line in lines[:-1])
        if wrapped:
            blocks.append(" ".join(lines))
        else:
            blocks.extend(lines)
    return blocks


def _split_names(names: str) -> tuple[str, ...]:
    names = re.sub(r"\s*[|,;]\s*(?:\d{1,2}|updated|published).*$", "", names, flags=re.I)  # "By X | 5 Feb …"
    parts = re.split(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|,\s*)\s*", names)
    return tuple(part.strip(" .") for part in parts if part.strip(" ."))


def _byline(line: str) -> tuple[str, ...] | None:
    match = BY.match(line)
    if match and len(line) <= 120:
        return _split_names(match["names"])
    match = STAFF.match(line)
    if match:
        return (match["credit"],)
    return None


def _looks_like_headline(line: str) -> bool:
    return (3 <= len(line) <= MAX_HEADLINE and not line.endswith((".", ",", ";"))) or line.endswith("?")


def _dateline(paragraph: str, *, year: int) -> tuple[str, str, date | None, str] | None:
    """Return (city, agency, date, rest of paragraph) when the paragraph opens with a dateline."""
    match = DATELINE.match(paragraph)
    if match is None:
        return None
    city = match["city"].strip()
    if city.isupper() is False and not match["agency"] and not match["when"]:
        return None  # "Officials said - …" is prose, not a dateline
    when = day_month(match["when"], year=year) if match["when"] else None
    return city, (match["agency"] or "").strip(), when, paragraph[match.end() :]


def extract(
    blocks: Sequence[str],
    *,
    source: str = "pasted text",
    headline_hint: str = "",
    today: date | None = None,
) -> Extraction:
    """Return the story in `blocks` (paragraph texts in page order) and the furniture left out."""
    today = today or date.today()
    dropped: list[str] = []
    lines: list[str] = []
    for raw in blocks:
        line = clean_line(raw)
        if not line:
            continue
        if is_furniture(line) and not TAIL.match(line):  # a tail heading still ends the story below
            dropped.append(line)
        else:
            lines.append(line)
    if not lines:
        raise ImportRefused(source, "no story text was found (only page furniture or nothing at all).")

    headline = clean_line(headline_hint)
    bylines: tuple[str, ...] = ()
    credit = ""
    published: datetime | None = None
    body: list[str] = []
    seen: set[str] = set()
    in_tail = False

    for line in lines:
        key = _key(line)
        if in_tail:
            dropped.append(line)
            continue
        if not headline:
            if is_only_a_date(line) or TAIL.match(line):
                dropped.append(line)  # a date banner or a "Most read" box above the story
            elif _byline(line) is None and _looks_like_headline(line):
                headline = line
                seen.add(key)
            else:
                dropped.append(line)
            continue
        if key == _key(headline) or (key in seen and len(line) < 200):
            dropped.append(line)  # the headline again, a caption repeated, a pull quote
            continue
        names = _byline(line) if not body else None
        if names is not None:
            bylines = bylines or names
            found = find_date(line)
            if found and published is None:
                published = found[0]
            continue
        if is_only_a_date(line):
            if published is None and not body and not line.lower().startswith(("updated", "last updated")):
                published = find_date(line)[0]  # type: ignore[index]  # is_only_a_date found one
            else:
                dropped.append(line)
            continue
        if body and TAIL.match(line):
            in_tail = True
            dropped.append(line)
            continue
        seen.add(key)
        body.append(line)

    if not headline:
        raise ImportRefused(source, "no headline was found: put the headline on the first line.")
    if not body:
        raise ImportRefused(source, f"“{headline[:60]}” has a headline but no story text under it.")

    dateline = ""
    opening = CREDIT_ONLY.match(body[0])
    if opening:
        credit = opening["credit"].strip()
        body[0] = body[0][opening.end() :]
    else:
        found_dateline = _dateline(body[0], year=(published or today).year)
        if found_dateline is not None:
            dateline, credit, when, rest = found_dateline
            body[0] = rest
            if published is None and when is not None:
                published = datetime(when.year, when.month, when.day)
    body[0] = body[0][:1].upper() + body[0][1:]
    if len(bylines) == 1 and STAFF.match(bylines[0]) and not credit:
        credit = bylines[0]
    story = Story(
        headline=headline[:MAX_HEADLINE],
        body_html="".join(f"<p>{escape(paragraph)}</p>" for paragraph in body),
        bylines=bylines,
        credit=credit,
        dateline=dateline,
        published_at=published,
        paragraphs=tuple(body),
    )
    return Extraction(story=story, dropped=dropped)


def extract_text(text: str, *, source: str = "pasted text", today: date | None = None) -> Extraction:
    """Return the story in pasted plain text."""
    return extract(blocks_from_text(text), source=source, today=today)
