"""Hostile strings for the comment XSS tests: each one, if it ever ran, would call a recorded canary.

Every payload carries its own number, so a canary call names the string that got through.
The calls rotate between `__xss(n)` and the dialogs (`alert`, `confirm`, `prompt`) that the
browser test overrides with recorders; some reach them indirectly (`top.`, `eval`, string
concatenation) the way real attacks dodge naive filters.
"""

from __future__ import annotations

import base64
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

# How a payload reaches the canary; `{n}` becomes the payload's number.
CALLS = (
    "__xss({n})",
    "alert({n})",
    "confirm({n})",
    "prompt({n})",
    "top.__xss({n})",
    "window['al'+'ert']({n})",
    "eval('__xss({n})')",
    "self['con'+'firm']({n})",
)

ELEMENTS = (
    "img src=x",
    "image src=x",
    "svg",
    "body",
    "iframe",
    "video src=x",
    "audio src=x",
    "source src=x",
    "details open",
    "input autofocus",
    "select autofocus",
    "textarea autofocus",
    "marquee",
    "div",
    "a href=#",
    "button",
    "form",
    "object data=x",
    "embed src=x",
    "style",
    "link rel=stylesheet href=x",
    "track src=x",
    "table background=x",
    "frameset",
    "math",
    "keygen autofocus",
    "isindex",
    "xss",
)
EVENTS = (
    "onerror",
    "onload",
    "onmouseover",
    "onfocus",
    "onclick",
    "ontoggle",
    "onanimationstart",
    "onpointerenter",
    "onbegin",
    "onpageshow",
    "onfocusin",
    "onauxclick",
    "onbeforetoggle",
    "onmouseenter",
)

# Script tags in the spellings that have fooled filters: case, whitespace, broken and nested tags.
SCRIPTS = (
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<ScRiPt>{js}</sCrIpT>",
    "<script >{js}</script >",
    "<script\t>{js}</script>",
    "<script\n>{js}</script>",
    "<script/xss>{js}</script>",
    '<script type="text/javascript">{js}</script>',
    '<script type="module">{js}</script>',
    "<script>{js}//",
    "<scr<script>ipt>{js}</scr</script>ipt>",
    "<<script>{js};//<</script>",
    "<script\x00>{js}</script>",
    "<scr\x00ipt>{js}</scr\x00ipt>",
    "</script><script>{js}</script>",
    "<script src=data:,{js}></script>",
    "<script>/*</script>*/{js}</script>",
    "<!--<script>{js}</script>-->",
    "<![CDATA[<script>{js}</script>]]>",
    '<noscript><p title="</noscript><script>{js}</script>">',
    "<textarea></textarea><script>{js}</script>",
    "<title></title><script>{js}</script>",
    "<style></style><script>{js}</script>",
    "&lt;script&gt;{js}&lt;/script&gt;",
    "&#60;script&#62;{js}&#60;/script&#62;",
    "%3Cscript%3E{js}%3C/script%3E",
    "\\u003cscript\\u003e{js}\\u003c/script\\u003e",
    "\\x3cscript\\x3e{js}\\x3c/script\\x3e",
    "＜script＞{js}＜/script＞",  # full-width brackets some normalisers fold to ASCII
    "<svg><script>{js}</script></svg>",
    "<svg><script href=data:,{js} />",
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><set attributeName=onmouseover to={js}>",
    '<svg><a xlink:href="javascript:{js}"><text x=20 y=20>XSS</text></a></svg>',
    '<svg><foreignObject><iframe srcdoc="<script>parent.{js}</script>"></iframe></foreignObject></svg>',
    '<math href="javascript:{js}">CLICK</math>',
    '<math><maction actiontype="statusline" xlink:href="javascript:{js}">X</maction></math>',
    '<iframe srcdoc="&lt;script&gt;parent.{js}&lt;/script&gt;"></iframe>',
    '<object data="data:text/html,<script>parent.{js}</script>"></object>',
    '<embed src="data:text/html,<script>parent.{js}</script>">',
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<base href="javascript:{js}//">',
    '<link rel="import" href="data:text/html,<script>{js}</script>">',
    '<form><button formaction="javascript:{js}">go</button></form>',
    '<isindex action="javascript:{js}" type=image>',
    '<div style="width:expression({js})">',
    '<div style="background:url(javascript:{js})">',
    "<style>@import 'javascript:{js}';</style>",
    '<style>*{{background:url("javascript:{js}")}}</style>',
    '<div style="behavior:url(xss.htc)" onmouseover="{js}">',
    "<style>@keyframes x{{}}</style><div style=animation-name:x onanimationstart={js}>",
    '<img src=x onerror="{js}">',
    "<img src=x onerror='{js}'>",
    "<img src=x onerror=`{js}`>",
    "<img src=x onerror={js}//",
    "<img/src=x/onerror={js}>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    '<img src="x"onerror="{js}">',
    "<IMG SRC=x ONERROR={js}>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;1&#41;>",
    "<img src=x onerror=\\u0061lert(1)>",
    '<img src="javascript:{js}">',
    "<body onload={js}>",
    "<details open ontoggle={js}>",
    "<input onfocus={js} autofocus>",
    "<video><source onerror={js}>",
    '<a href="javascript:{js}">click me</a>',
    "<a href=javascript&colon;{js}>x</a>",
    '<a href="jav&#x09;ascript:{js}">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;{js}">x</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:{js}">x</a>',
    '<a href="%6A%61%76%61%73%63%72%69%70%74:{js}">x</a>',
    '<a href="\\u006Aavascript:{js}">x</a>',
    '<a href=" javascript:{js}">x</a>',
    '<a href="java\nscript:{js}">x</a>',
    '<a href="vbscript:msgbox({n})">x</a>',
    '<a href="data:text/html;base64,{b64}">x</a>',
    '<a href="data:text/html,<script>{js}</script>">x</a>',
    "[click](javascript:{js})",
    "[click](data:text/html;base64,{b64})",
    '![img](x" onerror="{js})',
    "javascript:{js}",
    "JaVaScRiPt:{js}",
    "vbscript:msgbox({n})",
    "data:text/html;base64,{b64}",
    'https://example.test/"onmouseover="{js}"',
    "https://example.test/'onmouseover='{js}'",
    "https://example.test/`onmouseover=`{js}",
    "https://example.test/<script>{js}</script>",
    'http://example.test/?q="><img src=x onerror={js}>',
    'http://example.test/#"><svg onload={js}>',
    "https://example.test/&quot;onmouseover=&quot;{js}",
    'https://example.test/a&amp;b="onfocus="{js}"autofocus="',
    "http://javascript:{js}@example.test/",
    'x" onmouseover="{js}" y="',
    "x' onmouseover='{js}' y='",
    "x` onmouseover=`{js}` y=`",
    '"><img src=x onerror={js}>',
    "'><img src=x onerror={js}>",
    '"/><svg onload={js}>',
    "</textarea><script>{js}</script>",
    "</title><script>{js}</script>",
    "--><script>{js}</script>",
    "]]><script>{js}</script>",
    "';{js};//",
    '";{js};//',
    "\\';{js};//",
    "</script><svg onload={js}>",
    "{{{{constructor.constructor('{js}')()}}}}",
    "{{{{7*7}}}} {js}",
    "{{% debug %}} {js}",
    "{{% load static %}}{{% include '/etc/passwd' %}} {js}",
    "${{7*7}} #{{7*7}} <%= 7*7 %> {js}",
    "{{{{ request.META }}}} {{{{ settings.SECRET_KEY }}}} {js}",
    "<p>broken <b>markup <i>nested</b> <img src=x onerror={js}",
    "<<img src=x onerror={js}>>",
    '<div><div><div><span title="</span><img src=x onerror={js}>">',
    "<a href=x title='<img src=x onerror={js}>'>",
    "<!-- <img src=x onerror={js}> -->",
    '<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">{js}</x:script>',
    "<template><img src=x onerror={js}></template>",
    "<xmp><script>{js}</script></xmp>",
    "<plaintext><script>{js}</script>",
    '<iframe src="javascript:{js}"></iframe>',
    '<frameset><frame src="javascript:{js}"></frameset>',
    '<object data="javascript:{js}"></object>',
    "<marquee onstart={js}>x</marquee>",
    "<x contenteditable onfocus={js} autofocus>",
    "<button popovertarget=x>x</button><div popover id=x onbeforetoggle={js}>",
)

# Wrappers that disguise a payload further: reversing text, zero-width and 4-byte characters,
# a stray null byte, and the breakouts that close an attribute or an element first.
WRAPPERS: tuple[Callable[[str], str], ...] = (
    lambda s: s,
    lambda s: '">' + s,
    lambda s: "'>" + s,
    lambda s: "`>" + s,
    lambda s: "</p>" + s,
    lambda s: "\u202e" + s + "\u202c",  # right-to-left override
    lambda s: "😀🦄𝒳 " + s + " 👩‍👩‍👧‍👦",
    lambda s: s.replace("<", "<\u200b", 1),  # zero-width space after the first bracket
    lambda s: s + "\x00",
    lambda s: re.sub(r"</?[a-z]+", lambda tag: tag.group(0).upper(), s),  # SCRIPT, IMG, SVG
    lambda s: "Z\u0351\u0358\u0364a\u0306\u0317l\u0359go " + s,  # combining marks
    lambda s: "\r\n\r\n" + s + "\r\n\r\n",
)


@dataclass(frozen=True)
class Payload:
    number: int
    text: str


def _b64_page(js: str) -> str:
    return base64.b64encode(f"<script>parent.{js}</script>".encode()).decode()


def _element_events(n: Iterator[int]) -> Iterator[Payload]:
    """An event handler on every common element, each with its own canary number."""
    for element, event in itertools.product(ELEMENTS, EVENTS):
        number = next(n)
        js = CALLS[number % len(CALLS)].format(n=number)
        yield Payload(number, f"<{element} {event}={js}>")


def _scripts(n: Iterator[int]) -> Iterator[Payload]:
    for template, wrap in itertools.product(SCRIPTS, WRAPPERS[:3]):
        number = next(n)
        js = CALLS[number % len(CALLS)].format(n=number)
        yield Payload(number, wrap(template.format(js=js, n=number, b64=_b64_page(js))))


def _disguised(n: Iterator[int]) -> Iterator[Payload]:
    """The first few script spellings under every wrapper, including the percent-encoded form."""
    for template, wrap in itertools.product(SCRIPTS[::7], WRAPPERS[5:]):
        number = next(n)
        js = CALLS[number % len(CALLS)].format(n=number)
        yield Payload(number, wrap(template.format(js=js, n=number, b64=_b64_page(js))))
    for template in SCRIPTS[::11]:
        number = next(n)
        js = CALLS[number % len(CALLS)].format(n=number)
        yield Payload(number, quote(template.format(js=js, n=number, b64=_b64_page(js)), safe=""))


def _long(n: Iterator[int]) -> Iterator[Payload]:
    """Strings near the body limit (5,000 characters), so truncation never cuts a tag in half usefully."""
    for unit in ("<script>__xss({n})</script>", "𝒳😀<img src=x onerror=__xss({n})>", "A" * 50 + "\u202e"):
        number = next(n)
        text = unit.format(n=number)
        yield Payload(number, (text * (4900 // len(text) + 1))[:4900])


def build_corpus() -> list[Payload]:
    """Return the hostile strings, distinct, each numbered for its canary calls (over 500)."""
    counter = itertools.count(1)
    seen: set[str] = set()
    corpus = []
    for payload in itertools.chain(_scripts(counter), _element_events(counter), _disguised(counter), _long(counter)):
        if payload.text not in seen and payload.text.strip("\x00 \r\n"):
            seen.add(payload.text)
            corpus.append(payload)
    return corpus


CORPUS = build_corpus()
