"""Writes export.xml: a WordPress export the size of the demo (~50 posts), text written for this project.

Run from the repository root: python src/broadsheet/importers/tests/wordpress/make_export.py
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

SITE = "https://old-gazette.example"
AUTHORS = [("mara", "Mara Lindqvist"), ("tomas", "Tomas Reyes"), ("ines", "Ines Moreau")]
CATEGORIES = [("news", "News"), ("sport", "Sport"), ("culture", "Culture"), ("search", "Search and Rescue")]
TAGS = [("harbour", "Harbour"), ("council", "Council"), ("schools", "Schools"), ("weather", "Weather")]
SUBJECTS = ["harbour board", "town council", "rowing club", "library", "school governors", "ferry company",
            "orchestra", "allotment society", "fire brigade", "bus operator", "museum", "market traders"]  # fmt: skip
VERBS = ["approves", "delays", "celebrates", "rethinks", "opens", "funds", "questions", "wins"]
OBJECTS = ["new opening hours", "winter plans", "a spring festival", "repairs to the pier", "a larger budget",
           "the summer timetable", "a youth programme", "a new home"]  # fmt: skip
SENTENCES = [
    "The decision was taken at a meeting on Tuesday evening that ran well past its planned finish.",
    "Members said they had listened to residents who wrote in over the past month.",
    "A spokesperson said the details would be published on the notice board next week.",
    "Not everyone was happy, and two members voted against the proposal.",
    "The money comes from a reserve set aside three years ago for this kind of work.",
    "Work is expected to start in the spring, weather permitting.",
    "Local shops said they hoped the change would bring more visitors into town.",
    "The chair thanked volunteers who had given their time over the winter.",
]
COMMENTS = [
    "Good to see this finally happening.", "About time too.", "Does anyone know when the work starts?",
    "I was at the meeting and it was a fair debate.", "This will help families on the east side.",
    "Not convinced it is worth the money.", "Thanks for reporting this.",
]  # fmt: skip


def item(post_id: int, rng: random.Random, when: datetime) -> str:
    subject, verb, obj = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    title = f"{subject.capitalize()} {verb} {obj}"
    slug = f"{subject}-{verb}-{obj}".replace(" ", "-").replace("a-", "", 1)[:60] + f"-{post_id}"
    status = "publish"
    if post_id in (12, 31):
        status = "draft"
    elif post_id == 44:
        status, when = "future", datetime(2031, 1, 5, 9, 0, tzinfo=UTC)
    elif post_id == 40:
        status = "trash"
    paragraphs = rng.sample(SENTENCES, 4)
    body = "\n\n".join(paragraphs)
    if post_id == 7:
        body = ('[caption id="attachment_901" align="alignnone" width="300"]The pier at dusk[/caption]\n\n'
                + f'<img src="{SITE}/wp-content/uploads/2019/04/market.jpg" alt="Market day" width="300">\n\n'
                + f'<img src="{SITE}/wp-content/uploads/2019/05/missing.jpg" alt="Gone">\n\n' + body
                + '\n\n<script>alert("old theme")</script>\n\n[gallery ids="901,902"]')  # fmt: skip
    if post_id == 9:
        body = "Line one of a short notice\nline two of the same paragraph.\n\n" + body
    category = CATEGORIES[post_id % len(CATEGORIES)] if post_id % 11 else None
    author = AUTHORS[post_id % len(AUTHORS)][0] if post_id != 23 else "guest-writer"
    terms = ""
    if category:
        terms += f'<category domain="category" nicename="{category[0]}"><![CDATA[{category[1]}]]></category>'
    for tag_slug, tag_name in rng.sample(TAGS, rng.randint(0, 2)):
        terms += f'<category domain="post_tag" nicename="{tag_slug}"><![CDATA[{tag_name}]]></category>'
    thumb = ""
    if post_id in (3, 7, 15):
        thumb = f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{ {3: 900, 7: 901, 15: 902}[post_id] }</wp:meta_value></wp:postmeta>"  # noqa: E501
    comments = ""
    if status == "publish" and post_id % 3 == 0:
        base = post_id * 100
        states = ["1", "1", "0", "spam", "1"]
        for n in range(rng.randint(1, 4)):
            parent = base if n and rng.random() < 0.5 else 0
            comments += comment(base + n, parent, states[n % len(states)], when + timedelta(hours=n + 1), rng)
        if post_id == 6:
            comments += comment(base + 50, 0, "trash", when + timedelta(hours=9), rng)
            comments += comment(base + 51, 0, "1", when + timedelta(hours=9), rng, kind="pingback")
            comments += comment(base + 52, 0, "1", when + timedelta(hours=9), rng, email="")
    gmt = when.strftime("%Y-%m-%d %H:%M:%S")
    return f"""
<item>
<title>{escape(title)}</title>
<link>{SITE}/{when:%Y/%m/%d}/{slug}/</link>
<pubDate>{when:%a, %d %b %Y %H:%M:%S} +0000</pubDate>
<dc:creator><![CDATA[{author}]]></dc:creator>
<guid isPermaLink="false">{SITE}/?p={post_id}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[{paragraphs[0] if post_id % 2 else ""}]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id>
<wp:post_date_gmt>{gmt}</wp:post_date_gmt>
<wp:post_name>{slug}</wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type>
{terms}{thumb}{comments}
</item>"""


def comment(cid: int, parent: int, approved: str, when: datetime, rng: random.Random, *, kind: str = "",
            email: str | None = None) -> str:  # fmt: skip
    name = rng.choice(["Ruth", "Ade", "Kofi", "Lena", "Sam", "Priya"])
    address = f"{name.lower()}{cid}@readers.example" if email is None else email
    return f"""<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[{name}]]></wp:comment_author>
<wp:comment_author_email>{address}</wp:comment_author_email><wp:comment_date_gmt>{when:%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{rng.choice(COMMENTS)} <b>really</b>]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""  # noqa: E501


def page(post_id: int, title: str, slug: str) -> str:
    return f"""
<item><title>{title}</title><link>{SITE}/{slug}/</link><dc:creator><![CDATA[mara]]></dc:creator>
<content:encoded><![CDATA[<p>{title}: this page of the old site describes the paper.</p>]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2018-01-01 09:00:00</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>page</wp:post_type></item>"""  # noqa: E501


def attachment(post_id: int, file: str) -> str:
    return f"""
<item><title>Photo {post_id}</title><link>{SITE}/?attachment_id={post_id}</link>
<excerpt:encoded><![CDATA[A picture from the archive]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>2019-01-01 09:00:00</wp:post_date_gmt><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>{SITE}/wp-content/uploads/{file}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>{file}</wp:meta_value></wp:postmeta></item>"""


def build() -> str:
    rng = random.Random(2026)
    start = datetime(2019, 3, 1, 8, 0, tzinfo=UTC)
    authors = "".join(
        f"<wp:author><wp:author_login>{login}</wp:author_login><wp:author_email>{login}@old-gazette.example"
        f"</wp:author_email><wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>"
        for login, name in AUTHORS
    )
    categories = "".join(
        f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename><wp:cat_name><![CDATA[{name}]]>"
        f"</wp:cat_name></wp:category>"
        for slug, name in CATEGORIES
    )
    tags = "".join(
        f"<wp:tag><wp:tag_slug>{slug}</wp:tag_slug><wp:tag_name><![CDATA[{name}]]></wp:tag_name></wp:tag>"
        for slug, name in TAGS
    )
    items = "".join(item(n, rng, start + timedelta(days=n * 9, hours=n % 7)) for n in range(1, 51))
    items += page(501, "About us", "about") + page(502, "Contact", "contact") + page(503, "Advertise", "advertise")
    items += attachment(900, "2019/03/pier.jpg") + attachment(901, "2019/04/market.jpg")
    items += attachment(902, "2019/05/missing.jpg")
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>The Old Gazette</title><link>{SITE}</link><language>en-GB</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>
{authors}{categories}{tags}{items}
</channel>
</rss>
"""


if __name__ == "__main__":
    (Path(__file__).parent / "export.xml").write_text(build(), encoding="utf-8")
