"""Small helpers to put record text safely into Markdown pages."""
from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def inline(value: str | None) -> str:
    """Plain text for use inside Markdown: HTML-escaped, Markdown syntax neutralised, one line."""
    if not value:
        return ""
    text = " ".join(str(value).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def block(value: str | None) -> str:
    """A Markdown text field (beschrijving): HTML escaped so it can only ever render as text."""
    if not value:
        return ""
    return html.escape(str(value).strip(), quote=False)


def first_sentence(value: str, limit: int = 160) -> str:
    text = " ".join(re.sub(r"[*_#>`]", "", value).split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def leeftijd_text(minimum: int | None, maximum: int | None) -> str | None:
    if minimum is not None and maximum is not None:
        return f"{minimum} t/m {maximum} jaar"
    if minimum is not None:
        return f"vanaf {minimum} jaar"
    if maximum is not None:
        return f"tot en met {maximum} jaar"
    return None
