"""Reads of advertising: which units may fill which slot for a page, ads.txt, script hosts and reports."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from broadsheet.ads.models import AdKind, AdSettings, AdStat, AdsTxt, AdUnit
from broadsheet.ads.rules import inline_script_hashes
from broadsheet.ads.slots import SLOTS
from broadsheet.content.models import Article, Section
from broadsheet.content.selectors import public_articles


@dataclass(frozen=True)
class Target:
    """What a page is about, as far as ad targeting goes: nothing personal about the reader."""

    section_id: int | None = None
    tag_ids: frozenset[int] = field(default_factory=frozenset)
    article_id: int | None = None
    is_suppressed: bool = False  # a "no ads" story or section

    @property
    def cache_key(self) -> str:
        return f"a{self.article_id or 0}-s{self.section_id or 0}"


def article_target(article_id: int) -> Target | None:
    """Return the targeting of a public story (its section and tags), or None when it is not public."""
    article = public_articles().select_related("section").prefetch_related("tags").filter(pk=article_id).first()
    if article is None:
        return None
    return _target_of(article)


def _target_of(article: Article) -> Target:
    return Target(
        section_id=article.section_id,
        tag_ids=frozenset(tag.pk for tag in article.tags.all()),
        article_id=article.pk,
        is_suppressed=article.ads_suppressed or article.section.ads_suppressed,
    )


def section_target(slug: str) -> Target | None:
    """Return the targeting of a section page, or None when there is no such section."""
    section = Section.objects.filter(slug=slug).first()
    if section is None:
        return None
    return Target(section_id=section.pk, is_suppressed=section.ads_suppressed)


def _scheduled(now: datetime) -> QuerySet[AdUnit]:
    return AdUnit.objects.filter(is_active=True).filter(
        Q(starts_at__isnull=True) | Q(starts_at__lte=now), Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    )


def is_eligible(unit: AdUnit, slot_name: str, target: Target) -> bool:
    """True when the unit may fill `slot_name` on a page with `target` (schedule is checked by the query).

    Within a kind of targeting any match is enough; every non-empty "only" list must match, and
    any "never" match rules the unit out. The unit's targeting must be prefetched.
    """
    if target.is_suppressed or slot_name not in unit.slots:
        return False
    sections = {s.pk for s in unit.include_sections.all()}
    tags = {t.pk for t in unit.include_tags.all()}
    articles = {a.pk for a in unit.include_articles.all()}
    if sections and target.section_id not in sections:
        return False
    if tags and not tags & target.tag_ids:
        return False
    if articles and target.article_id not in articles:
        return False
    if target.section_id in {s.pk for s in unit.exclude_sections.all()}:
        return False
    if target.tag_ids & {t.pk for t in unit.exclude_tags.all()}:
        return False
    return target.article_id not in {a.pk for a in unit.exclude_articles.all()}


def eligible_units(target: Target, *, now: datetime | None = None) -> dict[str, list[AdUnit]]:
    """Return, for every declared slot, the units that may fill it on this page now (weights on each unit).

    The one definition of eligibility: switched on, inside its schedule, allowed in the slot,
    matching the page's targeting, and the page not under "no ads". A fixed number of queries.
    """
    result: dict[str, list[AdUnit]] = {name: [] for name in SLOTS}
    if target.is_suppressed:
        return result
    units = list(
        _scheduled(now or timezone.now())
        .select_related("image", "dark_image")
        .prefetch_related(
            "include_sections",
            "exclude_sections",
            "include_tags",
            "exclude_tags",
            "include_articles",
            "exclude_articles",
        )
        .order_by("pk")
    )
    for name in SLOTS:
        result[name] = [unit for unit in units if is_eligible(unit, name, target)]
    return result


def in_page_script_hosts(*, now: datetime | None = None) -> list[str]:
    """Return the script hosts of every live "runs in page" snippet, sorted: what the page's CSP must allow."""
    hosts: set[str] = set()
    units = _scheduled(now or timezone.now()).filter(kind=AdKind.SNIPPET, runs_in_page=True)
    for script_hosts in units.values_list("script_hosts", flat=True):
        hosts.update(script_hosts or [])
    return sorted(hosts)


@dataclass(frozen=True)
class InPageSources:
    """What the page's CSP must allow for live in-page units: their hosts, and their inline scripts by hash."""

    hosts: list[str]
    script_hashes: list[str]


def in_page_script_sources(*, now: datetime | None = None) -> InPageSources:
    """Return the declared hosts and the CSP hashes of the inline scripts of every live in-page snippet."""
    hosts: set[str] = set()
    hashes: set[str] = set()
    units = _scheduled(now or timezone.now()).filter(kind=AdKind.SNIPPET, runs_in_page=True)
    for script_hosts, code in units.values_list("script_hosts", "code"):
        hosts.update(script_hosts or [])
        hashes.update(inline_script_hashes(code))
    return InPageSources(hosts=sorted(hosts), script_hashes=sorted(hashes))


def ads_txt() -> str:
    """Return the stored ads.txt text (empty when none was written)."""
    row = AdsTxt.objects.filter(pk=1).first()
    return row.text if row else ""


def ad_settings() -> AdSettings:
    """Return the site's ad settings, the defaults when none were saved."""
    return AdSettings.objects.filter(pk=1).first() or AdSettings(pk=1)


@dataclass(frozen=True)
class ReportTotals:
    impressions: int
    clicks: int

    @property
    def ctr(self) -> float:
        return 100 * self.clicks / self.impressions if self.impressions else 0.0


def report_rows(*, units: Iterable[int] = (), since: date | None = None, until: date | None = None) -> QuerySet[AdStat]:
    """Return the daily rows of the report, newest first, optionally for some units and days."""
    rows = AdStat.objects.select_related("unit")
    if units:
        rows = rows.filter(unit_id__in=list(units))
    if since:
        rows = rows.filter(day__gte=since)
    if until:
        rows = rows.filter(day__lte=until)
    return rows.order_by("-day", "unit__name")


def report_totals(rows: QuerySet[AdStat]) -> ReportTotals:
    """Return the sums of a report's rows."""
    sums = rows.aggregate(impressions=Sum("impressions"), clicks=Sum("clicks"))
    return ReportTotals(sums["impressions"] or 0, sums["clicks"] or 0)
