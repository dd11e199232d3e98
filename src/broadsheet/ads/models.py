"""Advertising data: the units that fill slots, their audit trail, daily counts, ads.txt and settings."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models

from broadsheet.ads.rules import script_host_errors
from broadsheet.ads.slots import SLOTS
from broadsheet.content.models import Article, Section, Tag
from broadsheet.media.models import Image


class AdKind(models.TextChoices):
    HOUSE = "house", "House ad (image and link)"
    SNIPPET = "snippet", "Code snippet (third-party ad code)"


class AdUnit(models.Model):
    """One ad: a house ad or a snippet, the slots it may fill, when, where, and how often."""

    name = models.CharField(max_length=120, help_text="For the newsroom only, e.g. “Spring subscription drive”.")
    kind = models.CharField(max_length=10, choices=AdKind.choices, default=AdKind.HOUSE)
    # House ads
    image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="From the media library; its alt text is what screen readers announce.",
    )  # fmt: skip
    dark_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="Optional: shown to readers in dark mode. Same size as the image.",
    )  # fmt: skip
    target_url = models.URLField(
        "link", max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])],
        help_text="Where a click takes the reader.",
    )  # fmt: skip
    # Snippets
    code = models.TextField(blank=True, help_text="The network's HTML and script, pasted as given.")
    width = models.PositiveSmallIntegerField(default=300, help_text="Snippet width in CSS pixels.")
    height = models.PositiveSmallIntegerField(default=250, help_text="Snippet height in CSS pixels.")
    runs_in_page = models.BooleanField(
        default=False,
        help_text="Run the code in the page itself instead of an isolated frame. Only for loaders that "
        "require it (AdSense, Google Publisher Tag); list their script hosts below.",
    )
    script_hosts = models.JSONField(
        default=list, blank=True, help_text="Hosts the page may load scripts from for this unit."
    )
    # Placement and rotation
    slots = models.JSONField(default=list, help_text="Names of the slots this unit may fill.")
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: from now.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until switched off.")
    weight = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="Among eligible units, a unit with weight 3 shows three times as often as one with 1.",
    )  # fmt: skip
    is_active = models.BooleanField("on", default=True)
    # Targeting: within one kind any match counts; every non-empty “only” list must match.
    include_sections = models.ManyToManyField(Section, blank=True, related_name="+", verbose_name="only in sections")
    exclude_sections = models.ManyToManyField(Section, blank=True, related_name="+", verbose_name="never in sections")
    include_tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name="only with tags")
    exclude_tags = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name="never with tags")
    include_articles = models.ManyToManyField(Article, blank=True, related_name="+", verbose_name="only on stories")
    exclude_articles = models.ManyToManyField(Article, blank=True, related_name="+", verbose_name="never on stories")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "ad unit"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        unknown = [name for name in self.slots if name not in SLOTS]
        if not self.slots or unknown:
            errors["slots"] = f"Choose one or more of: {', '.join(SLOTS)}."
        if self.kind == AdKind.HOUSE:
            if self.image_id is None:
                errors["image"] = "A house ad needs an image from the media library."
            if not self.target_url:
                errors["target_url"] = "A house ad needs a link."
        else:
            if not self.code.strip():
                errors["code"] = "Paste the network's code."
            too_tall = [name for name in self.slots if name in SLOTS and self.height > _room(name)]
            if too_tall:
                errors["height"] = f"Taller than the space reserved in {', '.join(too_tall)} ({_room(too_tall[0])} px)."
        bad_hosts = script_host_errors(self.script_hosts) if isinstance(self.script_hosts, list) else ["a list"]
        if bad_hosts:
            errors["script_hosts"] = " ".join(bad_hosts)
        elif self.script_hosts and not self.runs_in_page:
            errors["script_hosts"] = "Script hosts apply only to units that run in the page."
        if self.runs_in_page and self.kind == AdKind.SNIPPET and not self.script_hosts:
            errors["script_hosts"] = (
                "List the hosts the network loads scripts from, e.g. pagead2.googlesyndication.com."
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end must come after the start."
        if errors:
            raise ValidationError(errors)


def _room(slot_name: str) -> int:
    """The smallest height a slot reserves where it is shown (a 0 means the slot is hidden there)."""
    declared = SLOTS[slot_name]
    return min(h for h in (declared.min_height_narrow, declared.min_height_wide) if h > 0)


class ChangeAction(models.TextChoices):
    CREATED = "created", "created"
    CHANGED = "changed", "changed"
    DELETED = "deleted", "deleted"


class AdUnitChange(models.Model):
    """The audit trail: who changed which unit, when, and what the fields were before and after."""

    unit = models.ForeignKey(AdUnit, null=True, on_delete=models.SET_NULL, related_name="changes")
    unit_name = models.CharField(max_length=120)  # kept when the unit itself is deleted
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    fields = models.JSONField(default=dict)  # {field: [before, after]}

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "ad unit change"

    def __str__(self) -> str:
        return f"{self.unit_name} {self.action}"


class AdStat(models.Model):
    """Impressions and clicks of one unit on one day (the site's time zone); no reader data."""

    unit = models.ForeignKey(AdUnit, on_delete=models.CASCADE, related_name="stats")
    day = models.DateField()
    impressions = models.PositiveBigIntegerField(default=0)
    clicks = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-day", "unit__name"]
        verbose_name = "ad report row"
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="ads_stat_one_row_per_unit_day")]

    def __str__(self) -> str:
        return f"{self.unit} on {self.day}"

    @property
    def ctr(self) -> float:
        """Clicks per impression as a percentage (0 when nothing was seen)."""
        return 100 * self.clicks / self.impressions if self.impressions else 0.0


class AdsTxt(models.Model):
    """The site's ads.txt (IAB 1.1), edited in the newsroom and served at /ads.txt; one row."""

    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ads.txt"
        verbose_name_plural = "ads.txt"

    def __str__(self) -> str:
        return "ads.txt"


class AdSettings(models.Model):
    """Site-wide advertising choices; one row."""

    consent_required = models.BooleanField(
        "ask readers before third-party ads",
        default=False,
        help_text="When on, code snippets load only after the reader accepts; house ads always show.",
    )

    class Meta:
        verbose_name = "ad settings"
        verbose_name_plural = "ad settings"

    def __str__(self) -> str:
        return "Ad settings"
