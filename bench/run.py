"""Benchmarks entry point (`make bench`). The page benchmarks arrive with the performance issue."""

print("no benchmarks yet")
