"""An independent Python reading of the wegwijzer's ranking, the bewijsscore, as documented on
/open-data/wegwijzer-json/ ("Hoe de wegwijzer kiest").  It lives in the tests, not in the
package: the site ranks in the browser (content/assets/javascripts/matching.js), and this
mirror is how the tests see that a change to one is shared by the other.
"""

from __future__ import annotations

from urllib.parse import parse_qs

KAART_MIN, KAART_MAX = 16, 27
OP_SCHOOL = {"op-school", "dreigt-uit-te-vallen"}
# The weights of the parts of the bewijsscore.
DOEL, SK, SK_BEIDE, LEEFTIJD, VOOR, BEHOEFTE, TWIJFEL = 3, 2, 1, 1, 1, 1, -1

SITUATIE = {  # (young person's, offer's) -> 2 past, 1 onbekend; missing: past niet
    ("op-school", "op-school"): 2,
    ("op-school", "dreigt-uit-te-vallen"): 1,
    ("dreigt-uit-te-vallen", "dreigt-uit-te-vallen"): 2,
    ("dreigt-uit-te-vallen", "op-school"): 2,
    ("gestopt", "gestopt"): 2,
    ("werkt", "werkt"): 2,
    ("werkt", "gestopt"): 1,
    ("uitkering", "uitkering"): 2,
}
SCHOOLTYPE = {("vo", "vmbo"): 2, ("vo", "pro"): 1, ("vmbo", "vo"): 2, ("pro", "vo"): 1}


def _situatie(mine: list[str], theirs: list[str]) -> int:
    best = 0
    for m in mine:
        for t in theirs:
            v = SITUATIE.get((m, t), 0)
            if not v and (m == "uitkering") != (t == "uitkering"):
                v = 1  # uitkering says nothing about school or work
            best = max(best, v)
    return best


def _schooltype(mine: str, theirs: list[str]) -> int:
    if not theirs:
        return 1
    return max(2 if t == mine else SCHOOLTYPE.get((mine, t), 0) for t in theirs)


def _open_situaties(theirs: list[str], mine: list[str]) -> list[str]:
    """The offer's situations in a dimension (school/work, uitkering) the young person left open."""
    has_uitkering = "uitkering" in mine
    has_school = any(m != "uitkering" for m in mine)
    return [t for t in theirs if (not has_uitkering if t == "uitkering" else not has_school)]


KENMERK_SITUATIE = {"uitkering": "uitkering", "dreigt-uit-te-vallen": "dreigt-uit-te-vallen", "vsv": "gestopt"}


def _open_kenmerken(o: dict, state: dict) -> list[str]:
    """The offer's traits that nothing given settles (a trait repeating a situation is settled by it)."""
    out = []
    for k in o.get("kenmerken", []):
        s = KENMERK_SITUATIE.get(k)
        if s and (s in o.get("situatie", []) or s in state.get("situatie", [])):
            continue
        if k != state.get("schooltype") and k not in o.get("schooltype", []):
            out.append(k)
    return out


def beoordeel(o: dict, state: dict) -> dict:
    """One offer: {af, score, parts, twijfels, onbekend, kern}."""
    af = None
    doel = leeftijd = behoefte = onbekend = 0
    twijfels: list[str] = []
    if o["status"] == "gestopt" and not state.get("gestopt"):
        af = "status"
    elif state.get("gemeente") and not o.get("landelijk") and state["gemeente"] not in o.get("gemeenten", []):
        af = "gemeente"
    r = o.get("leeftijd")
    age = state.get("leeftijd")
    if not af:
        if age is not None:
            if not r:
                onbekend += 1
            elif not r.get("min", 0) <= age <= r.get("max", 999):
                af = "leeftijd"
            elif KAART_MIN <= age <= KAART_MAX:
                leeftijd = LEEFTIJD
            else:
                onbekend += 1  # outside the kaart's ages: never a known fit
        elif r and (r.get("min", KAART_MIN) > KAART_MIN or r.get("max", KAART_MAX) < KAART_MAX):
            twijfels.append("leeftijd")
    sk = o.get("startkwalificatie")
    if not af:
        if state.get("startkwalificatie"):
            if not sk:
                onbekend += 1
            elif (sk, state["startkwalificatie"]) in (("zonder", "ja"), ("met", "nee")):
                af = "startkwalificatie"
            else:
                doel += SK_BEIDE if sk == "beide" else SK
        elif sk in ("zonder", "met"):
            twijfels.append("startkwalificatie")
    theirs = o.get("situatie", [])
    mine = state.get("situatie", [])
    if not af:
        if mine and theirs:
            v = _situatie(mine, theirs)
            if v == 0:
                af = "situatie"
            elif v == 2:
                doel += DOEL
            elif len(_open_situaties(theirs, mine)) == len(theirs):
                twijfels.append("situatie")
            else:
                onbekend += 1
        elif mine:
            onbekend += 1
        elif theirs:
            twijfels.append("situatie")
    at_school = any(s in OP_SCHOOL for s in mine)
    for_pupils = any(s in OP_SCHOOL for s in theirs)
    if not af and state.get("schooltype") and at_school and for_pupils:
        v = _schooltype(state["schooltype"], o.get("schooltype", []))
        if v == 0:
            af = "schooltype"
        elif v == 1:
            onbekend += 1
        else:
            doel += DOEL
    places = [o["helpt_bij"].index(z) for z in state.get("zoekt", []) if z in o["helpt_bij"]]
    behoefte = BEHOEFTE * len(places)
    if not af and state.get("zoekt") and not places:
        af = "zoekt"
    werkgevers = "werkgevers" in o["voor"] and "jongeren" not in o["voor"]
    if not af and not state.get("zoekt") and werkgevers and (state.get("kenmerk") or state.get("q")):
        af = "voor"
    matched = 0
    for k in state.get("kenmerk", []):
        if k in o.get("kenmerken", []):
            doel += DOEL
            matched += 1
        elif not af:
            onbekend += 1
    if not af and not matched and _open_kenmerken(o, state):
        twijfels.append("kenmerk")
    voor = VOOR if "jongeren" in o["voor"] else 0
    score = doel + leeftijd + voor + behoefte + TWIJFEL * len(twijfels)
    return {
        "af": af,
        "score": score,
        "parts": {"doel": doel, "leeftijd": leeftijd, "voor": voor, "behoefte": behoefte},
        "twijfels": twijfels,
        "onbekend": onbekend,
        "kern": min(places) if places else 0,
    }


def py_judge(data: dict, state: dict, jongeren: bool = False) -> dict:
    """Ranked fitting ids with their group, and the left-out ids by name."""
    passend, af = [], []
    for o in data["aanbod"]:
        if jongeren and "jongeren" not in o["voor"]:
            continue
        b = beoordeel(o, state)
        if b["af"]:
            af.append(((o["naam"].lower(), o["id"]), o["id"]))
            continue
        groep = "misschien" if b["onbekend"] or b["twijfels"] else "past"
        key = (-b["score"], len(b["twijfels"]), b["kern"], b["onbekend"], o["naam"].lower(), o["id"])
        passend.append((key, o["id"], groep))
    passend.sort()
    af.sort()
    return {"passend": [[i, g] for _, i, g in passend], "afgevallen": [i for _, i in af]}


def state_of(query: str) -> dict:
    q = {k: v[0] for k, v in parse_qs(query.lstrip("?")).items()}
    return {
        "leeftijd": int(q["leeftijd"]) if "leeftijd" in q else None,
        "startkwalificatie": q.get("startkwalificatie"),
        "situatie": q["situatie"].split(",") if "situatie" in q else [],
        "schooltype": q.get("schooltype"),
        "zoekt": q["zoekt"].split(",") if "zoekt" in q else [],
        "gemeente": q.get("gemeente"),
        "kenmerk": q["kenmerk"].split(",") if "kenmerk" in q else [],
        "gestopt": q.get("gestopt") == "1",
        "q": q.get("q", ""),
    }
