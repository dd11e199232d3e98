"""Polling feed subscriptions: fetch, parse, save each new item; failures are recorded for backoff."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from broadsheet.content.services import acting_as
from broadsheet.importers.feeds import parse_feed
from broadsheet.importers.fetch import FetchPolicy, fetch
from broadsheet.wire import selectors, services
from broadsheet.wire.models import FeedSubscription
from broadsheet.wire.story import ImportRefused

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1"


@dataclass
class PollReport:
    polled: int = 0
    created: int = 0
    seen: int = 0
    failed_feeds: list[str] = field(default_factory=list)
    failed_items: list[str] = field(default_factory=list)


def poll(subscription: FeedSubscription, report: PollReport, *, rules: FetchPolicy | None = None) -> None:
    """Poll one subscription: each new item becomes a draft (a scheduled story for trusted sources)."""
    report.polled += 1
    conditional = {"If-None-Match": subscription.etag} if subscription.etag else {}
    if subscription.modified:
        conditional["If-Modified-Since"] = subscription.modified
    try:
        fetched = fetch(subscription.url, rules=rules, accept=FEED_TYPES, headers=conditional)
        if fetched.status == 304:
            services.record_poll_success(subscription, etag=subscription.etag, modified=subscription.modified)
            return
        if fetched.status != 200:
            raise ImportRefused(subscription.url, f"the server answered {fetched.status}.")
        items = parse_feed(fetched.body, source=subscription.name, credit=subscription.credit or subscription.name)
    except ImportRefused as exc:
        services.record_poll_failure(subscription, error=str(exc))
        report.failed_feeds.append(str(exc))
        return
    for item in reversed(items):  # oldest first, so stories are created in the order they were written
        try:
            with acting_as(f"Feed “{subscription.name}”"):
                saved = services.save_story(
                    item.story,
                    by=None,
                    section=subscription.section,
                    source=f"feed:{subscription.pk}",
                    external_id=item.guid,
                    version=item.version,
                    publish=subscription.is_trusted,
                )
        except ValidationError as exc:
            report.failed_items.append(f"{subscription.name}: “{item.story.headline}”: {' '.join(exc.messages)}")
            continue
        report.created += saved.created
        report.seen += not saved.created
    services.record_poll_success(
        subscription, etag=fetched.headers.get("etag", ""), modified=fetched.headers.get("last-modified", "")
    )


def poll_due(*, rules: FetchPolicy | None = None, everything: bool = False) -> PollReport:
    """Poll every subscription that is due (or every active one) and return what happened."""
    report = PollReport()
    subscriptions = FeedSubscription.objects.filter(is_active=True) if everything else selectors.due_subscriptions()
    for subscription in subscriptions.select_related("section"):
        poll(subscription, report, rules=rules)
    return report
