"""An offline HTTP-Observatory-style scan: Mozilla's published scoring rules applied to one response.

The rules are those of the HTTP Observatory's scoring methodology (tests, outcomes and modifiers:
every site starts at 100; bonuses count only when the score without them is 90 or more;
A+ from 100, A from 90, A- from 85, B+ 80, B 70, B- 65, C+ 60, C 50, C- 45, D+ 40, D 30, D- 25).
Preloading (HSTS preload list) needs the browsers' list and is never assumed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

GRADES = [
    (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"),
    (60, "C+"), (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F"),
]  # fmt: skip
SIX_MONTHS = 15_552_000
PRIVATE_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRERS = {"origin", "origin-when-cross-origin", "unsafe-url"}
SESSION_COOKIE_NAMES = re.compile(r"sess|sid|login|auth", re.IGNORECASE)
ANTI_CSRF_COOKIE_NAMES = re.compile(r"csrf|xsrf", re.IGNORECASE)


@dataclass
class Outcome:
    test: str
    result: str
    modifier: int


@dataclass
class Scan:
    outcomes: list[Outcome] = field(default_factory=list)

    def add(self, test: str, result: str, modifier: int) -> None:
        self.outcomes.append(Outcome(test, result, modifier))

    @property
    def score(self) -> int:
        penalties = sum(o.modifier for o in self.outcomes if o.modifier < 0)
        bonuses = sum(o.modifier for o in self.outcomes if o.modifier > 0)
        base = max(0, 100 + penalties)
        return base + bonuses if base >= 90 else base

    @property
    def grade(self) -> str:
        return next(grade for floor, grade in GRADES if self.score >= floor)

    def result(self, test: str) -> str:
        return next(o.result for o in self.outcomes if o.test == test)


@dataclass
class Response:
    """What a scanner sees: status, headers (lower-case names), Set-Cookie lines and the body."""

    status: int
    headers: dict[str, str]
    set_cookies: list[str]
    body: str
    url: str


def scan(page: Response, *, http_redirect: Response | None, cors_probe: Response | None = None) -> Scan:
    """Score one HTTPS page; `http_redirect` is the answer to the same address over plain HTTP."""
    result = Scan()
    _csp(result, page.headers.get("content-security-policy"))
    _cookies(result, page.set_cookies)
    _cors(result, cors_probe or page)
    _redirection(result, http_redirect, page.url)
    _referrer(result, page.headers.get("referrer-policy"))
    _hsts(result, page.headers.get("strict-transport-security"))
    _sri(result, page)
    nosniff = page.headers.get("x-content-type-options", "").strip().lower() == "nosniff"
    result.add("x-content-type-options", "nosniff" if nosniff else "not-implemented", 0 if nosniff else -5)
    _framing(result, page.headers)
    corp = page.headers.get("cross-origin-resource-policy", "").strip().lower()
    if corp in {"same-site", "same-origin", "cross-origin"}:
        result.add("cross-origin-resource-policy", f"implemented-with-{corp}", 0)
    else:
        result.add("cross-origin-resource-policy", "not-implemented" if not corp else "header-invalid", -5 * bool(corp))
    return result


def parse_csp(header: str) -> dict[str, list[str]] | None:
    """Return directive -> sources, or None when the header cannot be parsed."""
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.strip().split()
        if not words:
            continue
        name = words[0].lower()
        if not re.fullmatch(r"[a-z-]+", name) or name in directives:
            return None
        directives[name] = [_keyword(w) for w in words[1:]]
    return directives or None


def _keyword(source: str) -> str:
    # Keywords are case-insensitive; nonces and hashes are not.
    if source.lower().startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")):
        return source[: source.index("-")].lower() + source[source.index("-") :]
    return source.lower() if source.startswith("'") else source


def _csp(result: Scan, header: str | None) -> None:
    test = "content-security-policy"
    if not header:
        result.add(test, "csp-not-implemented", -25)
        return
    policy = parse_csp(header)
    if policy is None:
        result.add(test, "csp-header-invalid", -25)
        return
    default = policy.get("default-src")
    script, obj = policy.get("script-src", default), policy.get("object-src", default)
    style = policy.get("style-src", default)
    broad = {"*", "https:", "http:", "data:", "'unsafe-inline'"}
    if script is None or obj is None or broad & set(script) or {"*", "https:", "http:", "data:"} & set(obj):
        result.add(test, "csp-implemented-with-unsafe-inline", -20)
        return
    active = [s for name, sources in policy.items() if name not in {"img-src", "media-src"} for s in sources]
    if any(s.startswith("http:") for s in active):
        result.add(test, "csp-implemented-with-insecure-scheme", -20)
        return
    if "'unsafe-eval'" in script:
        result.add(test, "csp-implemented-with-unsafe-eval", -10)
        return
    passive = policy.get("img-src", []) + policy.get("media-src", [])
    if any(s.startswith("http:") for s in passive):
        result.add(test, "csp-implemented-with-insecure-scheme-in-passive-content-only", -10)
        return
    if style is not None and broad & set(style):
        result.add(test, "csp-implemented-with-unsafe-inline-in-style-src-only", 0)
        return
    if default == ["'none'"]:
        result.add(test, "csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        result.add(test, "csp-implemented-with-no-unsafe", 5)


def _cookies(result: Scan, set_cookies: list[str]) -> None:
    test = "cookies"
    if not set_cookies:
        result.add(test, "cookies-not-found", 0)
        return
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for line in set_cookies:
        name = line.split("=", 1)[0].strip()
        attributes = {a.strip().split("=", 1)[0].lower(): a.strip() for a in line.split(";")[1:]}
        samesite = attributes.get("samesite", "").split("=", 1)[-1].lower() if "samesite" in attributes else ""
        session, anti_csrf = bool(SESSION_COOKIE_NAMES.search(name)), bool(ANTI_CSRF_COOKIE_NAMES.search(name))
        if session and "secure" not in attributes:
            candidate = ("cookies-session-without-secure-flag", -40)
        elif session and "httponly" not in attributes:
            candidate = ("cookies-session-without-httponly-flag", -30)
        elif anti_csrf and not samesite:
            candidate = ("cookies-anticsrf-without-samesite-flag", -20)
        elif samesite and samesite not in {"strict", "lax", "none"}:
            candidate = ("cookies-samesite-flag-invalid", -20)
        elif "secure" not in attributes:
            candidate = ("cookies-without-secure-flag", -20)
        elif not samesite:
            candidate = ("cookies-secure-with-httponly-sessions", 0)
        else:
            continue
        worst = min(worst, candidate, key=lambda outcome: outcome[1])
    result.add(test, *worst)


def _cors(result: Scan, probe: Response) -> None:
    origin = probe.headers.get("access-control-allow-origin", "")
    credentials = probe.headers.get("access-control-allow-credentials", "").lower() == "true"
    if not origin:
        result.add("cors", "cross-origin-resource-sharing-not-implemented", 0)
    elif origin != "*" and credentials and urlsplit(origin).hostname != urlsplit(probe.url).hostname:
        result.add("cors", "cross-origin-resource-sharing-implemented-with-universal-access", -50)
    else:
        result.add("cors", "cross-origin-resource-sharing-implemented-with-public-access", 0)


def _redirection(result: Scan, http: Response | None, https_url: str) -> None:
    test = "redirection"
    if http is None or http.status not in (301, 302, 307, 308):
        result.add(test, "redirection-missing", -20)
        return
    target = urlsplit(http.headers.get("location", ""))
    if target.scheme != "https":
        result.add(test, "redirection-not-to-https", -20)
    elif target.hostname != urlsplit(https_url).hostname:
        result.add(test, "redirection-off-host-from-http", -5)
    else:
        result.add(test, "redirection-to-https", 0)


def _referrer(result: Scan, header: str | None) -> None:
    test = "referrer-policy"
    if not header:
        result.add(test, "referrer-policy-not-implemented", 0)
        return
    # Browsers use the last policy they understand.
    policies = [p.strip().lower() for p in header.split(",") if p.strip()]
    known = PRIVATE_REFERRERS | UNSAFE_REFERRERS | {"no-referrer-when-downgrade"}
    chosen = next((p for p in reversed(policies) if p in known), None)
    if chosen is None:
        result.add(test, "referrer-policy-header-invalid", -5)
    elif chosen in PRIVATE_REFERRERS:
        result.add(test, "referrer-policy-private", 5)
    elif chosen in UNSAFE_REFERRERS:
        result.add(test, "referrer-policy-unsafe", -5)
    else:
        result.add(test, "referrer-policy-no-referrer-when-downgrade", 0)


def _hsts(result: Scan, header: str | None) -> None:
    test = "strict-transport-security"
    if not header:
        result.add(test, "hsts-not-implemented", -20)
        return
    match = re.search(r"(?:^|;)\s*max-age=\"?(\d+)\"?\s*(?:;|$)", header, re.IGNORECASE)
    if match is None:
        result.add(test, "hsts-header-invalid", -20)
    elif int(match.group(1)) >= SIX_MONTHS:
        result.add(test, "hsts-implemented-max-age-at-least-six-months", 0)
    else:
        result.add(test, "hsts-implemented-max-age-less-than-six-months", -10)


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and dict(attrs).get("src"):
            self.scripts.append(dict(attrs))


def _sri(result: Scan, page: Response) -> None:
    test = "subresource-integrity"
    if "html" not in page.headers.get("content-type", ""):
        result.add(test, "sri-not-implemented-response-not-html", 0)
        return
    parser = _Scripts()
    parser.feed(page.body)
    if not parser.scripts:
        result.add(test, "sri-not-implemented-but-no-scripts-loaded", 0)
        return
    host = urlsplit(page.url).hostname
    external = [s for s in parser.scripts if urlsplit(s["src"] or "").hostname not in (None, host)]
    insecure = [s for s in external if not (s["src"] or "").startswith(("https:", "//"))]
    with_integrity = [s for s in external if s.get("integrity")]
    if not external:
        result.add(test, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)
    elif insecure:
        result.add(test, "sri-not-implemented-and-external-scripts-not-loaded-securely", -50)
    elif len(with_integrity) == len(external):
        result.add(test, "sri-implemented-and-external-scripts-loaded-securely", 5)
    else:
        result.add(test, "sri-not-implemented-but-external-scripts-loaded-securely", -5)


def _framing(result: Scan, headers: dict[str, str]) -> None:
    test = "x-frame-options"
    policy = parse_csp(headers.get("content-security-policy", "")) or {}
    if "frame-ancestors" in policy:
        result.add(test, "x-frame-options-implemented-via-csp", 5)
        return
    value = headers.get("x-frame-options", "").strip().lower()
    if value in {"deny", "sameorigin"}:
        result.add(test, "x-frame-options-sameorigin-or-deny", 0)
    elif not value:
        result.add(test, "x-frame-options-not-implemented", -20)
    else:
        result.add(test, "x-frame-options-header-invalid", -20)
