"""The content API: public stories as JSON for apps and partners; a token-scoped write API for agencies."""
