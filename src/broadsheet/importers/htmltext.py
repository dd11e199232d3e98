"""A saved or scraped HTML page -> its text blocks in reading order, with scripts, forms and widgets gone."""

from __future__ import annotations

import re

from lxml import etree, html

from broadsheet.wire.story import ImportRefused

# Never text a reader would call the story, wherever they sit.
DROPPED_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
                "input", "textarea", "object", "embed", "canvas", "video", "audio", "nav", "aside",
                "footer")  # fmt: skip
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td", "th", "dt", "dd",
     "div", "section", "article", "main", "header", "address", "time", "ul", "ol", "table", "figure", "body"}
)  # fmt: skip
# class / id words that mark widgets: ad slots, share bars, comment boxes, menus, promos.
WIDGET = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert|advertisement|adslot|share|sharing|social|comments?|menu|nav|navbar|newsletter"
    r"|related|promo|sidebar|cookie|subscribe|paywall|breadcrumbs?|toolbar|masthead|topbar|theme-toggle)(?:$|[\s_-])",
    re.I,
)


def parse_html(markup: str | bytes, *, source: str) -> html.HtmlElement:
    """Return the parsed document; lxml's HTML parser reads no DTDs, entities or network resources."""
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, huge_tree=False)
    try:
        document = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ImportRefused(source, f"the HTML could not be read ({exc}).") from exc
    return document


def _is_widget(element: html.HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    if element.tag == "header" and element.getparent() is not None and element.getparent().tag in {"body", "div"}:
        return element.find(".//h1") is None  # the site's masthead, unless the story's headline sits in it
    return bool(WIDGET.search(names)) or element.get("aria-hidden") == "true" or element.get("hidden") is not None


def blocks_from_html(markup: str | bytes, *, source: str) -> tuple[list[str], str]:
    """Return (text blocks in reading order, the page's first <h1> text)."""
    document = parse_html(markup, source=source)
    for element in list(document.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in [e for e in document.iter() if isinstance(e.tag, str) and _is_widget(e)]:
        if element.getparent() is not None:
            element.drop_tree()
    h1 = document.find(".//h1")
    headline = " ".join(h1.text_content().split()) if h1 is not None else ""
    blocks: list[str] = []
    body = document.find("body")
    _walk(body if body is not None else document, blocks)
    return blocks, headline


def _walk(element: html.HtmlElement, blocks: list[str]) -> None:
    """Leaf blocks become one paragraph each; text loose inside a container becomes its own."""
    has_block_child = any(isinstance(child.tag, str) and child.tag in BLOCK_TAGS for child in element)
    if not has_block_child:
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
        return
    if element.text and element.text.strip():
        blocks.append(element.text.strip())
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag in BLOCK_TAGS:
            _walk(child, blocks)
        else:
            text = " ".join(child.text_content().split())
            if text:
                blocks.append(text)
        if child.tail and child.tail.strip():
            blocks.append(child.tail.strip())
