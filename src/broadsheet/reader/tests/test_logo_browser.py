"""The masthead logo in a real browser: the dark-mode logo shows exactly when the page is dark."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile

from broadsheet.cli.demo_content.pictures import draw_logo
from broadsheet.content import services
from broadsheet.content.selectors import site_settings
from broadsheet.media.services import upload_image
from broadsheet.reader.tests.browser import SCREENSHOTS, luminance

pytestmark = pytest.mark.browser

# Which of the two images a reader actually sees: rendered, with a box, not display:none.
SHOWN = """[...document.querySelectorAll('.masthead__logo img')]
    .filter(i => getComputedStyle(i).display !== 'none' && i.getBoundingClientRect().width > 0)
    .map(i => i.className)"""
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def _logo(name: str, *, dark: bool):
    buffer = io.BytesIO()
    draw_logo("The Broadsheet", dark=dark).save(buffer, format="PNG")
    return upload_image(ContentFile(buffer.getvalue(), name=name), alt_text="The Broadsheet")


def _set_logos(*, dark: bool) -> None:
    site = site_settings()
    site.logo = _logo("logo.png", dark=False)
    site.logo_dark = _logo("logo-dark.png", dark=True) if dark else None
    services.save_site_settings(site, by=None)


def _page_is_dark(page) -> bool:
    return luminance(page.evaluate(BACKGROUND)) < 0.05


def test_the_dark_logo_follows_the_system_preference_and_the_toggle(paper, open_page):
    _set_logos(dark=True)
    light = open_page(paper.home, scheme="light")
    assert light.evaluate(SHOWN) == ["masthead__logo-light"]

    system_dark = open_page(paper.home, scheme="dark")
    assert _page_is_dark(system_dark)
    assert system_dark.evaluate(SHOWN) == ["masthead__logo-dark"]

    # The toggle wins over the system, either way.
    light.get_by_role("button", name="Dark Mode").click()
    assert _page_is_dark(light)
    assert light.evaluate(SHOWN) == ["masthead__logo-dark"]
    system_dark.get_by_role("button", name="Dark Mode").click()
    assert not _page_is_dark(system_dark)
    assert system_dark.evaluate(SHOWN) == ["masthead__logo-light"]
    system_dark.goto(paper.article)  # the saved light choice holds on the next page
    assert system_dark.evaluate(SHOWN) == ["masthead__logo-light"]


def test_without_a_dark_logo_the_logo_sits_on_a_light_panel_in_dark_mode(paper, open_page):
    _set_logos(dark=False)
    for scheme in ("light", "dark"):
        page = open_page(paper.home, scheme=scheme)
        assert page.evaluate(SHOWN) == ["masthead__logo-light"]
        panel = page.locator(".masthead__logo img").evaluate(
            "i => [getComputedStyle(i).backgroundColor, getComputedStyle(i).borderTopLeftRadius]"
        )
        if scheme == "dark":
            assert luminance(panel[0]) > 0.9 and panel[1] != "0px"
        else:
            assert panel == ["rgba(0, 0, 0, 0)", "0px"]


def test_screenshots_of_the_masthead_logo(paper, open_page):
    """The home page with both logos, for people to look at, in screenshots/ at the repository root."""
    _set_logos(dark=True)
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            page = open_page(paper.home, width=width, scheme=scheme)
            page.wait_for_function("[...document.querySelectorAll('.masthead__logo img')].every(i => i.complete)")
            path = SCREENSHOTS / f"logo-home-{width}-{scheme}.png"
            page.screenshot(path=path, animations="disabled")
            assert path.stat().st_size > 10_000
