"""Thin mkdocs hook: hand the pages and data prepared by the `kaart` package to the build.

All loading, checking, rendering and exporting lives in `kaart` (which does not
import mkdocs); this file only translates between the two.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from kaart.build import BuildError, prepare_site
from kaart.project import Project
from kaart.reporting import format_text
from kaart.security import secure_html

log = logging.getLogger("mkdocs.hooks.kaart")
_state: dict = {}


def on_config(config):
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        prepared = prepare_site(project)
    except BuildError as exc:
        raise PluginError(str(exc)) from None
    for problem in prepared.result.warnings:
        log.warning(format_text(problem))
    _state["prepared"] = prepared
    if "abbr" not in config.markdown_extensions:
        config.markdown_extensions.append("abbr")
    config.mdx_configs.setdefault("abbr", {})["glossary"] = prepared.abbreviations
    return config


def on_files(files, config):
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
    return secure_html(output)


def on_post_template(output_content, template_name, config):
    return secure_html(output_content) if template_name.endswith(".html") else output_content
