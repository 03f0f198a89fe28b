"""Search: the Dutch site index written at build time."""
