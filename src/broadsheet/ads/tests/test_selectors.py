"""Eligibility: schedule, slots, targeting (include and exclude), suppression and weights."""

from datetime import timedelta

import pytest
from django.utils import timezone

from broadsheet.ads.selectors import (
    Target,
    article_target,
    eligible_units,
    in_page_script_hosts,
    section_target,
)
from broadsheet.ads.tests.factories import make_house_unit, make_snippet_unit
from broadsheet.content import services as content_services
from broadsheet.content.tests.factories import make_article, make_section, make_tag

pytestmark = pytest.mark.django_db


def names(units):
    return [unit.name for unit in units]


@pytest.fixture
def world():
    return make_section("World")


@pytest.fixture
def sport():
    return make_section("Sport")


def test_an_active_unit_fills_only_the_slots_it_was_given():
    make_house_unit("Header only", slots=["header"])
    eligible = eligible_units(Target())
    assert names(eligible["header"]) == ["Header only"]
    assert eligible["in_article"] == eligible["below_article"] == eligible["rail"] == []


def test_a_switched_off_unit_is_never_eligible():
    make_house_unit("Off", is_active=False)
    assert eligible_units(Target())["header"] == []


@pytest.mark.parametrize(
    ("starts", "ends", "shown"),
    [
        (None, None, True),
        (-1, None, True),
        (1, None, False),  # not started yet
        (None, 1, True),
        (None, -1, False),  # over
        (-2, -1, False),
        (-1, 1, True),
        (1, 2, False),
    ],
)
def test_the_schedule_bounds_when_a_unit_shows(starts, ends, shown):
    now = timezone.now()
    make_house_unit(
        "Scheduled",
        starts_at=now + timedelta(hours=starts) if starts is not None else None,
        ends_at=now + timedelta(hours=ends) if ends is not None else None,
    )
    assert bool(eligible_units(Target(), now=now)["header"]) is shown


def test_the_end_time_itself_is_outside_the_schedule():
    now = timezone.now()
    make_house_unit("Ends now", starts_at=now - timedelta(hours=1), ends_at=now)
    assert eligible_units(Target(), now=now)["header"] == []


def test_section_targeting_includes_and_excludes(world, sport):
    make_house_unit("Only world", targeting={"include_sections": [world]})
    make_house_unit("Not world", targeting={"exclude_sections": [world]})
    make_house_unit("Anywhere")
    assert names(eligible_units(Target(section_id=world.pk))["header"]) == ["Only world", "Anywhere"]
    assert names(eligible_units(Target(section_id=sport.pk))["header"]) == ["Not world", "Anywhere"]
    # The home page belongs to no section: "only in" units stay away, "never in" ones may show.
    assert names(eligible_units(Target())["header"]) == ["Not world", "Anywhere"]


def test_tag_targeting_matches_any_listed_tag_and_any_excluded_tag_rules_out(world):
    floods, storms, sport = make_tag("Floods"), make_tag("Storms"), make_tag("Football")
    make_house_unit("Weather", targeting={"include_tags": [floods, storms]})
    make_house_unit("No football", targeting={"exclude_tags": [sport]})
    assert names(eligible_units(Target(tag_ids=frozenset({storms.pk})))["header"]) == ["Weather", "No football"]
    both = Target(tag_ids=frozenset({floods.pk, sport.pk}))
    assert names(eligible_units(both)["header"]) == ["Weather"]
    assert names(eligible_units(Target())["header"]) == ["No football"]


def test_article_targeting_includes_and_excludes(world):
    story, other = make_article("Bridge opens", section=world), make_article("Ferry closes", section=world)
    make_house_unit("Only the bridge", targeting={"include_articles": [story]})
    make_house_unit("Never the bridge", targeting={"exclude_articles": [story]})
    assert names(eligible_units(article_target(story.pk))["header"]) == ["Only the bridge"]
    assert names(eligible_units(article_target(other.pk))["header"]) == ["Never the bridge"]


def test_every_non_empty_include_list_must_match(world, sport):
    floods = make_tag("Floods")
    make_house_unit("World floods", targeting={"include_sections": [world], "include_tags": [floods]})
    assert eligible_units(Target(section_id=world.pk))["header"] == []
    assert eligible_units(Target(section_id=sport.pk, tag_ids=frozenset({floods.pk})))["header"] == []
    target = Target(section_id=world.pk, tag_ids=frozenset({floods.pk}))
    assert names(eligible_units(target)["header"]) == ["World floods"]


def test_an_exclusion_wins_over_an_inclusion(world):
    floods = make_tag("Floods")
    make_house_unit("Mixed", targeting={"include_sections": [world], "exclude_tags": [floods]})
    assert eligible_units(Target(section_id=world.pk, tag_ids=frozenset({floods.pk})))["header"] == []


def test_a_story_marked_no_ads_gets_no_unit_in_any_slot(world):
    story = make_article("A sensitive story", section=world)
    make_house_unit("Everywhere", slots=["header", "in_article", "below_article", "rail"])
    content_services.update_article(story, by=None, ads_suppressed=True)
    target = article_target(story.pk)
    assert target.is_suppressed
    assert all(units == [] for units in eligible_units(target).values())


def test_a_section_marked_no_ads_suppresses_its_page_and_its_stories(world):
    story = make_article("In a quiet section", section=world)
    make_house_unit("Everywhere")
    world.ads_suppressed = True
    content_services.save_section(world, by=None)
    assert eligible_units(article_target(story.pk))["header"] == []
    assert eligible_units(section_target("world"))["header"] == []


def test_targets_exist_only_for_public_stories_and_real_sections(world):
    draft = make_article("Draft", section=world, publish=False)
    assert article_target(draft.pk) is None
    assert section_target("nowhere") is None


def test_the_story_target_carries_its_section_and_tags(world):
    tag = make_tag("Bridges")
    story = make_article("Bridge", section=world, tags=[tag])
    assert article_target(story.pk) == Target(
        section_id=world.pk, tag_ids=frozenset({tag.pk}), article_id=story.pk, is_suppressed=False
    )


def test_weights_are_handed_on_for_rotation():
    make_house_unit("Heavy", weight=5)
    make_house_unit("Light", weight=1)
    assert {unit.name: unit.weight for unit in eligible_units(Target())["header"]} == {"Heavy": 5, "Light": 1}


def test_eligibility_takes_a_fixed_number_of_queries(django_assert_max_num_queries, world):
    for n in range(6):
        make_house_unit(f"Unit {n}", targeting={"include_sections": [world], "exclude_tags": [make_tag()]})
    with django_assert_max_num_queries(8):
        eligible_units(Target(section_id=world.pk))


def test_in_page_script_hosts_lists_only_live_in_page_snippets():
    make_snippet_unit("Isolated")
    make_snippet_unit("Loader", runs_in_page=True, script_hosts=["securepubads.g.doubleclick.net"])
    make_snippet_unit("Old loader", runs_in_page=True, script_hosts=["old.example.net"], is_active=False)
    make_snippet_unit("Also", runs_in_page=True, script_hosts=["pagead2.googlesyndication.com"])
    assert in_page_script_hosts() == ["pagead2.googlesyndication.com", "securepubads.g.doubleclick.net"]
