"""The public news site: home, section, article, author and tag pages."""
