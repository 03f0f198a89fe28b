"""Publish: what turns generated pages into a site (CSP, headers, minify, the atomic build, the written
tree, the preview)."""
