"""Our own JavaScript and CSS, minified in the built site (rjsmin, rcssmin).

The files in content/ stay readable for editors and reviewers; the built site
serves them without comments and whitespace (a phone on a weak connection
downloads and parses less).  The theme's bundle is already minified upstream.
"""

from __future__ import annotations

from pathlib import Path

from kaart.project import Project


def own_assets(project: Project) -> list[str]:
    """Paths (relative to content/, as in the built site) of our own .js and .css files."""
    content = project.content_dir
    return sorted(p.relative_to(content).as_posix() for ext in ("*.js", "*.css") for p in content.rglob(ext))


def minify(name: str, text: str) -> str:
    if name.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(text, keep_bang_comments=True)  # /*! licence */ comments stay
    import rcssmin

    return rcssmin.cssmin(text, keep_bang_comments=True)


def minify_site(project: Project, site_dir: Path) -> dict[str, tuple[int, int]]:
    """Minify our own assets in a built site folder in place; returns {path: (bytes before, bytes after)}."""
    sizes = {}
    for rel in own_assets(project):
        path = Path(site_dir) / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        small = minify(rel, text)
        path.write_text(small, encoding="utf-8")
        sizes[rel] = (len(text.encode("utf-8")), len(small.encode("utf-8")))
    return sizes
