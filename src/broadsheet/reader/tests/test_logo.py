"""The masthead logo: the paper's own, and a second one for dark pages when the newsroom sets it."""

import json
import re

import pytest

from broadsheet.content import services
from broadsheet.content.models import SiteSettings
from broadsheet.content.tests.factories import make_article, make_image, make_section
from broadsheet.media.selectors import picture

pytestmark = pytest.mark.django_db


def _masthead(html: str) -> str:
    return re.search(r'<a class="masthead__logo[^"]*".*?</a>', html, re.S).group(0)


@pytest.fixture
def logos():
    light = make_image(480, 120, alt_text="The Broadsheet")
    dark = make_image(480, 120, alt_text="The Broadsheet (dark)")
    return light, dark


def test_without_a_dark_logo_the_masthead_has_one_image(client, logos):
    light, _ = logos
    services.save_site_settings(SiteSettings(pk=1, logo=light), by=None)
    masthead = _masthead(client.get("/").content.decode())
    assert 'class="masthead__logo"' in masthead  # no --themed: the light panel rule applies in dark mode
    assert masthead.count("<img") == 1
    assert f'class="masthead__logo-light" src="{picture(light).src}"' in masthead
    assert "masthead__logo-dark" not in masthead


def test_a_dark_logo_is_in_the_masthead_beside_the_light_one(client, logos):
    light, dark = logos
    services.save_site_settings(SiteSettings(pk=1, logo=light, logo_dark=dark), by=None)
    masthead = _masthead(client.get("/").content.decode())
    assert 'class="masthead__logo masthead__logo--themed"' in masthead
    assert f'class="masthead__logo-light" src="{picture(light).src}"' in masthead
    assert f'class="masthead__logo-dark" src="{picture(dark).src}"' in masthead
    assert 'alt="The Broadsheet (dark)" width="480" height="120"' in masthead


def test_a_dark_logo_alone_is_not_shown(client, logos):
    # Light pages would have no logo at all; the publication's name stands in, as with no logo.
    _, dark = logos
    services.save_site_settings(SiteSettings(pk=1, publication_name="The Harbour Gazette", logo_dark=dark), by=None)
    masthead = _masthead(client.get("/").content.decode())
    assert "<img" not in masthead
    assert "The Harbour Gazette" in masthead


def test_structured_data_names_the_light_logo_as_the_publishers(client, logos):
    # Search engines show the publisher's logo on light result pages: the dark variant never goes there.
    light, dark = logos
    services.save_site_settings(SiteSettings(pk=1, logo=light, logo_dark=dark), by=None)
    story = make_article("Ferry fares frozen for a second year", section=make_section("News", slug="news"))
    html = client.get(story.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article = next(data for data in map(json.loads, blocks) if data["@type"] == "NewsArticle")
    assert article["publisher"]["logo"]["url"] == "http://testserver" + picture(light).src
