"""Site settings the kaart itself needs, from `extra.redactie` in mkdocs.yml.

    extra:
      redactie:
        email: !ENV KAART_REDACTIE_EMAIL   # where "Mail de redactie" on offer pages goes
        cadans_maanden: 12                  # how often a provider confirms an offer

The mkdocs hook hands mkdocs' own `config.extra` (with !ENV resolved by mkdocs); commands
without mkdocs (`kaart rapport`, `kaart genereer`) read mkdocs.yml here, resolving !ENV the
same way, so the site and the terminal agree.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from kaart.actualiteit import DEFAULT_CADANS_MAANDEN
from kaart.result import WARNING, Problem

# The same pattern as contact.email in schemas/aanbod.schema.json: an address a mail program accepts.
_EMAIL = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9._+-]*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.[a-z]{2,}$"
)


@dataclass(frozen=True)
class Instellingen:
    redactie_email: str | None = None
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN
    problemen: tuple[Problem, ...] = ()  # warnings about the settings, shown once per build
    site_url: str | None = None  # mkdocs' site_url: absolute URLs in the HSDS API root

    @classmethod
    def uit_extra(cls, extra: dict | None, bestand: str = "mkdocs.yml", site_url: str | None = None) -> Instellingen:
        """From mkdocs' `extra` mapping; a wrong value is a warning and falls back to the default."""
        redactie = (extra or {}).get("redactie") or {}
        if not isinstance(redactie, dict):
            redactie = {}
        problemen = []
        email = redactie.get("email")
        email = email.strip() if isinstance(email, str) else None
        if not email:
            email = None
            problemen.append(
                Problem(
                    bestand,
                    0,
                    "extra.redactie.email",
                    "geen e-mailadres van de redactie ingesteld; op de pagina's van het aanbod staat daarom "
                    "alleen de link naar GitHub, niet 'Mail de redactie'",
                    "zet KAART_REDACTIE_EMAIL (of extra.redactie.email in mkdocs.yml) op het adres van de redactie",
                    regel="instelling",
                    ernst=WARNING,
                )
            )
        elif not _EMAIL.match(email):
            problemen.append(
                Problem(
                    bestand,
                    0,
                    "extra.redactie.email",
                    f"'{email[:80]}' is geen e-mailadres; de link 'Mail de redactie' staat niet op de site",
                    "schrijf een adres als redactie@voorbeeld.nl",
                    regel="instelling",
                    ernst=WARNING,
                )
            )
            email = None
        cadans = redactie.get("cadans_maanden", DEFAULT_CADANS_MAANDEN)
        if isinstance(cadans, bool) or not isinstance(cadans, int) or not 1 <= cadans <= 120:
            problemen.append(
                Problem(
                    bestand,
                    0,
                    "extra.redactie.cadans_maanden",
                    f"'{cadans}' is geen aantal maanden; de kaart rekent met {DEFAULT_CADANS_MAANDEN}",
                    "schrijf een heel getal van 1 tot en met 120, bijvoorbeeld 12",
                    regel="instelling",
                    ernst=WARNING,
                )
            )
            cadans = DEFAULT_CADANS_MAANDEN
        return cls(email, cadans, tuple(problemen), site_url or None)

    @classmethod
    def lees(cls, root: Path) -> Instellingen:
        """From mkdocs.yml in the project root; no file or no `extra` gives the defaults (and the warning)."""
        path = root / "mkdocs.yml"
        try:
            config = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkdocsLoader) if path.is_file() else {}
        except yaml.YAMLError:
            config = {}  # mkdocs itself reports a broken mkdocs.yml
        config = config if isinstance(config, dict) else {}
        extra, site_url = config.get("extra"), config.get("site_url")
        return cls.uit_extra(
            extra if isinstance(extra, dict) else None, site_url=site_url if isinstance(site_url, str) else None
        )


class _MkdocsLoader(yaml.SafeLoader):
    """mkdocs.yml's tags: !ENV resolved as mkdocs does, any other tag (python names ...) read as nothing."""


def _env(loader, node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1]
    for name in names:
        if isinstance(name, str) and os.environ.get(name):
            return os.environ[name]
    return default


_MkdocsLoader.add_constructor("!ENV", _env)
_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)
