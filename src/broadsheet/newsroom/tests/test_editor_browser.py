"""An editor's round in a real browser: sign in, upload a photo, write and publish a story, then read it."""

from __future__ import annotations

import os
import re

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from broadsheet.content.models import Article, Status
from broadsheet.content.tests.factories import make_section
from broadsheet.reader.tests.browser import SCREENSHOTS

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

KICKER = "Infrastructure"
HEADLINE = "City opens the longest river crossing in its history"
DEK = "The bridge and its rail line cut the journey between the banks from an hour to ten minutes."
FIRST = "Officials opened the new river crossing on Tuesday after six years of work."
SECOND = "The bridge carries four lanes of traffic, a light-rail line and a cycle path."
SUBHEAD = "A long road to the opening"
THIRD = "The plan was first drawn up more than a decade ago, when ferry queues stretched for hours."
ALT = "A long cable-stayed bridge over a wide grey estuary at dusk"
CAPTION = "The new crossing seen from the northern bank on its opening day."
CREDIT = "Photo: Broadsheet Staff"


@pytest.fixture
def photo(tmp_path):
    """A JPEG on disk, as an editor would have it from a photographer: sky, water and a horizon."""
    width, height = 1280, 800
    picture = PILImage.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=(120 - y // 10, 170 - y // 10, 210 - y // 10))
    draw.rectangle([0, int(height * 0.7), width, height], fill=(40, 60, 70))
    draw.rectangle([0, int(height * 0.55), width, int(height * 0.58)], fill=(200, 200, 190))  # the deck
    path = tmp_path / "bridge.jpg"
    picture.save(path, format="JPEG", quality=85)
    return path


def choose(page, field: str, search: str, label: str) -> None:
    """Pick `label` in the admin's autocomplete (select2) widget for `field` by typing in its search box."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(search)
    page.locator(".select2-results__option", has_text=label).click()
    assert page.locator(f"#id_{field} + .select2 .select2-selection__rendered").inner_text().strip().endswith(label)


def watch(page, failures: list[str], served: set[str]) -> None:
    """Record script errors and failed static or media files in `failures`, file names served in `served`."""

    def answered(answer) -> None:
        if "/static/" not in answer.url and "/media/" not in answer.url:
            return
        if answer.status >= 400:
            failures.append(f"{answer.status} {answer.url}")
        else:
            served.add(answer.url.rsplit("/", 1)[-1])

    page.on("pageerror", lambda error: failures.append(f"script error: {error}"))
    page.on("response", answered)


def test_an_editor_publishes_a_story_that_readers_then_see(browser, live_server, settings, django_user_model, photo):
    # The default hasher takes seconds per password on a slow machine; signing in works the same.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_superuser("desk.editor", "desk@example.test", "river-crossing-2026")
    world = make_section("World")
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    failures: list[str] = []
    served: set[str] = set()
    watch(page, failures, served)

    # 1. Sign in through the form.
    page.goto("/newsroom/")
    page.wait_for_url("**/newsroom/login/**")
    page.get_by_label("Username").fill("desk.editor")
    page.get_by_label("Password").fill("river-crossing-2026")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name=re.compile("Today.s desk")).wait_for()

    # 2. Upload the lead photograph to the library.
    page.goto("/newsroom/media/image/add/")
    page.get_by_label("Image file").set_input_files(photo)
    page.get_by_label("Alt text").fill(ALT)
    page.get_by_label("Caption").fill(CAPTION)
    page.get_by_label("Credit").fill(CREDIT)
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator(".messagelist .success").wait_for()

    # 3. Write the story. The admin's own scripts must have loaded: select2, prepopulate, the editor.
    page.goto("/newsroom/content/article/add/")
    page.get_by_label("Kicker").fill(KICKER)
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Standfirst").fill(DEK)
    assert page.get_by_label("Slug").input_value() == "city-opens-the-longest-river-crossing-in-its-history"
    choose(page, "section", "Wor", "World")
    page.get_by_label("Dateline").fill("BEIJING")
    choose(page, "lead_image", "cable-stayed", ALT)
    page.locator("#id_bylines-0-credit").fill("The Example Times")

    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type(FIRST)
    page.keyboard.press("Enter")
    page.keyboard.type(SECOND)
    page.keyboard.press("Enter")
    page.locator(".prose-menubar__dropdown .prose-menubar__selected").click()  # the block type menu
    page.locator(".prose-menubar__option[data-name=heading2]").click()
    page.keyboard.type(SUBHEAD)
    page.keyboard.press("Enter")
    page.keyboard.type(THIRD)
    assert body.locator("h2").inner_text() == SUBHEAD
    assert body.locator("p").count() == 3

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "editor-newsroom-form.png"), full_page=True)
    page.get_by_role("button", name="Save and publish").click()
    page.locator(".messagelist .success", has_text="is now published").wait_for()
    assert failures == []
    # The admin's styles and scripts and the prose editor's came from the live server's static files.
    assert {"base.css", "forms.css", "select2.full.min.js", "autocomplete.js", "prepopulate.js"} <= served
    assert {"editor.js", "configurable.js", "editor.css", "material-icons.css"} <= served

    article = Article.objects.get(headline=HEADLINE)
    assert article.status == Status.PUBLISHED
    assert article.is_public
    assert article.section == world
    assert article.dateline == "BEIJING"
    assert [byline.credit for byline in article.bylines.all()] == ["The Example Times"]
    assert article.lead_image.alt_text == ALT
    assert f"<h2>{SUBHEAD}</h2>" in article.body
    context.close()

    # 4. A reader, in either colour scheme, on a phone and a desktop.
    pages = {"home": "/", "section": world.get_absolute_url(), "article": article.get_absolute_url()}
    for scheme in ("light", "dark"):
        reader = browser.new_context(base_url=live_server.url, color_scheme=scheme)
        reader.set_default_timeout(10_000)
        page = reader.new_page()
        watch(page, failures, served)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in pages.items():
                answer = page.goto(path)
                assert answer.status == 200, f"{path} answered {answer.status}"
                if name == "article":
                    check_article_page(page)
                else:
                    teaser = page.locator(f'a[href="{pages["article"]}"]', has_text=HEADLINE)
                    assert teaser.first.is_visible(), f"no link to the story on {path}"
                page.screenshot(path=str(SCREENSHOTS / f"editor-{name}-{width}-{scheme}.png"), full_page=True)
        reader.close()
    assert failures == []
    assert "site.css" in served


def check_article_page(page) -> None:
    assert page.locator("h1.story__headline").inner_text() == HEADLINE
    assert page.locator(".byline").inner_text() == "By The Example Times"
    first = page.locator(".story__body p").first.inner_text()
    assert first == f"BEIJING – {FIRST}"
    assert page.locator(".story__body h2").inner_text() == SUBHEAD

    lead = page.locator("figure.story__lead")
    image = lead.locator("img")
    assert image.get_attribute("alt") == ALT
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the lead photo did not load"
    # textContent, not innerText: the stylesheet sets the credit in capitals.
    caption = " ".join(lead.locator("figcaption").text_content().split())
    assert caption == f"{CAPTION} {CREDIT}"
    assert lead.locator("figcaption .credit").text_content() == CREDIT
