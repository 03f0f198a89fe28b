"""The preview (`mkdocs serve`) while a record is broken: one page with the `kaart check` messages.

Without it the preview hangs: mkdocs keeps every request waiting until a build succeeds. The hook
builds this page instead, for every address (as index.html and 404.html), so the editor sees in
the browser what is wrong. The page reloads itself every few seconds; once the record is fixed the
next reload shows the real site again. Plain HTML, no theme, every message escaped.
"""

from __future__ import annotations

import html

REFRESH_SECONDS = 3


def preview_report(exc: Exception) -> str:
    """The text for the error page: the BuildError's `kaart check` report, or a crash of kaart itself."""
    from kaart.build import BuildError
    from kaart.result import ProjectFileError

    if isinstance(exc, BuildError):
        return str(exc)
    if isinstance(exc, ProjectFileError):  # a schema that is a FIFO: the same heading, one message
        return f"De site is niet gebouwd: los eerst dit probleem op.\n{exc}\n1 fout."
    return (
        f"De site is niet gebouwd: kaart stopte met een interne fout.\n{type(exc).__name__}: {exc}\n"
        "De volledige melding staat in de terminal; meld haar bij de beheerders van de site."
    )


def error_page(report: str, refresh_seconds: int = REFRESH_SECONDS) -> str:
    """`report` is the BuildError text: a heading line, then `kaart check`'s lines (the last is the count)."""
    lines = [line for line in report.splitlines() if line.strip()]
    heading, messages = (lines[0], lines[1:]) if lines else ("De site is niet gebouwd.", [])
    summary = messages.pop() if messages else ""  # kaart.check.reporting.render ends with the count
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in messages)
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="{int(refresh_seconds)}">
<title>Voorbeeld: de site is niet gebouwd</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }}
h1 {{ font-size: 1.5rem; color: #a00; }}
li {{ margin: .5rem 0; }}
code {{ white-space: pre-wrap; overflow-wrap: anywhere; font-size: .95rem; }}
</style>
</head>
<body>
<main>
<h1>De site is niet gebouwd</h1>
<p>{html.escape(heading)}</p>
<ul id="kaart-meldingen">
{items}
</ul>
<p>{html.escape(summary)}</p>
<p>Dit zijn dezelfde meldingen als van <code>kaart check</code>. Sla het bestand op na je verbetering:
deze pagina ververst elke {int(refresh_seconds)} seconden en toont dan weer de site.</p>
</main>
</body>
</html>
"""
