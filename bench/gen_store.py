"""Generate a store of N quads shaped like `kg ingest` output, for the scale benchmarks.

    .venv/bin/python bench/gen_store.py [--quads 1M] [--store /tmp/kg-scale/store-1M] [--seed 7]
                                        [--entities 4000] [--zipf 1.0] [--keep-nquads] [--force]

Synthesises articles the way the pipeline writes them (see `kg export` of the samples): one
named graph per article holding the article node (identifier, title, language, issued, source,
url, a ~2.5 kB text), ~30 kg:Mention nodes (refersTo, offsets that point at the anchor text in
the text, anchorText, wasDerivedFrom), kg:mentionedIn and skos:altLabel per entity seen,
org:Membership posts (member, organization, org:Role node, kg:post to the org:Post node, postStatus
current/former/acting/elect/designate, evidence, confidence, provenance; about one in ten with the start
or end the article states, as org:memberDuring/time:Interval/time:Instant at day, month or year
precision), kg:Agreement (parties, status, trigger, label, date, evidence) and kg:Meeting
(participants, place, date, dateText, evidence); the shared entities graph (types, labels in
French and English, owl:sameAs for states, org:subOrganizationOf); the ontology graph
(ontology/kg.ttl); the org:Post nodes (org:postIn, English label) in the entities graph; a few quarantine records (graph/quarantine/ID); the summary graph (graph/summary:
articles per entity, instances per class, each entity's surface forms once, each body's memberships that state
a start or an end, the tenures of each holder in each post, the latest publication date, a revision) as kg.store.summary keeps it per article. Actors are drawn with
Zipf-like popularity from a pool of a few thousand (Russia, China, Putin, Xi Jinping, Patrushev…
at the top ranks), so a few actors are in many articles and most in few; people hold a home post.

The N-Quads are written to a file beside the store, then bulk-loaded with pyoxigraph
(`Store.bulk_load`) and the store compacted (`Store.optimize`, what `kg optimize` does; without it
a bulk-loaded store keeps hundreds of overlapping table files and every lookup is several times
slower: --no-optimize keeps it so); the file is removed unless --keep-nquads. Prints the counts,
the time of each phase and the peak RSS of this process.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import random
import re
import resource
import shutil
import sys
import time
import unicodedata
import zlib
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from _scale import load_average

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://w3id.org/newskg/"
KG = "https://w3id.org/newskg/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
SAMEAS = "<http://www.w3.org/2002/07/owl#sameAs>"
DCT = "http://purl.org/dc/terms/"
ORG = "http://www.w3.org/ns/org#"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
XSD = "http://www.w3.org/2001/XMLSchema#"
TIME = "http://www.w3.org/2006/time#"
ENTITIES_GRAPH = f"<{BASE}graph/entities>"
ONTOLOGY_GRAPH = "<https://w3id.org/newskg/ontology>"
LINKS_GRAPH = f"<{BASE}graph/links>"

# (slug, English, French, adjective fr, metonyms fr, wikidata) — the top of the popularity ranking.
STATES = [
    ("russia", "Russia", "Russie", "russe", ["Moscou", "le Kremlin"], "Q159"),
    ("china", "China", "Chine", "chinois", ["Pékin"], "Q148"),
    ("united-states", "United States", "États-Unis", "américain", ["Washington", "la Maison Blanche"], "Q30"),
    ("ukraine", "Ukraine", "Ukraine", "ukrainien", ["Kiev"], "Q212"),
    ("france", "France", "France", "français", ["Paris", "l'Élysée"], "Q142"),
    ("india", "India", "Inde", "indien", ["New Delhi"], "Q668"),
    ("germany", "Germany", "Allemagne", "allemand", ["Berlin"], "Q183"),
    ("iran", "Iran", "Iran", "iranien", ["Téhéran"], "Q794"),
    ("turkey", "Turkey", "Turquie", "turc", ["Ankara"], "Q43"),
    ("kazakhstan", "Kazakhstan", "Kazakhstan", "kazakh", ["Astana"], "Q232"),
    ("belarus", "Belarus", "Biélorussie", "biélorusse", ["Minsk"], "Q184"),
    ("united-kingdom", "United Kingdom", "Royaume-Uni", "britannique", ["Londres"], "Q145"),
    ("japan", "Japan", "Japon", "japonais", ["Tokyo"], "Q17"),
    ("uzbekistan", "Uzbekistan", "Ouzbékistan", "ouzbek", ["Tachkent"], "Q265"),
    ("pakistan", "Pakistan", "Pakistan", "pakistanais", ["Islamabad"], "Q843"),
    ("burundi", "Burundi", "Burundi", "burundais", [], "Q967"),
    ("netherlands", "Netherlands", "Pays-Bas", "néerlandais", [], "Q29999"),
    ("belgium", "Belgium", "Belgique", "belge", ["Bruxelles"], "Q31"),
    ("egypt", "Egypt", "Égypte", "égyptien", ["Le Caire"], "Q79"),
    ("brazil", "Brazil", "Brésil", "brésilien", [], "Q155"),
]
PERSONS = [  # (slug, label, surname, French label, home post (role fr, role en, state slug))
    ("vladimir-putin", "Vladimir Putin", "Poutine", "Vladimir Poutine", ("président", "president", "russia")),
    ("xi-jinping", "Xi Jinping", "Xi", "Xi Jinping", ("président", "president", "china")),
    ("nikolai-patrushev", "Nikolai Patrushev", "Patrouchev", "Nikolaï Patrouchev",
     ("secrétaire du Conseil de sécurité", "Security Council secretary", "russia")),
    ("sergei-lavrov", "Sergei Lavrov", "Lavrov", "Sergueï Lavrov",
     ("ministre des Affaires étrangères", "foreign minister", "russia")),
    ("wang-yi", "Wang Yi", "Wang", "Wang Yi", ("ministre des Affaires étrangères", "foreign minister", "china")),
    ("volodymyr-zelensky", "Volodymyr Zelensky", "Zelensky", "Volodymyr Zelensky", ("président", "president", "ukraine")),
    ("joe-biden", "Joe Biden", "Biden", "Joe Biden", ("président", "president", "united-states")),
    ("emmanuel-macron", "Emmanuel Macron", "Macron", "Emmanuel Macron", ("président", "president", "france")),
    ("guo-shengkun", "Guo Shengkun", "Guo", "Guo Shengkun",
     ("secrétaire de la Commission des affaires politiques et juridiques", "secretary", "china")),
]
ORGS = [  # (slug, English, French, acronym, parent state)
    ("chinese-communist-party", "Chinese Communist Party", "Parti communiste chinois", "PCC", "china"),
    ("security-council-of-russia", "Security Council of Russia", "Conseil de sécurité de Russie", None, "russia"),
    ("united-nations", "United Nations", "Organisation des Nations unies", "ONU", None),
    ("nato", "NATO", "OTAN", "OTAN", None),
    ("european-union", "European Union", "Union européenne", "UE", None),
    ("shanghai-cooperation-organisation", "Shanghai Cooperation Organisation", "Organisation de coopération de Shanghai",
     "OCS", None),
    ("gazprom", "Gazprom", "Gazprom", None, "russia"),
]
ROLES = [("ministre", "minister"), ("porte-parole", "spokesperson"), ("directeur", "director"),
         ("ambassadeur", "ambassador"), ("premier ministre", "prime minister"), ("conseiller", "adviser"),
         ("secrétaire général", "secretary general"), ("vice-président", "vice president"),
         ("chef d'état-major", "chief of staff"), ("gouverneur", "governor"), ("député", "member of parliament")]
SYL = ["ka", "lo", "mi", "ra", "sen", "to", "vi", "na", "dre", "ko", "la", "mar", "tin", "sa", "be", "gor", "ev", "an",
       "li", "zu", "pe", "dan", "ol", "ga", "ri", "su", "chen", "ho", "ya", "ne"]
FILL_FR = ["Selon des sources diplomatiques,", "Lors d'une conférence de presse,", "Dans un communiqué publié jeudi,",
           "D'après l'agence officielle,", "Au cours de la réunion,", "Interrogé par les journalistes,",
           "Dans la soirée,", "Quelques jours plus tard,"]
TAIL_FR = ["a déclaré que la situation restait préoccupante", "a insisté sur la coopération en matière de sécurité",
           "a appelé à la reprise du dialogue", "a rappelé les engagements pris l'an dernier",
           "a salué les progrès accomplis", "a dénoncé les sanctions économiques",
           "a évoqué la question énergétique", "a démenti les informations de la presse"]
FILL_EN = ["According to diplomatic sources,", "At a press conference,", "In a statement on Thursday,",
           "Speaking to reporters,", "Later that evening,", "During the talks,"]
TAIL_EN = ["said the situation remained worrying", "stressed security cooperation", "called for renewed dialogue",
           "recalled last year's commitments", "welcomed the progress made", "criticised the economic sanctions"]
AGREED = [("ont convenu", "agreed", "agreed"), ("ont signé", "signed", "signed"), ("se sont engagés", "pledged", "pledge"),
          ("prévoient", "plan", "planned")]
WHAT = ["d'intensifier leur coopération en matière de sécurité", "de renforcer leurs échanges commerciaux",
        "de construire un gazoduc", "d'organiser des exercices militaires conjoints", "de lutter contre le terrorisme",
        "de développer la coopération énergétique", "de prolonger le cessez-le-feu"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"]


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def lit(text: str, lang: str | None = None, dtype: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{esc}"@{lang}'
    if dtype:
        return f'"{esc}"^^<{XSD}{dtype}>'
    return f'"{esc}"'


class Entity:
    __slots__ = ("iri", "kind", "en", "fr", "anchors", "post", "place")

    def __init__(self, iri: str, kind: str, en: str, fr: str, anchors: list[str]) -> None:
        self.iri, self.kind, self.en, self.fr, self.anchors = iri, kind, en, fr, anchors
        self.post: tuple[str, str, "Entity"] | None = None  # (role fr, role en, organisation) for people


def name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def post_iri(title_en: str, org: Entity) -> str:
    """The org:Post node of a title in a body, shaped like kg.rdf.iris.post_iri."""
    return f"<{BASE}id/post/{org.iri[len(BASE) + 4:-1]}/{slug(title_en)}>"


STATUSES = ("current", "former", "acting", "elect", "designate")
STATUS_WEIGHTS = (0.80, 0.12, 0.03, 0.03, 0.02)
_INSTANT = {10: ("inXSDDate", "date"), 7: ("inXSDgYearMonth", "gYearMonth"), 4: ("inXSDgYear", "gYear")}


def stated(rng: random.Random, day: dt.date) -> str:
    """A stated date at the precision articles give: the day, the month or the year."""
    return day.isoformat()[:rng.choices((10, 7, 4), (0.5, 0.3, 0.2))[0]]


def build_pool(rng: random.Random, n: int, out: TextIO) -> tuple[list[Entity], list[Entity], int]:
    """Actors ranked by popularity (famous first), places; writes the entities graph. Returns them and the quads written."""
    states: dict[str, Entity] = {}
    for s, en, fr, adj, meto, _ in STATES:
        states[s] = Entity(f"<{BASE}id/state/{s}>", "State", en, fr, [fr, adj, *meto])
    n_states, n_orgs = max(len(STATES), n // 20), max(len(ORGS), n // 5)
    for i in range(len(STATES), n_states):
        fr = name(rng, 3) + "ie"
        states[slug(fr) + f"-{i}"] = Entity(f"<{BASE}id/state/{slug(fr)}-{i}>", "State", fr, fr, [fr, fr[:-2] + "ien"])
    orgs: list[Entity] = []
    parent: dict[str, Entity | None] = {}
    for s, en, fr, acr, par in ORGS:
        e = Entity(f"<{BASE}id/org/{s}>", "Organization", en, fr, [fr] + ([acr] if acr else []))
        orgs.append(e)
        parent[e.iri] = states[par] if par else None
    state_list = list(states.values())
    for i in range(len(ORGS), n_orgs):
        st = rng.choice(state_list[:60])
        kind = rng.choice(["Ministère de l'Économie", "Ministère de la Défense", "Agence spatiale", "Banque centrale",
                           "Parlement", "Compagnie nationale"])
        fr = f"{kind} ({st.fr}) {i}"
        e = Entity(f"<{BASE}id/org/{slug(fr)}>", "Organization", fr, fr, [fr, kind.split()[0]])
        orgs.append(e)
        parent[e.iri] = st
    persons: list[Entity] = []
    for s, en, sur, fr, (rfr, ren, st) in PERSONS:
        e = Entity(f"<{BASE}id/person/{s}>", "Person", en, fr, [fr, sur, f"M. {sur}"])
        e.post = (rfr, ren, states[st])
        persons.append(e)
    for i in range(len(PERSONS), n - n_states - n_orgs):
        first, last = name(rng, 2), name(rng, 3)
        full = f"{first} {last}"
        e = Entity(f"<{BASE}id/person/{slug(full)}-{i}>", "Person", full, full, [full, last, f"M. {last}"])
        rfr, ren = rng.choice(ROLES)
        e.post = (rfr, ren, rng.choice(state_list[:80]) if rng.random() < 0.6 else rng.choice(orgs))
        persons.append(e)
    famous = [states["russia"], states["china"], states["united-states"], persons[0], persons[1], states["ukraine"],
              orgs[0], persons[2], states["france"], persons[3], persons[4], orgs[2], persons[5], persons[6]]
    rest = [e for e in [*state_list, *orgs, *persons] if e not in famous]
    rng.shuffle(rest)
    actors = famous + rest
    places = [Entity(f"<{BASE}id/place/{slug(c)}>", "Place", c, c, [c]) for c in
              ["Samarcande", "Moscou", "Pékin", "Genève", "Bruxelles", "Minsk", "Istanbul", "New Delhi"]]
    places += [Entity(f"<{BASE}id/place/{slug(c)}-{i}>", "Place", c, c, [c])
               for i, c in enumerate(name(rng, 3) for _ in range(max(50, n // 10)))]
    quads = 0
    posts: dict[str, str] = {}  # the org:Post nodes of the home posts, as `kg ingest` writes them
    for p in persons:
        _, ren, org = p.post  # type: ignore[misc]
        iri = post_iri(ren, org)
        if iri not in posts:
            posts[iri] = (f"{iri} {RDF_TYPE} <{ORG}Post> {ENTITIES_GRAPH} .\n"
                          f"{iri} <{ORG}postIn> {org.iri} {ENTITIES_GRAPH} .\n"
                          f"{iri} {LABEL} {lit(f'{ren} of {org.en}', 'en')} {ENTITIES_GRAPH} .\n")
    out.write("".join(posts.values()))
    quads += 3 * len(posts)
    wiki = {f"<{BASE}id/state/{s[0]}>": s[5] for s in STATES}
    for e in [*actors, *places]:
        lines = [f"{e.iri} {RDF_TYPE} <{KG}{e.kind}> {ENTITIES_GRAPH} .",
                 f"{e.iri} {LABEL} {lit(e.fr, 'fr')} {ENTITIES_GRAPH} ."]
        if e.kind != "Place" or rng.random() < 0.7:
            lines.append(f"{e.iri} {LABEL} {lit(e.en, 'en')} {ENTITIES_GRAPH} .")
        if e.kind == "State":
            qid = wiki.get(e.iri) or f"Q{900000 + zlib.crc32(e.iri.encode()) % 100000}"
            lines.append(f"{e.iri} {SAMEAS} <http://www.wikidata.org/entity/{qid}> {ENTITIES_GRAPH} .")
        elif e.kind == "Organization" and parent.get(e.iri):
            lines.append(f"{e.iri} <{ORG}subOrganizationOf> {parent[e.iri].iri} {ENTITIES_GRAPH} .")  # type: ignore[union-attr]
        elif e.kind == "Person" and rng.random() < 0.1:  # what `kg link` would add
            lines.append(f"{e.iri} {SAMEAS} <http://www.wikidata.org/entity/Q{rng.randrange(10**6, 10**8)}> {LINKS_GRAPH} .")
        out.write("\n".join(lines) + "\n")
        quads += len(lines)
    return actors, places, quads


def write_ontology(out: TextIO) -> int:
    sys.path.insert(0, str(ROOT))
    from kg.resources import ontology_path

    n = 0
    for t in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        out.write(f"{t.subject} {t.predicate} {t.object} {ONTOLOGY_GRAPH} .\n")
        n += 1
    return n


class ArticleWriter:
    """Writes one synthetic article graph at a time."""

    def __init__(self, rng: random.Random, actors: list[Entity], places: list[Entity], zipf: float) -> None:
        self.rng, self.actors, self.places = rng, actors, places
        self.cum = list(itertools.accumulate(1.0 / (r + 1) ** zipf for r in range(len(actors))))
        self.pcum = list(itertools.accumulate(1.0 / (r + 1) ** zipf for r in range(len(places))))
        self.roles: dict[tuple[str, str], str] = {}
        self.start = dt.date(2016, 1, 1)
        # What kg.store.summary keeps per article write: articles per entity, instances per class.
        self.article_counts: dict[str, int] = {}
        self.class_counts: dict[str, int] = {}
        self.latest: dt.date | None = None  # the summary's kg:latestIssued
        self.aliases: set[str] = set()  # "<entity> altLabel literal" once each, as the summary keeps them
        self.dated: set[str] = set()  # '<body> kg:datedPost "START END SEEN STATUS POST MEMBERSHIP"', as the summary keeps them
        # (post, holder) -> [articles, first seen, last seen, earliest start, latest end]: the tenures
        self.tenures: dict[tuple[str, str], list] = {}

    def summary(self, out: TextIO) -> int:
        """The summary graph as `kg ingest` leaves it after writing these articles one by one."""
        s = f"<{BASE}graph/summary>"
        lines = [f"{e} <{KG}articleCount> {lit(str(n), dtype='integer')} {s} ." for e, n in self.article_counts.items()]
        lines += [f"{c} <{KG}instanceCount> {lit(str(n), dtype='integer')} {s} ." for c, n in self.class_counts.items()]
        lines += [f"{alias} {s} ." for alias in sorted(self.aliases)]
        lines += [f"{dated} {s} ." for dated in sorted(self.dated)]
        lines.append(f"{s} <{KG}summaryFormat> {lit('2', dtype='integer')} {s} .")
        for (post, holder), (arts, first, last, start, end, body) in self.tenures.items():
            t = f"{BASE}id/tenure/{post[len(BASE) + 9:-1]}/{holder[len(BASE) + 4:-1]}"
            lines += [f"<{t}> {RDF_TYPE} <{KG}Tenure> {s} .", f"<{t}> <{ORG}member> {holder} {s} .",
                      f"<{t}> <{KG}post> {post} {s} .", f"<{t}> <{ORG}organization> {body} {s} .", f"<{t}> <{KG}statementCount> {lit(str(len(arts)), dtype='integer')} {s} ."]
            if first or start or end:
                lines += [f"<{t}> <{ORG}memberDuring> <{t}/during> {s} .", f"<{t}/during> {RDF_TYPE} <{TIME}Interval> {s} ."]
            if first:
                lines += [f"<{t}/during> <{KG}firstObserved> {lit(first, dtype='date')} {s} .",
                          f"<{t}/during> <{KG}lastObserved> {lit(last, dtype='date')} {s} ."]
            for edge, value, node in (("hasBeginning", start, "start"), ("hasEnd", end, "end")):
                if value:
                    prop, dtype = _INSTANT[len(value)]
                    lines += [f"<{t}/during> <{TIME}{edge}> <{t}/{node}> {s} .", f"<{t}/{node}> {RDF_TYPE} <{TIME}Instant> {s} .",
                              f"<{t}/{node}> <{TIME}{prop}> {lit(value, dtype=dtype)} {s} ."]
        if self.latest:
            lines.append(f"{s} <{KG}latestIssued> {lit(self.latest.isoformat(), dtype='date')} {s} .")
        lines.append(f"{s} <{KG}revision> {lit(str(self.class_counts.get(f'<{KG}Article>', 0)), dtype='integer')} {s} .")
        out.write("\n".join(lines) + "\n")
        return len(lines)

    def counted(self, cls: str, n: int = 1) -> None:
        if n:
            self.class_counts[cls] = self.class_counts.get(cls, 0) + n

    def role(self, label: str, lang: str) -> str:
        key = (label, lang)
        if key not in self.roles:
            digest = hashlib.sha1(unicodedata.normalize("NFC", label).encode()).hexdigest()[:8]
            self.roles[key] = f"<{BASE}id/role/{lang}/{slug(label)[:64]}-{digest}>"
        return self.roles[key]

    def pick(self, k: int) -> list[Entity]:
        seen: dict[str, Entity] = {}
        while len(seen) < k:
            for e in self.rng.choices(self.actors, cum_weights=self.cum, k=k - len(seen)):
                seen.setdefault(e.iri, e)
        return list(seen.values())

    def write(self, i: int, out: TextIO) -> int:
        rng = self.rng
        lang = "fr" if rng.random() < 0.7 else "en"
        aid = f"syn-{lang}-{i:07d}"
        art = f"<{BASE}id/article/{aid}>"
        g = f"<{BASE}graph/article/{aid}>"
        issued = self.start + dt.timedelta(days=rng.randrange(9 * 365))
        ents = self.pick(rng.randint(6, 18))
        fill, tail = (FILL_FR, TAIL_FR) if lang == "fr" else (FILL_EN, TAIL_EN)
        persons = [e for e in ents if e.kind == "Person"]
        # posts: people with their home post (the organisation joins the article if it was not there)
        posts = []
        for p in persons[: rng.choice((0, 1, 1, 2, 2, 3, 4))]:
            rfr, ren, org = p.post  # type: ignore[misc]
            if org not in ents:
                ents.append(org)
            posts.append((p, rfr if lang == "fr" else ren, org))
        q: list[str] = []
        add = q.append
        # text with mentions at their real offsets
        title_ent = ents[0]
        title = f"{title_ent.anchors[0]} : {rng.choice(tail)}"
        parts = [title, "\n\n"]
        pos = len(title) + 2
        mentions: list[tuple[Entity, str, int]] = []
        used: dict[str, set[str]] = {}
        for e in ents:
            for _ in range(1 + min(int(rng.expovariate(0.6)), 8)):
                anchor = e.anchors[0] if rng.random() < 0.5 else rng.choice(e.anchors)
                pre = rng.choice(fill) + " "
                start = pos + len(pre)
                sentence = f"{pre}{anchor} {rng.choice(tail)}. "
                parts.append(sentence)
                pos += len(sentence)
                mentions.append((e, anchor, start))
                used.setdefault(e.iri, set()).add(anchor)
        rng.shuffle(mentions)
        facts_text: list[str] = []
        # article node
        for p, o in ((RDF_TYPE, f"<{KG}Article>"), (f"<{DCT}identifier>", lit(aid)), (f"<{DCT}title>", lit(title, lang)),
                     (f"<{DCT}language>", lit(lang)), (f"<{DCT}issued>", lit(issued.isoformat(), dtype="date")),
                     (f"<{DCT}source>", lit(f"synthetic/batch-{i // 1000}.jsonl:{i % 1000 + 1}"))):
            add(f"{art} {p} {o} {g} .")
        if rng.random() < 0.8:
            add(f"{art} <https://schema.org/url> <https://news.example.org/{lang}/{issued.year}/{aid}> {g} .")
        for e in ents:
            add(f"{e.iri} <{KG}mentionedIn> {art} {g} .")
            for a in used[e.iri]:
                add(f"{e.iri} {ALT} {lit(a, lang)} {g} .")
        for n, (e, anchor, start) in enumerate(mentions, 1):
            m = f"<{BASE}id/article/{aid}/mention/{n}>"
            add(f"{m} {RDF_TYPE} <{KG}Mention> {g} .")
            add(f"{m} <{KG}refersTo> {e.iri} {g} .")
            add(f"{m} <{KG}startOffset> {lit(str(start), dtype='integer')} {g} .")
            add(f"{m} <{KG}endOffset> {lit(str(start + len(anchor)), dtype='integer')} {g} .")
            add(f"{m} <{KG}anchorText> {lit(anchor, lang)} {g} .")
            add(f"{m} {DERIVED} {art} {g} .")
        for n, (p, role, org) in enumerate(posts, 1):
            m = f"<{BASE}id/article/{aid}/membership/{n}>"
            ren = p.post[1]  # type: ignore[index]
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            r = self.role(role, lang)
            ev = f"{p.anchors[0]}, {role} ({org.anchors[0]}), {rng.choice(tail)}."
            facts_text.append(ev)
            q += [f"{r} {RDF_TYPE} <{ORG}Role> {g} .", f"{r} {LABEL} {lit(role, lang)} {g} .",
                  f"{m} {RDF_TYPE} <{ORG}Membership> {g} .", f"{m} <{ORG}member> {p.iri} {g} .",
                  f"{m} <{ORG}organization> {org.iri} {g} .", f"{m} <{ORG}role> {r} {g} .",
                  f"{m} <{KG}postStatus> {lit(status)} {g} .", f"{m} <{KG}post> {post_iri(ren, org)} {g} .",
                  f"{m} <{KG}evidence> {lit(ev, lang)} {g} .", f"{m} {DERIVED} {art} {g} .",
                  f"{m} <{KG}confidence> {lit(rng.choice(('0.5', '0.7', '0.9')), dtype='decimal')} {g} ."]
            # About one post in ten comes with the start or the end the article states.
            start = end = None
            if status in ("current", "acting") and rng.random() < 0.1:
                start = stated(rng, issued - dt.timedelta(days=rng.randrange(1, 1500)))
            elif status == "former" and rng.random() < 0.5:
                d_end = issued - dt.timedelta(days=rng.randrange(1, 700))
                end = stated(rng, d_end)
                if rng.random() < 0.4:
                    start = stated(rng, d_end - dt.timedelta(days=rng.randrange(200, 2000)))
            elif status in ("elect", "designate") and rng.random() < 0.3:
                start = stated(rng, issued + dt.timedelta(days=rng.randrange(1, 90)))
            if start or end:
                q += [f"{m} <{ORG}memberDuring> <{m[1:-1]}/during> {g} .",
                      f"<{m[1:-1]}/during> {RDF_TYPE} <{TIME}Interval> {g} ."]
                for edge, value, node in (("hasBeginning", start, "start"), ("hasEnd", end, "end")):
                    if value:
                        prop, dtype = _INSTANT[len(value)]
                        q += [f"<{m[1:-1]}/during> <{TIME}{edge}> <{m[1:-1]}/{node}> {g} .",
                              f"<{m[1:-1]}/{node}> {RDF_TYPE} <{TIME}Instant> {g} .",
                              f"<{m[1:-1]}/{node}> <{TIME}{prop}> {lit(value, dtype=dtype)} {g} ."]
                key = f"{start or '-'} {end or '-'} {issued.isoformat()} {status} {post_iri(ren, org)[1:-1]} {m[1:-1]}"
                self.dated.add(f"{org.iri} <{KG}datedPost> {lit(key)}")
            t = self.tenures.setdefault((post_iri(ren, org), p.iri), [set(), None, None, None, None, org.iri])
            t[0].add(aid)
            seen = issued.isoformat() if status in ("current", "acting") else None
            for k, value, pick in ((1, seen, min), (2, seen, max), (3, start, min), (4, end, max)):
                if value:
                    t[k] = pick(t[k], value) if t[k] else value
        sides = [e for e in ents if e.kind != "Place"]
        states = [e for e in ents if e.kind in ("State", "Organization")]
        for n in range(1, rng.choice((0, 0, 1, 1, 1, 2, 3)) + 1):
            parties = rng.sample(states, 2) if len(states) >= 2 and rng.random() < 0.8 else rng.sample(sides, 2)
            trig, _, status = rng.choice(AGREED)
            what = rng.choice(WHAT)
            ev = f"{parties[0].anchors[0]} et {parties[1].anchors[0]} {trig} {what}."
            facts_text.append(ev)
            a = f"<{BASE}id/article/{aid}/agreement/{n}>"
            q += [f"{a} {RDF_TYPE} <{KG}Agreement> {g} .", *(f"{a} <{KG}party> {x.iri} {g} ." for x in parties),
                  f"{a} <{KG}status> {lit(status)} {g} .", f"{a} <{KG}trigger> {lit(trig)} {g} .",
                  f"{a} <{KG}evidence> {lit(ev, lang)} {g} .", f"{a} {DERIVED} {art} {g} .",
                  f"{a} {LABEL} {lit(what, lang)} {g} .",
                  f"{a} <{KG}confidence> {lit(rng.choice(('0.5', '0.7', '0.9')), dtype='decimal')} {g} ."]
            if rng.random() < 0.4:
                d = issued - dt.timedelta(days=rng.randrange(7))
                add(f"{a} <{KG}date> {lit(d.isoformat(), dtype='date')} {g} .")
            if rng.random() < 0.3:
                add(f"{a} <http://semanticweb.cs.vu.nl/2009/11/sem/eventType> <{BASE}id/event-type/cameo-057> {g} .")
        people = persons if len(persons) >= 2 else sides
        for n in range(1, rng.choice((0, 0, 1, 1, 1, 2, 3)) + 1):
            who = rng.sample(people, 2)
            ev = f"{who[0].anchors[0]} a rencontré {who[1].anchors[0]}."
            facts_text.append(ev)
            mt = f"<{BASE}id/article/{aid}/meeting/{n}>"
            q += [f"{mt} {RDF_TYPE} <{KG}Meeting> {g} .", *(f"{mt} <{KG}participant> {x.iri} {g} ." for x in who),
                  f"{mt} <{KG}trigger> {lit('a rencontré')} {g} .", f"{mt} <{KG}evidence> {lit(ev, lang)} {g} .",
                  f"{mt} {DERIVED} {art} {g} .",
                  f"{mt} <{KG}confidence> {lit(rng.choice(('0.5', '0.7')), dtype='decimal')} {g} ."]
            if rng.random() < 0.6:
                place = rng.choices(self.places, cum_weights=self.pcum)[0]
                add(f"{mt} <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> {place.iri} {g} .")
            if rng.random() < 0.5:
                d = issued - dt.timedelta(days=rng.randrange(7))
                add(f"{mt} <{KG}date> {lit(d.isoformat(), dtype='date')} {g} .")
                add(f"{mt} <{KG}dateText> {lit(f'le {d.day} {MONTHS[d.month - 1]}')} {g} .")
        self.latest = max(self.latest or issued, issued)
        for e in ents:
            self.article_counts[e.iri] = self.article_counts.get(e.iri, 0) + 1
            self.aliases.update(f"{e.iri} {ALT} {lit(a, lang)}" for a in used[e.iri])
        self.counted(f"<{KG}Article>")
        for cls, kind in ((f"<{ORG}Membership>", "membership"), (f"<{KG}Agreement>", "agreement"),
                          (f"<{KG}Meeting>", "meeting")):
            self.counted(cls, sum(1 for line in q if line.startswith(f"<{BASE}id/article/{aid}/{kind}/")
                                  and f" {RDF_TYPE} {cls} " in line))
        text = "".join(parts) + " ".join(facts_text)
        add(f"{art} <{KG}text> {lit(text, lang)} {g} .")
        out.write("\n".join(q) + "\n")
        return len(q)

    def quarantine(self, i: int, out: TextIO) -> int:
        aid = f"syn-q-{i:07d}"
        node = f"<{BASE}id/quarantine/{aid}>"
        g = f"<{BASE}graph/quarantine/{aid}>"
        created = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=self.rng.randrange(500000))
        q = [f"{node} {RDF_TYPE} <{KG}QuarantineRecord> {g} .", f"{node} <{DCT}identifier> {lit(aid)} {g} .",
             f"{node} <{DCT}title> {lit(f'Article rejeté {i}')} {g} .",
             f"{node} <{DCT}created> {lit(created.isoformat(), dtype='dateTime')} {g} .",
             f"{node} <{DCT}source> {lit(f'synthetic/batch-{i // 1000}.jsonl:{i % 1000 + 1}')} {g} .",
             f"{node} <{KG}report> {lit('Le poste 1 : org:member doit être une kg:Person (trouvé : kg:State).')} {g} .",
             f"{node} <{KG}payload> {lit(f'<{BASE}id/article/{aid}/membership/1> <{ORG}member> <{BASE}id/state/x> .')} {g} ."]
        out.write("\n".join(q) + "\n")
        return len(q)


def parse_size(text: str) -> int:
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmM]?)", text.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1M, 250k, 1000000)")
    return int(float(m.group(1)) * {"": 1, "k": 1000, "m": 1000000}[m.group(2).lower()])


def human(n: int) -> str:
    return f"{n // 1000000}M" if n % 1000000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quads", type=parse_size, default=parse_size("1M"), help="quads to generate (1M, 10M, 250k…)")
    ap.add_argument("--store", help="store directory to create [default: /tmp/kg-scale/store-<size>]")
    ap.add_argument("--entities", type=int, default=4000, help="actors in the pool (people, organisations, states)")
    ap.add_argument("--zipf", type=float, default=1.0, help="exponent of the popularity ranking of actors")
    ap.add_argument("--quarantine", type=float, default=0.005, help="share of articles that are quarantine records")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep-nquads", action="store_true", help="keep the N-Quads file beside the store")
    ap.add_argument("--force", action="store_true", help="replace an existing store directory")
    ap.add_argument("--no-optimize", action="store_true",
                    help="leave the store as the bulk load wrote it (not compacted; lookups several times slower)")
    args = ap.parse_args()
    store = Path(args.store or f"/tmp/kg-scale/store-{human(args.quads)}")
    if store.exists():
        if not args.force:
            raise SystemExit(f"{store} exists (use --force to replace it, or pass it to the benchmarks with --store)")
        shutil.rmtree(store)
    store.parent.mkdir(parents=True, exist_ok=True)
    nq = store.parent / f"{store.name}.nq"
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    with open(nq, "w", encoding="utf-8", buffering=1 << 20) as out:
        total = write_ontology(out)
        actors, places, n = build_pool(rng, args.entities, out)
        total += n
        writer = ArticleWriter(rng, actors, places, args.zipf)
        articles = quarantined = 0
        while total < args.quads:
            if rng.random() < args.quarantine:
                total += writer.quarantine(quarantined, out)
                quarantined += 1
            else:
                total += writer.write(articles, out)
                articles += 1
        total += writer.summary(out)
    t_gen = time.perf_counter() - t0
    rss_gen = peak_rss_mib()
    t1 = time.perf_counter()
    ox.Store(str(store)).bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    t_load = time.perf_counter() - t1
    t2 = time.perf_counter()
    if not args.no_optimize:
        ox.Store(str(store)).optimize()
    t_opt = time.perf_counter() - t2
    check = ox.Store.read_only(str(store))
    stored = len(check)
    del check
    nq_size = nq.stat().st_size
    if not args.keep_nquads:
        nq.unlink()
    print(f"store {store}: {stored:,} quads ({total:,} written; {articles:,} articles, {quarantined} quarantine "
          f"records, {len(actors):,} actors, {len(places):,} places, {len(writer.roles)} roles)")
    print(f"{'phase':28} {'seconds':>8} {'quads/s':>10} {'peak RSS MiB':>13}")
    print(f"{'generate N-Quads':28} {t_gen:8.1f} {total / t_gen:10,.0f} {rss_gen:13,.0f}")
    print(f"{'bulk_load (pyoxigraph)':28} {t_load:8.1f} {total / t_load:10,.0f} {peak_rss_mib():13,.0f}")
    if not args.no_optimize:
        print(f"{'optimize (pyoxigraph)':28} {t_opt:8.1f} {total / t_opt:10,.0f} {peak_rss_mib():13,.0f}")
    print(f"{'total':28} {t_gen + t_load + t_opt:8.1f} {total / (t_gen + t_load + t_opt):10,.0f}")
    print(f"N-Quads file {nq_size / 2**20:,.0f} MiB{' (kept: ' + str(nq) + ')' if args.keep_nquads else ' (removed)'}; "
          f"store on disk {du(store) / 2**20:,.0f} MiB; load average {load_average()}")


if __name__ == "__main__":
    main()
