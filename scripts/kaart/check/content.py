"""Everything of content/ that `kaart check` judges besides the records: the gate, the pages' text, the glossary.

- the gate (kaart.records.gate): no link, FIFO or device, UTF-8 text, a size limit per kind;
- the text policy for hand-written pages (every content/**/*.md, the praktijk pages too), the
  counterpart of kaart.check.textpolicy for records (also in CONTRIBUTING.md, "Pagina's in content/"):
  - raw HTML only from `ALLOWED_TAGS`, with only the attributes in `ALLOWED_ATTRIBUTES`
    (the search page and the home page need a few blocks that Markdown cannot write);
    never an event handler (`onclick=`), `style=`, `<script>`, `<iframe>`, `<img>` and the like;
  - links only to https://, http://, mailto:, tel: or a page of the site (never javascript:, data:, …);
  - images only from the site itself (a relative path to a picture in content/);
  - attribute lists (`{ .klasse }`) only with classes and ids;
  Code (``` blocks and `inline`) and HTML comments are text, not HTML, and are skipped;
- the glossary (content/woordenlijst.yml against schemas/woordenlijst.schema.json, kaart.pages.glossary).
"""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import Path

from kaart.pages.glossary import load_glossary
from kaart.project import Project
from kaart.records.gate import OWN_READER_FOLDERS, published_problems
from kaart.records.loading import LoadedFile, _NotRegular, _read_regular, parse_text
from kaart.result import Problem
from kaart.text import site_image

ALLOWED_TAGS = frozenset({"div", "section", "p", "span", "ol", "ul", "li", "h2", "h3", "a", "strong", "em", "br"})
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "role", "hidden", "markdown", "href", "title"})  # and aria-*
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
POLICY_HINT = "zie CONTRIBUTING.md, Pagina's in content/"
PAGE_LIMIT = 256 * 1024

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
# a code span ends within its paragraph: a stray ` must not hide the HTML of the paragraphs after it
_CODE = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT = re.compile(r"\A---\n.*?\n---[ \t]*\n", re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_AUTOLINK = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9+.-]*)\s*:[^>\s]*>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_MD_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)>]*?)>?(?:\s+[\"'(][^)]*)?\s*\)")
_MD_REF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s.*)?$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*)\}")
_ATTR_LIST_PART = re.compile(r"^(?:\.[A-Za-z0-9_-]+|#[A-Za-z0-9_-]+)$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def content_problems(project: Project) -> list[Problem]:
    """The gate, the page policy and the glossary: what `kaart check` says about content/, overrides/ and schemas/."""
    gate = published_problems(project.root)
    refused = {p.file for p in gate}
    problems = list(gate)
    content = project.content_dir
    if content.is_dir() and not content.is_symlink():
        for dirpath, dirnames, filenames in os.walk(content):
            dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
            for name in sorted(filenames):
                path = Path(dirpath) / name
                rel = project.rel(path)
                if name.endswith(".md") and rel not in refused:
                    problems.extend(page_problems(path, rel))
    if "content/woordenlijst.yml" not in refused:
        problems.extend(load_glossary(project)[1])
    return problems


def page_problems(path: Path, rel: str) -> list[Problem]:
    """Raw HTML, unsafe links and images from elsewhere in one hand-written page."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return []  # the gate or the praktijk reader names it
        text = _read_regular(path, PAGE_LIMIT).decode("utf-8")
    except (OSError, _NotRegular, UnicodeDecodeError):
        return []  # idem
    return text_problems(text, rel)


def _blank(match: re.Match) -> str:
    # keep every line end, so the offsets after it still give the right line
    return re.sub(r"[^\n]", " ", match.group(0))


def front_matter_problems(text: str, rel: str) -> list[Problem]:
    """A page that starts with --- has front matter: it must be closed and be YAML fields.

    Otherwise mkdocs shows the block as text on the page (the `title:` line became a heading).
    """
    if not text.startswith("---\n") or rel.startswith(OWN_READER_FOLDERS):
        return []  # the praktijk pages' reader checks theirs (kaart.check.checker)
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return [
            Problem(
                rel,
                1,
                "",
                "de voorpagina (front matter) begint met --- maar wordt nergens afgesloten",
                "zet na de laatste veldregel een regel met alleen ---",
                "pagina-voorpagina",
            )
        ]
    loaded = parse_text(text[4 : 4 + end.start()], LoadedFile(Path(rel), rel))
    return [Problem(p.file, p.line + 1, p.veld, p.bericht, p.oplossing, p.regel, p.ernst) for p in loaded.problems]


def text_problems(text: str, rel: str) -> list[Problem]:
    source = text
    front = front_matter_problems(text, rel)
    for pattern in (_FRONT, _FENCE, _COMMENT, _CODE):
        text = pattern.sub(_blank, text)
    out: list[Problem] = []

    def add(at: int, bericht: str, oplossing: str, regel: str) -> None:
        out.append(Problem(rel, source.count("\n", 0, at) + 1, "", bericht, oplossing, regel))

    for match in _AUTOLINK.finditer(text):
        scheme = match.group(1).lower()
        if scheme not in SAFE_SCHEMES:
            add(match.start(), f"link naar een {scheme}:-adres", _LINK_FIX, "pagina-link")
    autolinks = {m.start() for m in _AUTOLINK.finditer(text)}
    for match in _TAG.finditer(text):
        if match.start() in autolinks:
            continue
        tag = match.group(2).lower()
        if match.group(1):  # a closing tag: its opening tag was judged
            continue
        if tag not in ALLOWED_TAGS:
            add(match.start(), f"HTML-element <{tag}> is niet toegestaan op een pagina", _HTML_FIX, "pagina-html")
            continue
        for attribute in _ATTRIBUTE.finditer(match.group(3)):
            name = attribute.group(1).lower()
            value = html.unescape((attribute.group(2) or "").strip("\"'"))
            if name not in ALLOWED_ATTRIBUTES and not name.startswith("aria-"):
                add(
                    match.start(),
                    f"attribuut {name}= op <{tag}> is niet toegestaan op een pagina",
                    _HTML_FIX,
                    "pagina-html",
                )
            elif name == "href":
                out.extend(_link_problem(value, rel, source.count("\n", 0, match.start()) + 1))
    for match in _MD_LINK.finditer(text):
        line = source.count("\n", 0, match.start()) + 1
        target = html.unescape(match.group(2).strip())
        if match.group(1):  # an image
            if not site_image(target):
                out.append(
                    Problem(
                        rel,
                        line,
                        "",
                        f"afbeelding van buiten de site ({_shown(target)})",
                        "zet de afbeelding in content/assets/ en verwijs ernaar met een relatief pad, "
                        "zoals ../assets/plaatje.png",
                        "pagina-afbeelding",
                    )
                )
            continue
        out.extend(_link_problem(target, rel, line))
    for match in _MD_REF.finditer(text):
        out.extend(_link_problem(html.unescape(match.group(1)), rel, source.count("\n", 0, match.start()) + 1))
    for match in _ATTR_LIST.finditer(text):
        parts = match.group(1).split()
        if parts and not all(_ATTR_LIST_PART.match(p) for p in parts) and any("=" in p for p in parts):
            add(
                match.start(),
                f"attribuutlijst {{{_shown(match.group(1).strip())}}} zet meer dan een klasse of id",
                "gebruik in { } alleen .klasse of #id",
                "pagina-html",
            )
    return sorted(front + out, key=lambda p: p.line)


_HTML_FIX = (
    "schrijf Markdown; alleen <" + ">, <".join(sorted(ALLOWED_TAGS)) + "> met class, id, role, hidden, title en "
    f"aria-… zijn toegestaan ({POLICY_HINT})"
)
_LINK_FIX = f"link alleen naar https://, mailto:, tel: of een pagina van de site ({POLICY_HINT})"


def _link_problem(target: str, rel: str, line: int) -> list[Problem]:
    plain = _INVISIBLE.sub("", target)  # browsers ignore spaces and control characters in a scheme
    scheme = _SCHEME.match(plain)
    if not scheme or scheme.group(1).lower() in SAFE_SCHEMES:
        return []
    return [Problem(rel, line, "", f"link naar een {scheme.group(1).lower()}:-adres", _LINK_FIX, "pagina-link")]


def _shown(value: str) -> str:
    value = "".join(c if c.isprintable() else "?" for c in value)
    return value if len(value) <= 60 else value[:59] + "…"
