"""The reader site in a real browser: themes, layout on phones, ad slots, contrast and screenshots."""

from __future__ import annotations

import pytest

from broadsheet.reader.tests.browser import SCREENSHOTS, contrast, luminance

pytestmark = pytest.mark.browser

BACKGROUND = "getComputedStyle(document.body).backgroundColor"
THEME = "document.documentElement.dataset.theme || null"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
PRESSED = "document.querySelector('.theme-toggle').getAttribute('aria-pressed')"


def is_dark(page) -> bool:
    return luminance(page.evaluate(BACKGROUND)) < 0.05


def is_light(page) -> bool:
    return luminance(page.evaluate(BACKGROUND)) > 0.8


def test_the_stylesheet_and_script_are_served(paper, open_page):
    page = open_page(None)
    statuses = {}
    page.on("response", lambda answer: statuses.__setitem__(answer.url.rsplit("/", 1)[-1], answer.status))
    page.goto(paper.article)
    assert statuses["site.css"] == 200
    assert statuses["theme.js"] == 200
    assert page.evaluate("getComputedStyle(document.querySelector('.ad-slot')).display") == "flex"


def test_colours_follow_the_system_preference(paper, open_page):
    light = open_page(paper.home, scheme="light")
    dark = open_page(paper.home, scheme="dark")

    assert is_light(light)
    assert is_dark(dark)
    assert luminance(dark.evaluate("getComputedStyle(document.body).color")) > 0.7
    assert dark.evaluate(THEME) is None  # no saved choice: the system decides
    assert dark.evaluate(PRESSED) == "true"
    assert light.evaluate(PRESSED) == "false"


def test_the_dark_mode_toggle_is_remembered_across_reloads_and_pages(paper, open_page):
    page = open_page(paper.home, scheme="light")
    toggle = page.get_by_role("button", name="Dark Mode")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"

    toggle.click()
    assert is_dark(page)
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('broadsheet-theme')") == "dark"

    page.reload()
    assert is_dark(page)
    assert page.get_by_role("button", name="Dark Mode").get_attribute("aria-pressed") == "true"

    page.locator(f'a[href="{paper.article}"]').first.click()
    page.wait_for_url(f"**{paper.article}")
    assert is_dark(page)

    page.get_by_role("button", name="Dark Mode").click()
    assert is_light(page)
    assert page.evaluate(PRESSED) == "false"
    page.goto(paper.section)
    assert is_light(page)


def test_a_saved_dark_choice_is_applied_before_first_paint(paper, open_page):
    page = open_page(None, scheme="light")
    # theme.js is blocked: only the inline script in <head> can set the theme.
    page.route("**/reader/theme.js", lambda route: route.abort())
    page.add_init_script(
        """
        localStorage.setItem("broadsheet-theme", "dark");
        new MutationObserver((changes, observer) => {
          if (document.body) {  // the first moment anything could be painted
            window.themeAtFirstBody = document.documentElement.dataset.theme || null;
            observer.disconnect();
          }
        }).observe(document, {childList: true, subtree: true});
        """
    )
    page.goto(paper.article)

    assert page.evaluate("window.themeAtFirstBody") == "dark"
    assert is_dark(page)
    stylesheet_after_script = page.evaluate(
        """[...document.head.children].findIndex(e => e.matches('link[rel=stylesheet]'))
           > [...document.head.children].findIndex(e => e.matches('script:not([src])'))"""
    )
    assert stylesheet_after_script


def test_without_javascript_the_system_theme_applies_and_the_toggle_is_hidden(paper, open_page):
    dark = open_page(paper.article, scheme="dark", javascript=False)
    light = open_page(paper.article, scheme="light", javascript=False)

    assert is_dark(dark)
    assert is_light(light)
    assert not dark.locator(".theme-toggle").is_visible()


def test_no_page_scrolls_sideways_on_a_phone(paper, open_page):
    from broadsheet.content.models import Section
    from broadsheet.content.tests.factories import make_article

    # One very long word in a headline (within the 200-character limit) must wrap, not widen pages.
    long_word = "Supercalifragilisticexpialidocious" * 4
    story = make_article(f"{long_word} ferry decision", section=Section.objects.get(slug=paper.section.strip("/")))
    page = open_page(None, width=360)
    for width in (360, 320):
        page.set_viewport_size({"width": width, "height": 800})
        for path in (paper.home, paper.section, paper.article, story.get_absolute_url(), "/search/?q=ferry"):
            page.goto(path)
            overflow = page.evaluate(OVERFLOW)
            assert overflow <= 0, f"{path} is {overflow}px wider than a {width}px screen"


def test_the_ad_slots_reserve_their_height_and_are_labelled(paper, open_page):
    # As served: ads.js collapses empty slots below the fold (test_ads_browser covers that).
    page = open_page(paper.article, width=390, javascript=False)
    header = page.locator('[data-ad-slot="header"]')
    for width, reserved, has_rail in [(390, 100, False), (1280, 250, True)]:
        page.set_viewport_size({"width": width, "height": 900})
        assert header.evaluate("e => getComputedStyle(e).minHeight") == f"{reserved}px"
        assert header.bounding_box()["height"] >= reserved
        assert page.locator('[data-ad-slot="rail"]').is_visible() is has_rail
    for slot in page.locator("[data-ad-slot]").all():
        label = slot.locator(".ad-slot__label")
        assert label.inner_text().strip().lower() == "advertisement"
        assert label.is_visible()


def test_text_and_links_meet_wcag_aa_contrast(paper, open_page):
    page = open_page(paper.article)
    samples = {
        "body text": ".story__body p",
        "standfirst": ".story__dek",
        "publication time": ".story__times",
        "kicker": ".kicker",
        "caption": ".story__lead figcaption",
        "tag link": ".story__tags a",
        "section link": ".sections__list a",
        "teaser byline": ".teaser__meta",
        "top bar date": ".topbar__date",
    }
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        background = page.evaluate(BACKGROUND)
        assert is_dark(page) is (scheme == "dark")
        for name, selector in samples.items():
            colour = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
            ratio = contrast(colour, background)
            assert ratio >= 4.5, f"{name} ({selector}) has contrast {ratio:.2f} in the {scheme} theme"
        slot = page.locator(".ad-slot").first
        ratio = contrast(
            slot.locator(".ad-slot__label").evaluate("e => getComputedStyle(e).color"),
            slot.evaluate("e => getComputedStyle(e).backgroundColor"),
        )
        assert ratio >= 4.5, f"the ad label has contrast {ratio:.2f} in the {scheme} theme"


def test_screenshots_of_the_main_pages(paper, open_page):
    """Full-page screenshots for people to look at, in screenshots/ at the repository root."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for width in (390, 1280):
            page = open_page(None, width=width, scheme=scheme)
            for name in ("home", "section", "article"):
                page.goto(getattr(paper, name))
                # Lazy images load only near the viewport; a full-page shot should show them all.
                page.evaluate("document.querySelectorAll('img').forEach(i => { i.loading = 'eager'; })")
                page.wait_for_function("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
                path = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
                page.screenshot(path=path, full_page=True, animations="disabled")
                assert path.stat().st_size > 10_000
