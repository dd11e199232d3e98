"""Configuration: the environment, the two profiles and the typed product `Config`."""
