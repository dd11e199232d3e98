"""Stories that come from outside: feed subscriptions, items already seen, old addresses, API tokens."""
