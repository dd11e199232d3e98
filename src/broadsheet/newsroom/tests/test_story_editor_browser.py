"""The story editor's comforts in a real browser: room to write, spell check on, a menu arrow that draws."""

from __future__ import annotations

import os
import re

import pytest

from broadsheet.content.tests.factories import make_section
from broadsheet.reader.tests.browser import SCREENSHOTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser

BODY = ".field-body .ProseMirror[contenteditable=true]"


@pytest.fixture
def editor_page(browser, live_server, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_superuser("desk.editor", "desk@example.test", "river-crossing-2026")
    make_section("World")
    contexts = []

    def open_editor(scheme: str = "light"):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}, color_scheme=scheme
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/newsroom/login/")
        page.get_by_label("Username").fill("desk.editor")
        page.get_by_label("Password").fill("river-crossing-2026")
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("heading", name=re.compile("Today.s desk")).wait_for()
        page.goto("/newsroom/content/article/add/")
        page.locator(BODY).wait_for()
        return page

    yield open_editor
    for context in contexts:
        context.close()


def test_the_empty_body_has_room_for_about_twenty_lines(editor_page):
    page = editor_page()
    body = page.locator(BODY)
    # "normal" line height has no number: 1.2 em is what browsers use for it.
    line = body.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) || 1.2 * parseFloat(getComputedStyle(e).fontSize)"
    )
    height = body.bounding_box()["height"]
    assert height >= 18 * line and height >= 300, f"the empty body is {height}px tall"


def test_spell_check_is_on_for_the_body_and_the_headline_fields(editor_page):
    page = editor_page()
    page.wait_for_function(f"document.querySelector('{BODY}').getAttribute('spellcheck') === 'true'")
    assert page.locator(BODY).evaluate("e => e.spellcheck") is True
    for label in ("Kicker", "Headline", "Standfirst"):
        field = page.get_by_label(label)
        assert field.get_attribute("spellcheck") == "true", label
        assert field.evaluate("e => e.spellcheck") is True, label


def test_the_block_type_menu_arrow_needs_no_font(editor_page):
    page = editor_page()
    arrow = page.locator(".prose-menubar__dropdown .prose-menubar__selected").first.evaluate(
        "e => { const s = getComputedStyle(e, '::after'); return [s.content, s.borderTopWidth, s.borderTopStyle]; }"
    )
    assert arrow == ['""', "4px", "solid"]


def test_screenshots_of_the_story_editor(editor_page):
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        page = editor_page(scheme)
        page.get_by_label("Headline").fill("City opens the longest river crossing in its history")
        page.locator(BODY).click()
        page.keyboard.type("Officials opened the new river crossing on Tuesday after six years of wrok.")
        page.screenshot(path=str(SCREENSHOTS / f"editor-1280-{scheme}.png"), full_page=True)
