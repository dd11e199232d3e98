"""IPTC NewsML-G2 news items -> wire items; parsed with DTDs and entities refused, no network access."""

from __future__ import annotations

from html import escape
from xml.etree.ElementTree import Element, ParseError, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from broadsheet.importers.items import (
    CANCELED,
    USABLE,
    WITHHELD,
    WireItem,
    dateline_city,
    parse_time,
    parse_urgency,
    strip_dateline,
)
from broadsheet.wire.story import ImportRefused, Story

G2 = "{http://iptc.org/std/nar/2006-10-01/}"
STATUSES = {"stat:usable": USABLE, "stat:canceled": CANCELED, "stat:withheld": WITHHELD}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _body(item: Element) -> str:
    inline = item.find(f"{G2}contentSet/{G2}inlineXML")
    if inline is not None:
        found = next((e for e in inline.iter() if _local(e.tag) == "body"), None)
        body = found if found is not None else inline
        for element in body.iter():
            element.tag = _local(element.tag)  # XHTML namespaces off: the sanitiser wants plain tags
        inner = (body.text or "") + "".join(tostring(child, encoding="unicode") for child in body)
        return inner.strip()
    data = item.find(f"{G2}contentSet/{G2}inlineData")
    if data is not None and data.text:
        paragraphs = [" ".join(p.split()) for p in data.text.split("\n\n") if p.strip()]
        return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return ""


def parse_newsml(data: bytes, *, source: str) -> list[WireItem]:
    """Return the news items of a NewsML-G2 document (a newsItem or a newsMessage of them)."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportRefused(source, f"the XML declares a DTD or entities, which are not accepted ({exc}).") from exc
    except ParseError as exc:
        raise ImportRefused(source, f"the XML is broken ({exc}).") from exc
    if _local(root.tag) == "newsItem":
        elements = [root]
    elif _local(root.tag) == "newsMessage":
        elements = list(root.iter(f"{G2}newsItem"))
    else:
        raise ImportRefused(source, f"<{_local(root.tag)}> is not a NewsML-G2 newsItem or newsMessage.")
    if not elements:
        raise ImportRefused(source, "the message holds no news items.")
    return [_item(element, source=source) for element in elements]


def _item(element: Element, *, source: str) -> WireItem:
    guid = element.get("guid", "").strip()
    item = f"{source} ({guid})" if guid else source
    if not guid:
        raise ImportRefused(source, "a newsItem has no guid, so it could not be matched to a later correction or kill.")
    meta = element.find(f"{G2}itemMeta")
    content = element.find(f"{G2}contentMeta")
    if meta is None or content is None:
        raise ImportRefused(item, "itemMeta and contentMeta are required.")
    pub_status = meta.find(f"{G2}pubStatus")
    qcode = pub_status.get("qcode", "") if pub_status is not None else "stat:usable"
    status = STATUSES.get(qcode)
    if status is None:
        raise ImportRefused(item, f"pubStatus “{qcode}” is not stat:usable, stat:withheld or stat:canceled.")
    headline = _text(content.find(f"{G2}headline"))
    if not headline and status == USABLE:
        raise ImportRefused(item, "the item has no headline.")
    dateline = _text(content.find(f"{G2}dateline"))
    city, agency = dateline_city(dateline) if dateline else (_text(content.find(f"{G2}located/{G2}name")), "")
    provider = meta.find(f"{G2}provider")
    credit = (
        _text(content.find(f"{G2}creditline"))
        or agency
        or (_text(provider.find(f"{G2}name")) or provider.get("literal", "") if provider is not None else "")
    )
    bylines = tuple(_text(by) for by in content.findall(f"{G2}by") if _text(by))
    subjects = tuple(_text(s.find(f"{G2}name")) for s in content.findall(f"{G2}subject") if _text(s.find(f"{G2}name")))
    urgency = parse_urgency(_text(content.find(f"{G2}urgency")), item=item)
    story = Story(
        headline=headline[:200],
        body_html=strip_dateline(_body(element), dateline),
        bylines=tuple(b[3:].strip() if b.lower().startswith("by ") else b for b in bylines),
        credit=credit,
        dateline=city,
        published_at=parse_time(
            _text(meta.find(f"{G2}firstCreated")) or _text(meta.find(f"{G2}versionCreated")),
            item=item,
            field="firstCreated",
        ),
        embargo_until=parse_time(_text(meta.find(f"{G2}embargoed")), item=item, field="embargoed"),
        dek=_text(content.find(f"{G2}description")),
        urgency=urgency,
        tags=subjects,
    )
    return WireItem(guid=guid, version=element.get("version", ""), status=status, story=story, urgency=urgency)
