"""Site search: the index of published stories and the ranked, filtered query over it."""
