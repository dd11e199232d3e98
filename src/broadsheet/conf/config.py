"""The typed product settings: every tunable default of the newspaper, in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True, kw_only=True)
class Config:
    """Product settings; override any of them with the `BROADSHEET` dict in Django settings."""

    articles_per_page: int = 20  # section, tag and author pages
    indexed_list_pages: int = 10  # deeper pages of a list are marked noindex for search engines
    feed_length: int = 30  # items per RSS, Atom and JSON feed
    news_sitemap_hours: int = 48  # the Google News sitemap lists stories this recent (at most 1,000)
    home_lead_count: int = 1  # stories in the home page's lead slot
    home_top_count: int = 6  # curated top stories under the lead (only when editors choose them)
    home_section_story_count: int = 4  # stories per section block on the home page
    more_from_section_count: int = 4  # "More from <section>" under an article
    in_article_ad_after_paragraph: int = 3  # the in-article ad slot follows this paragraph
    max_upload_bytes: int = 20 * 1024 * 1024  # larger uploads are refused with a clear error
    max_image_pixels: int = 60_000_000  # refuses decompression bombs before decoding
    rendition_widths: tuple[int, ...] = (320, 640, 960, 1280, 1920)  # srcset widths
    site_settings_cache_seconds: int = 300  # site name, logo, time zone; purged on save
    search_rank_window: int = 1000  # a search ranks at most the newest N matching stories, so common words stay fast

    # Page cache (anonymous responses, cached whole; see core/pagecache.py)
    page_cache_enabled: bool = True  # off only to debug rendering; purges keep cached pages exact
    page_cache_seconds: int = 300  # how long a cached page is fresh; purges end it sooner
    cdn_max_age: int = 60  # browsers' max-age
    cdn_s_maxage: int = 300  # a CDN's or Varnish's lifetime (s-maxage)
    cdn_stale_while_revalidate: int = 60
    purge_url: str = ""  # Varnish (xkey) purge endpoint, e.g. http://127.0.0.1:6081/ (BROADSHEET_PURGE_URL)

    # Requests
    site_url: str = "http://127.0.0.1:8000"  # the public address used in emails (BROADSHEET_SITE_URL)
    trusted_proxies: tuple[str, ...] = ()  # X-Forwarded-For is believed only from these (BROADSHEET_TRUSTED_PROXIES)

    # Comments
    comments_close_after_days: int = 14  # threads close this long after publication; 0 keeps them open forever
    comment_max_chars: int = 5000  # counted in characters as readers see them (an emoji is one)
    comment_name_max_chars: int = 80
    comment_min_fill_seconds: int = 3  # faster than this from opening the form looks like a bot
    comment_max_links: int = 2  # more links than this holds the comment for review
    comment_trusted_after: int = 3  # approved comments from a verified email that skip pre-moderation
    comment_reports_to_requeue: int = 3  # reader reports that send an approved comment back to the queue
    comment_rate_per_ip: int = 5  # comments per network (/24 IPv4, /64 IPv6) per window
    comment_rate_per_email: int = 5  # comments per email address per window
    comment_rate_window_seconds: int = 600
    comment_duplicate_window_hours: int = 24  # the same text twice from one address in this window is refused
    comment_confirmation_interval_seconds: int = 3600  # at most one confirmation email per address per hour
    comment_banned_words: tuple[str, ...] = ()  # a comment containing one is refused
    comment_suspect_words: tuple[str, ...] = ("casino", "viagra", "crypto giveaway", "loan offer")  # held for review
    comment_moderator_alerts: bool = True  # email moderators when a comment waits for review

    # Wire desk and importers
    import_max_bytes: int = 5 * 1024 * 1024  # a pasted story, uploaded file or wire item larger than this is refused
    wordpress_max_bytes: int = 200 * 1024 * 1024  # a WordPress export larger than this is refused
    fetch_timeout_seconds: float = 10.0  # a web page or feed that takes longer is given up on
    fetch_max_bytes: int = 5 * 1024 * 1024  # a fetched page or feed larger than this is refused
    fetch_max_redirects: int = 5
    feed_poll_minutes: int = 15  # how often a healthy feed subscription is polled
    feed_retry_max_minutes: int = 24 * 60  # a failing feed is retried with doubling delays up to this


@cache
def config() -> Config:
    """Return the product `Config`, built once from `settings.BROADSHEET`."""
    overrides = dict(getattr(settings, "BROADSHEET", {}))
    known = {f.name for f in fields(Config)}
    unknown = set(overrides) - known
    if unknown:
        raise ImproperlyConfigured(f"Unknown BROADSHEET setting(s): {', '.join(sorted(unknown))}.")
    return Config(**overrides)


@receiver(setting_changed)
def _forget_config(*, setting: str, **_kwargs: object) -> None:
    # Tests override settings.BROADSHEET; the next call must see the new values.
    if setting == "BROADSHEET":
        config.cache_clear()
