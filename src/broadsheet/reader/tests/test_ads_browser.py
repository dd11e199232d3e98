"""Ads in a real browser: no layout shift, lazy slots, isolated snippets, the consent gate, counting."""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from broadsheet.ads import services
from broadsheet.ads.models import AdKind, AdStat, AdUnit
from broadsheet.media.services import upload_image
from broadsheet.reader.tests.browser import SCREENSHOTS

pytestmark = pytest.mark.browser

CLS_OBSERVER = """
window.__cls = 0; window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__cls += entry.value;
    const nodes = entry.sources.map((s) => s.node && (s.node.className || s.node.nodeName));
    window.__shifts.push({value: entry.value, nodes: nodes});
  }
}).observe({type: "layout-shift", buffered: true});
"""

MALICIOUS = """<pre id="out">running</pre><script>
var r = {};
function done() { document.getElementById("out").textContent = JSON.stringify(r); }
try { r.cookie = document.cookie; } catch (e) { r.cookie = "blocked: " + e.name; }
try { r.parent = parent.document.body.innerHTML.length; } catch (e) { r.parent = "blocked: " + e.name; }
try { r.storage = localStorage.getItem("broadsheet-theme"); } catch (e) { r.storage = "blocked: " + e.name; }
try { top.location.href = "https://evil.example/"; r.top = "attempted"; } catch (e) { r.top = "blocked: " + e.name; }
fetch("/newsroom/", {credentials: "include"}).then(
  function (res) { return res.text().then(function (t) { r.fetch = "read " + t.length; done(); }); },
  function (e) { r.fetch = "blocked: " + e.name; done(); });
</script>"""


@dataclass(frozen=True)
class HouseAd:
    key: str
    name: str
    slots: tuple[str, ...]
    size: tuple[int, int]
    headline: str


HOUSE_ADS = (
    HouseAd("subscribe", "Subscription drive", ("header",), (970, 250), "Read the whole city. Subscribe"),
    HouseAd("newsletter", "Newsletter", ("in_article",), (336, 280), "The morning letter"),
    HouseAd("events", "Live talks", ("below_article",), (300, 250), "Reporters on stage"),
    HouseAd("archive", "Archive", ("rail",), (300, 600), "A century of front pages"),
)
SNIPPET_CODE = """<div style="width:300px;height:250px;background:#0e7490;color:#fff;font:700 22px sans-serif;
display:flex;align-items:center;justify-content:center">Ferry timetables</div>"""


def draw_ad(ad: HouseAd, *, dark: bool) -> PILImage.Image:
    """Original test artwork: the headline on a framed panel, in the light or the dark palette."""
    paper, ink, accent = (
        ((24, 24, 26), (236, 232, 222), (90, 170, 220)) if dark else ((255, 252, 244), (26, 28, 34), (30, 96, 140))
    )
    picture = PILImage.new("RGB", ad.size, paper)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, ad.size[0] - 1, ad.size[1] - 1), outline=accent, width=6)
    try:
        font = ImageFont.truetype("DejaVuSerif-Bold.ttf", max(18, ad.size[1] // 8))
    except OSError:
        font = ImageFont.load_default(size=max(18, ad.size[1] // 8))
    draw.text((ad.size[0] // 2, ad.size[1] // 2), ad.headline, font=font, fill=ink, anchor="mm")
    return picture


def house_unit(spec, *, slots=None, weight=1):
    images = {}
    for dark in (False, True):
        buffer = io.BytesIO()
        draw_ad(spec, dark=dark).save(buffer, format="PNG")
        images[dark] = upload_image(
            ContentFile(buffer.getvalue(), name=f"ad-{spec.key}{'-dark' if dark else ''}.png"),
            alt_text=spec.headline,
        )
    return services.create_unit(
        by=None, name=spec.name, kind=AdKind.HOUSE, slots=list(slots or spec.slots), weight=weight,
        image=images[False], dark_image=images[True], target_url=f"https://shop.example.test/{spec.key}",
    )  # fmt: skip


def artwork(name: str) -> dict[bool, str]:
    """The stored file stems of a house unit's light (False) and dark (True) artwork: uploads are
    renamed by the server, so a test finds them by the unit, never by the name it uploaded."""
    unit = AdUnit.objects.select_related("image", "dark_image").get(name=name)
    return {False: Path(unit.image.file.name).stem, True: Path(unit.dark_image.file.name).stem}


def snippet_unit(code, *, slots, width=300, height=250):
    return services.create_unit(
        by=None, name=f"Snippet {slots[0]}", kind=AdKind.SNIPPET, slots=list(slots), code=code,
        width=width, height=height,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _quiet_after(browser, open_page):
    # Close every page before the database is emptied, and let the server finish their requests.
    yield
    for context in browser.contexts:
        context.close()
    time.sleep(0.3)


@pytest.fixture
def ads_everywhere(paper):
    """A house ad in the header, in-article and rail slots, an isolated snippet below the story."""
    for spec in HOUSE_ADS:
        if spec.key != "events":
            house_unit(spec)
    snippet_unit(SNIPPET_CODE, slots=["below_article"])
    return paper


def open_quietly(open_page, path, **options):
    """A page whose impression beacons are answered by the browser: no database writes racing teardown."""
    page = open_page(None, **options)
    page.route("**/ads/seen/", lambda route: route.fulfill(status=204))
    if path:
        page.goto(path)
    return page


def ad_requests(page):
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def scroll_through(page, step=300):
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + step, step):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(120)


def wait_for_creatives(page, count):
    page.wait_for_function(
        """(count) => {
          const filled = document.querySelectorAll('.ad-slot--filled');
          if (filled.length < count) return false;
          const pictures = [...document.querySelectorAll('.ad-slot--filled img')];
          return pictures.every((img) => img.complete && img.naturalWidth);
        }""",
        arg=count,
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_cumulative_layout_shift_stays_below_0_01_while_ads_load(ads_everywhere, open_page, width):
    page = open_quietly(open_page, None, width=width)
    page.add_init_script(CLS_OBSERVER)
    page.goto(ads_everywhere.article)
    wait_for_creatives(page, 1)
    scroll_through(page)
    filled = 4 if width >= 1000 else 3  # the rail shows only on wide screens
    wait_for_creatives(page, filled)
    page.wait_for_timeout(500)
    cls = page.evaluate("window.__cls")
    print(f"CLS at {width}px with {filled} slots filled: {cls:.5f}", page.evaluate("window.__shifts"))
    assert cls < 0.01, page.evaluate("window.__shifts")
    # The control: the same observer does see a shift when something pushes the story down.
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate(
        "document.querySelector('.story').before(Object.assign(document.createElement('div'), {style: 'height:200px'}))"
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__cls") > cls + 0.01


def test_lazy_slots_are_not_requested_before_the_reader_scrolls_near_them(ads_everywhere, open_page):
    page = open_quietly(open_page, None, width=390)
    requests = ad_requests(page)
    page.goto(ads_everywhere.article)
    wait_for_creatives(page, 1)
    page.wait_for_timeout(800)
    header = artwork("Subscription drive")
    assert any(header[False] in url or header[True] in url for url in requests)  # the header loads at once
    assert not any("/ads/frame/" in url for url in requests)  # the snippet below the story waits
    far = page.evaluate(
        "document.querySelector('[data-ad-slot=below_article]').getBoundingClientRect().top - innerHeight"
    )
    assert far > 1000
    below = page.locator("[data-ad-slot=below_article]")
    below.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('[data-ad-slot=below_article] iframe')")
    page.wait_for_timeout(300)
    assert any("/ads/frame/" in url for url in requests)


def test_empty_slots_collapse_below_the_fold_and_keep_their_space_above_it(paper, open_page):
    house_unit(HOUSE_ADS[1])  # only the in-article slot has an ad
    page = open_quietly(open_page, paper.article, width=390)
    page.wait_for_function("() => document.querySelector('[data-ad-slot=below_article].ad-slot--empty')")
    header = page.locator("[data-ad-slot=header]")
    assert header.is_visible() and header.bounding_box()["height"] >= 100  # above the fold: no jump
    assert not page.locator("[data-ad-slot=below_article]").is_visible()
    page.locator("[data-ad-slot=in_article]").scroll_into_view_if_needed()
    page.locator("[data-ad-slot=in_article] .ad-house img").wait_for()


def test_a_malicious_isolated_creative_gets_nothing_from_the_site(paper, open_page, live_server):
    snippet_unit(MALICIOUS, slots=["header"], width=300, height=90)
    page = open_quietly(open_page, None, width=1280)
    page.context.add_cookies([{"name": "secret", "value": "reader-session-42", "url": live_server.url}])
    sent_cookies = []

    def watch(request):
        if request.url.endswith("/newsroom/"):
            sent_cookies.append(request.all_headers().get("cookie", ""))

    page.on("request", watch)
    page.goto(paper.article)
    page.evaluate("localStorage.setItem('broadsheet-theme', 'light')")
    out = page.frame_locator("[data-ad-slot=header] iframe").locator("#out")
    out.filter(has_text="fetch").wait_for()
    result = json.loads(out.inner_text())
    print("isolation results:", result, "cookies sent with the frame's fetch:", sent_cookies)
    assert result["cookie"].startswith("blocked")
    assert result["parent"].startswith("blocked")
    assert result["storage"].startswith("blocked")
    assert result["fetch"].startswith("blocked")
    page.wait_for_timeout(500)
    assert page.url.startswith(live_server.url)  # the top window was not navigated
    assert all("reader-session-42" not in header for header in sent_cookies)
    frame = page.locator("[data-ad-slot=header] iframe")
    assert frame.get_attribute("sandbox") == "allow-scripts allow-popups allow-popups-to-escape-sandbox"


def test_the_consent_gate_holds_third_party_code_until_the_reader_accepts(paper, open_page):
    services.save_ad_settings(consent_required=True, by=None)
    snippet_unit(SNIPPET_CODE, slots=["header"], width=300, height=90)
    house_unit(HOUSE_ADS[3])  # the rail: a house ad shows whatever the reader decides
    page = open_quietly(open_page, None, width=1280)
    requests = ad_requests(page)
    page.goto(paper.article)
    consent = page.get_by_role("region", name="Advertising choices")
    consent.wait_for()
    wait_for_creatives(page, 1)
    page.wait_for_timeout(500)
    assert page.locator("[data-ad-slot=rail] .ad-house img").is_visible()
    assert page.locator("iframe").count() == 0
    assert not any("/ads/frame/" in url for url in requests)

    consent.get_by_role("button", name="Accept").click()
    page.locator("[data-ad-slot=header] iframe").wait_for()
    assert any("/ads/frame/" in url for url in requests)
    assert page.evaluate("localStorage.getItem('broadsheet-ad-consent')") == "granted"

    page.reload()  # remembered: no question, the snippet loads at once
    page.locator("[data-ad-slot=header] iframe").wait_for()
    assert page.get_by_role("region", name="Advertising choices").count() == 0


def test_an_impression_counts_once_per_view_after_a_second_in_view(paper, open_page):
    unit = house_unit(HOUSE_ADS[0])
    page = open_page(paper.article, width=1280)
    wait_for_creatives(page, 1)

    def impressions():
        row = AdStat.objects.filter(unit=unit).first()
        return row.impressions if row else 0

    deadline = time.monotonic() + 5
    while impressions() < 1 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert impressions() == 1
    page.evaluate("window.scrollTo(0, 3000)")
    page.wait_for_timeout(300)
    page.evaluate("window.scrollTo(0, 0)")  # seen again in the same view: not counted again
    page.wait_for_timeout(1500)
    assert impressions() == 1
    page.reload()
    deadline = time.monotonic() + 5
    while impressions() < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert impressions() == 2


def test_a_click_on_a_house_ad_counts_and_reaches_its_link(paper, open_page):
    unit = house_unit(HOUSE_ADS[0])
    page = open_quietly(open_page, paper.article, width=1280)
    page.route("https://shop.example.test/**", lambda route: route.fulfill(status=200, body="shop"))
    wait_for_creatives(page, 1)
    page.locator("[data-ad-slot=header] a.ad-house").click()
    page.wait_for_url("https://shop.example.test/subscribe")
    assert AdStat.objects.get(unit=unit).clicks == 1


def test_screenshots_of_the_article_page_with_ads(ads_everywhere, open_page):
    """Full-page screenshots with every slot filled, light and dark, phone and desktop."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            page = open_quietly(open_page, ads_everywhere.article, width=width, scheme=scheme)
            scroll_through(page, step=400)
            wait_for_creatives(page, 4 if width >= 1000 else 3)
            page.wait_for_function("() => document.querySelector('[data-ad-slot=below_article] iframe')")
            page.evaluate("window.scrollTo(0, 0)")
            # A viewport as tall as the page rather than full_page=True: Chromium leaves the
            # sandboxed frame (drawn by another process) blank in stitched full-page captures.
            height = page.evaluate("document.documentElement.scrollHeight")
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(600)
            page.screenshot(path=SCREENSHOTS / f"ads-article-{scheme}-{width}.png")
            if scheme == "dark":
                assert artwork("Subscription drive")[True] in page.locator("[data-ad-slot=header] img").get_attribute(
                    "src"
                )


@pytest.mark.parametrize(("roll", "shown"), [(0.1, "light"), (0.3, "heavy"), (0.9, "heavy")])
def test_the_browser_picks_among_eligible_units_by_weight(paper, open_page, roll, shown):
    light = snippet_unit("<p>light</p>", slots=["header"], width=300, height=90)
    heavy = services.create_unit(
        by=None, name="heavy", kind=AdKind.SNIPPET, slots=["header"], code="<p>heavy</p>", width=300, height=90,
        weight=3,
    )  # fmt: skip
    page = open_quietly(open_page, None, width=1280)
    page.add_init_script(f"Math.random = () => {roll};")  # 1 + 3 = 4: rolls below 0.25 pick the light unit
    page.goto(paper.article)
    page.locator("[data-ad-slot=header] iframe").wait_for()
    expected = light if shown == "light" else heavy
    assert page.locator("[data-ad-slot=header]").get_attribute("data-ad-unit") == str(expected.pk)


def test_a_unit_marked_runs_in_page_runs_in_the_page_itself(paper, open_page):
    services.create_unit(
        by=None, name="Loader", kind=AdKind.SNIPPET, slots=["header"], width=300, height=90, runs_in_page=True,
        script_hosts=["ads.example.net"], code="<div id='loader'>loader</div><script>window.inPage = 1;</script>",
    )  # fmt: skip
    page = open_quietly(open_page, paper.article, width=1280)
    page.wait_for_function("() => window.inPage === 1")
    assert page.locator("[data-ad-slot=header] #loader").is_visible()
    assert page.locator("iframe").count() == 0
