"""Thin mkdocs hook: hand the pages and data prepared by the `kaart` package to the build.

All loading, checking, rendering and exporting lives in `kaart` (which does not
import mkdocs); this file only translates between the two.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kaart.build import BuildError, prepare_site
from kaart.check.reporting import format_text
from kaart.instellingen import Instellingen
from kaart.project import Project
from kaart.publish.headers import write_headers
from kaart.publish.minify import minify_site
from kaart.publish.preview import error_page, preview_report
from kaart.publish.security import secure_html
from kaart.result import ProjectFileError

log = logging.getLogger("mkdocs.hooks.kaart")
_state: dict = {}


def on_startup(command, dirty):
    _state["serve"] = command == "serve"


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent)
    _state["preview_error"] = None
    try:
        prepared = prepare_site(
            project, instellingen=Instellingen.uit_extra(dict(config.extra or {}), site_url=config.site_url)
        )
    except Exception as exc:
        refused = isinstance(exc, (BuildError, ProjectFileError))
        if not _state.get("serve"):
            if refused:
                raise PluginError(str(exc)) from None
            raise
        if not refused:  # a bug in kaart itself: the traceback goes to the terminal
            log.exception("kaart stopte met een interne fout")
        return _preview_error(config, preview_report(exc))
    for problem in prepared.result.warnings:
        log.warning(format_text(problem))
    _state["prepared"] = prepared
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = prepared.abbreviations
    return config


def _preview_error(config, report: str):
    """`mkdocs serve` with a broken record: build only the error page, so no request hangs."""
    log.error(report)
    _state["preview_error"] = report
    config.nav = []  # the nav's pages are not built; no warning for each of them
    return config


def on_files(files, config):
    if _state.get("preview_error"):  # keep the theme's files, drop everything of content/ (it may be the problem)
        # abspath, not resolve(): a linked file counts by where it stands, not where it points
        docs = Path(os.path.abspath(config.docs_dir))
        return Files(
            [f for f in files if not f.abs_src_path or not Path(os.path.abspath(f.abs_src_path)).is_relative_to(docs)]
        )
    prepared = _state["prepared"]
    for src_uri, page in prepared.output.pages.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:  # a hand-written page in content/ wins over a generated one
            continue
        file = File.generated(config, src_uri, content=page.markdown)
        # edit_uri in mkdocs.yml ends in content/; generated pages edit their YAML source instead
        file.edit_uri = f"../{page.edit_path}" if page.edit_path else None
        files.append(file)
    for dest, data in prepared.output.files.items():
        files.append(File.generated(config, dest, content=data))
    return files


def on_page_markdown(markdown, page, config, files):
    return _state["prepared"].page_markdown(page.file.src_uri, markdown)


def on_post_page(output, page, config):
    # Content-Security-Policy: only the theme's own inline scripts run (by hash), no other host.
    # The same per-page step as `kaart nabewerk SITE` runs over a folder built by another generator.
    # Not in the preview: mkdocs serve injects an inline live-reload script the CSP would block.
    return output if _state.get("serve") else secure_html(output)


def on_post_template(output_content, template_name, config):
    return (
        secure_html(output_content) if template_name.endswith(".html") and not _state.get("serve") else output_content
    )


def on_post_build(config):
    if _state.get("preview_error"):  # every address shows the messages: index.html, and 404.html for the rest
        page = error_page(_state["preview_error"])
        for name in ("index.html", "404.html"):
            (Path(config.site_dir) / name).write_text(page, encoding="utf-8")
        return
    # our own JS and CSS, minified in the built site only (content/ stays readable)
    minify_site(Project(Path(config.config_file_path).resolve().parent), Path(config.site_dir))
    write_headers(Path(config.site_dir))  # _headers for the static host: CSP + frame-ancestors, nosniff, referrer
