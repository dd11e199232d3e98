"""What a feed covers: the whole paper, or one section, author or tag — resolved once for every format."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse

from broadsheet.content import selectors
from broadsheet.content.models import Article, Author, Section, Tag


@dataclass(frozen=True)
class Scope:
    kind: str  # "site", "sections", "authors" or "tags"
    slug: str
    title: str
    description: str
    link: str  # the page the feed mirrors
    section: Section | None = None
    author: Author | None = None
    tag: Tag | None = None

    def articles(self) -> list[Article]:
        return selectors.feed_articles(section=self.section, author=self.author, tag=self.tag)

    def feed_path(self, fmt: str) -> str:
        if self.kind == "site":
            return reverse("feeds:site", kwargs={"fmt": fmt})
        return reverse("feeds:scoped", kwargs={"kind": self.kind, "slug": self.slug, "fmt": fmt})


def resolve_scope(kind: str = "site", slug: str = "") -> Scope:
    """Return the scope named in a feed URL, or raise Http404."""
    site = selectors.site_settings()
    name = site.publication_name
    if kind == "site":
        about = site.tagline or f"The latest stories from {name}."
        return Scope("site", "", name, about, reverse("reader:home"))
    if kind == "sections" and (section := selectors.section_by_slug(slug)):
        about = section.description or f"{section.name} stories from {name}."
        return Scope(kind, slug, f"{section.name} — {name}", about, section.get_absolute_url(), section=section)
    if kind == "authors" and (author := selectors.author_by_slug(slug)):
        about = f"Stories by {author.name} in {name}."
        return Scope(kind, slug, f"{author.name} — {name}", about, author.get_absolute_url(), author=author)
    if kind == "tags" and (tag := selectors.tag_by_slug(slug)):
        about = f"Stories about {tag.name} in {name}."
        return Scope(kind, slug, f"{tag.name} — {name}", about, tag.get_absolute_url(), tag=tag)
    raise Http404("There is no feed at this address.")
