"""Pages: the Markdown of every generated page (offers, organisations, overviews, werklijst, dekking, finder)."""
