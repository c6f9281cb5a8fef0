"""Anonymous counts (issue 4)."""
