"""Articles, sections, tags, authors, bylines and the site's own settings."""
