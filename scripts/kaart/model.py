"""Typed records.  Build them only from data that passed the checker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

# The four blocks of a youth summary, in the order pages show them.
JONGERENTAAL_VELDEN = ("wat_is_het", "is_het_voor_mij", "wat_krijg_je", "hoe_begin_je")


@dataclass(frozen=True)
class Bron:
    document: str | None = None
    titel: str | None = None
    jaar: int | None = None
    onderdeel: str | None = None
    url: str | None = None
    bevestigd: str | None = None  # JJJJ-MM-DD: "bevestigd door de aanbieder" on that date
    door: str | None = None  # who confirmed it and how, e.g. "De Schoor, per e-mail"

    @classmethod
    def from_dict(cls, data: dict) -> Bron:
        return cls(**{k: data.get(k) for k in ("document", "titel", "jaar", "onderdeel", "url", "bevestigd", "door")})


CONTACT_VELDEN = ("website", "telefoon", "email", "adres")


def _contact(data: dict) -> tuple[dict, dict]:
    """The contact values, and per value its own source (`contact.bronnen.<veld>`)."""
    contact = dict(data.get("contact", {}))
    bronnen = contact.pop("bronnen", None) or {}
    return contact, {k: Bron.from_dict(v) for k, v in bronnen.items()}


def _aanbieders(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


@dataclass(frozen=True)
class Resultaat:
    cijfer: str
    wat: str
    jaar: int
    bron: Bron


@dataclass(frozen=True)
class Aanbod:
    id: str
    naam: str
    aanbieder: str  # the first provider the source names; show `aanbieders`
    status: str
    soort: str
    fase: tuple[str, ...]
    helpt_bij: tuple[str, ...]
    voor: tuple[str, ...]
    werkgebied: dict
    jongerentaal: dict
    beschrijving: str
    bronnen: tuple[Bron, ...]
    leeftijd_min: int | None = None
    leeftijd_max: int | None = None
    startkwalificatie: str | None = None
    kenmerken: tuple[str, ...] = ()
    situatie: tuple[str, ...] = ()  # op-school, dreigt-uit-te-vallen, gestopt, uitkering, werkt
    schooltype: tuple[str, ...] = ()  # po, vo, vmbo, pro, vso, mbo, entree (only with op-school / dreigt-uit-te-vallen)
    doelgroep_bronnen: dict = field(default_factory=dict)  # feit -> {document|titel, onderdeel, citaat}
    voorwaarden: str | None = None
    aanmelden: tuple[str, ...] = ()
    aanmelden_uitleg: str | None = None
    kosten: str | None = None
    nazorg: bool | None = None
    nazorg_uitleg: str | None = None
    resultaten: tuple[Resultaat, ...] = ()
    contact: dict = field(default_factory=dict)
    laatst_gecontroleerd: str | None = None
    trefwoorden: tuple[str, ...] = ()
    toelichting: str | None = None
    source_file: str = ""  # project-relative path of the YAML, for edit links and messages
    aanbieders: tuple[str, ...] = ()  # every provider the source names, in its order
    contact_bronnen: dict = field(default_factory=dict)  # contact field -> Bron

    @classmethod
    def from_dict(cls, data: dict, source_file: str = "") -> Aanbod:
        doelgroep = data.get("doelgroep", {})
        leeftijd = doelgroep.get("leeftijd", {})
        toegang = data.get("toegang", {})
        nazorg = data.get("nazorg", {})
        aanbieders = _aanbieders(data["aanbieder"])
        contact, contact_bronnen = _contact(data)
        return cls(
            id=data["id"],
            naam=data["naam"],
            aanbieder=aanbieders[0],
            aanbieders=aanbieders,
            status=data["status"],
            soort=data["soort"],
            fase=tuple(data["fase"]),
            helpt_bij=tuple(data["helpt_bij"]),
            voor=tuple(data["voor"]),
            werkgebied=dict(data["werkgebied"]),
            jongerentaal=dict(data["jongerentaal"]),
            beschrijving=data["beschrijving"],
            bronnen=tuple(Bron.from_dict(b) for b in data["bronnen"]),
            leeftijd_min=leeftijd.get("min"),
            leeftijd_max=leeftijd.get("max"),
            startkwalificatie=doelgroep.get("startkwalificatie"),
            kenmerken=tuple(doelgroep.get("kenmerken", ())),
            situatie=tuple(doelgroep.get("situatie", ())),
            schooltype=tuple(doelgroep.get("schooltype", ())),
            doelgroep_bronnen={k: dict(v) for k, v in doelgroep.get("bronnen", {}).items()},
            voorwaarden=doelgroep.get("voorwaarden"),
            aanmelden=tuple(toegang.get("aanmelden", ())),
            aanmelden_uitleg=toegang.get("uitleg"),
            kosten=toegang.get("kosten"),
            nazorg=nazorg.get("geboden"),
            nazorg_uitleg=nazorg.get("uitleg"),
            resultaten=tuple(
                Resultaat(r["cijfer"], r["wat"], r["jaar"], Bron.from_dict(r["bron"]))
                for r in data.get("resultaten", ())
            ),
            contact=contact,
            contact_bronnen=contact_bronnen,
            laatst_gecontroleerd=data.get("laatst_gecontroleerd"),
            trefwoorden=tuple(data.get("trefwoorden", ())),
            toelichting=data.get("toelichting"),
            source_file=source_file,
        )

    @cached_property
    def doelgroep_bron(self) -> dict[str, Bron]:
        """`doelgroep_bronnen` as typed sources, without the quotes (pages, finder and exports ask per fact)."""
        return {feit: Bron.from_dict(b) for feit, b in self.doelgroep_bronnen.items()}

    @property
    def alleen_voor_professionals(self) -> bool:
        """Young people cannot go there themselves (meldnorm, overdrachtsoverleg ...)."""
        return "jongeren" not in self.voor


@dataclass(frozen=True)
class Organisatie:
    id: str
    naam: str
    beschrijving: str
    bronnen: tuple[Bron, ...]
    werkgebied: dict = field(default_factory=dict)
    contact: dict = field(default_factory=dict)
    source_file: str = ""
    contact_bronnen: dict = field(default_factory=dict)  # contact field -> Bron

    @classmethod
    def from_dict(cls, data: dict, source_file: str = "") -> Organisatie:
        contact, contact_bronnen = _contact(data)
        return cls(
            id=data["id"],
            naam=data["naam"],
            beschrijving=data["beschrijving"],
            bronnen=tuple(Bron.from_dict(b) for b in data["bronnen"]),
            werkgebied=dict(data.get("werkgebied", {})),
            contact=contact,
            source_file=source_file,
            contact_bronnen=contact_bronnen,
        )


@dataclass(frozen=True)
class Praktijk:
    """A good-practice page of the Lerende Netwerken (content/lerende-netwerken/praktijken/)."""

    slug: str
    title: str
    regio: str
    verwant_aanbod: tuple[str, ...]
    thema: tuple[str, ...]
    source_file: str


class _Versioned(dict):
    """A dict that counts its changes: Kaart rebuilds its sorted lists when offers are added or replaced
    (as tests that build a Kaart by hand do), without comparing thousands of offers on every call."""

    version = 0

    def _changed(self):
        self.version += 1

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self._changed()

    def __delitem__(self, key):
        super().__delitem__(key)
        self._changed()

    def update(self, *args, **kwargs):
        super().update(*args, **kwargs)
        self._changed()

    def pop(self, *args):
        self._changed()
        return super().pop(*args)

    def popitem(self):
        self._changed()
        return super().popitem()

    def setdefault(self, key, default=None):
        self._changed()
        return super().setdefault(key, default)

    def clear(self):
        super().clear()
        self._changed()

    def __ior__(self, other):
        self._changed()
        return super().__ior__(other)


DEFAULT_CADANS_MAANDEN = 12  # the site setting extra.redactie.cadans_maanden (kaart.instellingen)


@dataclass(frozen=True)
class Peil:
    """The day and the confirmation cadence by which a build calls an offer fresh (kaart.actualiteit):
    one value for the offer pages, the finder cards, the search snippets and the HSDS alert alike."""

    vandaag: dt.date | None = None  # None: the day the code runs
    cadans_maanden: int = DEFAULT_CADANS_MAANDEN


@dataclass
class Kaart:
    """Everything the site and exports need, after a successful check."""

    aanbod: dict[str, Aanbod] = field(default_factory=_Versioned)
    organisaties: dict[str, Organisatie] = field(default_factory=dict)
    praktijken: dict[str, Praktijk] = field(default_factory=dict)
    peil: Peil = field(default_factory=Peil)  # prepare_site sets the build's day and the site's cadence

    def aanbod_van(self, organisatie_id: str) -> list[Aanbod]:
        return list(self._per_aanbieder().get(organisatie_id, ()))

    def _per_aanbieder(self) -> dict[str, list[Aanbod]]:
        # Every organisation page, werklijst row, search entry and verzoek asks this: one pass over
        # the offers instead of one per organisation (a pass per organisation grows with the square of the map).
        key = self._aanbod_key()
        cached = self.__dict__.get("_aanbieder_index")
        if cached is None or cached[0] != key:
            index: dict[str, list[Aanbod]] = {}
            for a in sorted(self.aanbod.values(), key=lambda a: a.naam.lower()):
                for org in dict.fromkeys(a.aanbieders):
                    index.setdefault(org, []).append(a)
            cached = self.__dict__["_aanbieder_index"] = (key, index)
        return cached[1]

    def _aanbod_key(self) -> tuple:
        """Which state of the offers a cached list belongs to: another one after any change.
        A plain dict handed in (tests build a Kaart by hand) is compared offer by offer."""
        if isinstance(self.aanbod, _Versioned):
            return id(self.aanbod), self.aanbod.version
        return id(self.aanbod), tuple(map(id, self.aanbod.values()))

    def aanbieder_namen(self, aanbod: Aanbod) -> str:
        """Every provider the source names, as plain text: "Mind at Work, Praktijkonderwijs en Eduvier"."""
        names = [
            self.organisaties[o].naam if o in self.organisaties else o for o in aanbod.aanbieders or (aanbod.aanbieder,)
        ]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]

    def praktijken_bij(self, aanbod_id: str) -> list[Praktijk]:
        return sorted(
            (p for p in self.praktijken.values() if aanbod_id in p.verwant_aanbod), key=lambda p: p.title.lower()
        )

    def gesorteerd(self) -> list[Aanbod]:
        # Every list of offers starts here (pages, finder, search, exports): sorted once per set of offers.
        key = self._aanbod_key()
        cached = self.__dict__.get("_gesorteerd")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_gesorteerd"] = (
                key,
                sorted(self.aanbod.values(), key=lambda a: (a.naam.lower(), a.id)),
            )
        return list(cached[1])
