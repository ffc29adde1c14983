"""Gazetteer of states, places, organisations, persons and political titles (FR/EN).

Loads the compact TSV files under ``kg/data/gazetteer`` (built by
``tools/build_gazetteer.py``; sources and licences in ``ATTRIBUTION.md`` there).

Matching rules (``lookup``):

* Accents, apostrophes (’ vs '), hyphens vs spaces and runs of whitespace are normalised
  on both sides: "Etats Unis" finds "États-Unis", "Quai d’Orsay" finds "Quai d'Orsay".
* Capitalised names (states, capitals, gentilés, English demonyms, persons, orgs) match
  when the text also starts with a capital; the rest of the phrase is case-insensitive
  ("RUSSIE", "Nations Unies" match; "china", "turkey" do not).
* Acronyms and other all-capital forms ("US", "UE", "ONU", "G20") match case-sensitively
  only, so "us" or the French article "un" never match.
* French toponymic adjectives ("russe", "chinoises") match in lower case only.
* Forms stored in lower case that are names ("pays de Galles") match in any case.
* An ambiguous surface returns every candidate, states first, then organisations,
  persons and places ("Georgia": the state and the US state; "Moscou": Russia as capital
  metonym and the city of Moscow).

Articles: ``phrases()`` yields bare forms only ("Russie", "Kremlin", "États-Unis"); an
extractor that extends a match leftwards over the article may pass "la Russie", "l’Inde",
"les États-Unis", "le Kremlin" or "the Kremlin" to ``lookup``, which strips a leading
le/la/l'/les (fr) or the (en) when the whole phrase is not itself a name ("Le Caire" and
"La Paz" are names). Contracted forms (du, des, au, aux) are not part of a mention.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError, InputError
from kg.model import Entity

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"
WIKIDATA_STATES = Path(__file__).resolve().parent.parent / "data" / "wikidata" / "states.tsv"
KIND_ORDER = {"State": 0, "Organization": 1, "Person": 2, "Place": 3}
ANY_LANG = "*"
_EXACT, _PROPER, _LOWER, _ANY = range(4)
_TRANS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "\u00a0": " ",
                        "\u202f": " ", "\u2010": " ", "\u2011": " ", "-": " "})
_APOS_ONLY = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_ARTICLES = {"fr": re.compile(r"^(?:(?:les|le|la)\s+|l'\s*)(?=\S)", re.IGNORECASE),
             "en": re.compile(r"^the\s+(?=\S)", re.IGNORECASE)}
_TITLE_DET = re.compile(r"^(?:(?:les|le|la|un|une|the|a|an)\s+|l'\s*)(?=\S)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One thing a surface form can denote."""

    key: str            # "state/russia", "org/presidency-of-russia", "person/vladimir-putin"
    kind: str           # "State" | "Organization" | "Person" | "Place"
    label_en: str
    label_fr: str | None
    iso2: str | None
    form: str           # name | capital | adjective | demonym | gentile | seat | acronym | alias


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """Someone's term in an office whose press service names them by title only."""

    office: str         # "us-secretary-of-state"
    iso2: str
    title_en: str
    title_fr: str
    person: str         # persons.tsv key
    name: str
    start: dt.date
    end: dt.date | None  # None: still in office


@dataclass(frozen=True, slots=True)
class House:
    """A publisher that names its principal by title only ("The President met today ...")."""

    match: str          # "host" (a URL host suffix) | "line" (a header line of the release)
    pattern: str        # folded
    title: str          # folded title of the principal ("president", "secretary")
    office: str
    start: dt.date | None  # the period an archive host covers
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """A political title or post ("secrétaire d'état" -> Secretary of State, GOV)."""

    surface: str
    lang: str
    normalized_en: str
    agent: str          # GOV, MIL, LEG, JUD, DIP, ELI, PTY, IGO, SPY, OPP, COP
    cameo: str | None = None


@dataclass(frozen=True, slots=True)
class _Hit:
    lang: str
    mode: int
    folded: str
    surface: str
    entry: GazEntry


def fold(text: str) -> str:
    """Accent-free text with unified apostrophes, hyphens as spaces, single spaces."""
    return " ".join(strip_accents(text.translate(_TRANS)).split())


def strip_accents(text: str) -> str:
    """'États-Unis' -> 'Etats-Unis' (hyphens and case kept)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def split_article(surface: str, lang: str) -> tuple[str, str]:
    """('la ', 'Russie') for 'la Russie'; ('', text) when there is no leading article."""
    pattern = _ARTICLES.get(lang)
    m = pattern.match(surface.translate(_APOS_ONLY)) if pattern else None
    return (surface[:m.end()], surface[m.end():]) if m else ("", surface)


def _mode(surface: str, form: str) -> int:
    if form == "adjective":
        return _LOWER
    if surface.isupper():
        return _EXACT
    return _PROPER if surface[:1].isupper() or surface[:1].isdigit() else _ANY


def _cells(value: str) -> list[str]:
    return value.split("|") if value else []


class Gazetteer:
    """Surface forms -> candidate entries; titles; persons. Build with ``load``."""

    def __init__(self) -> None:
        self._index: dict[str, list[_Hit]] = {}
        self._words_of: dict[str, set[str]] = {}  # entity key -> folded words of all its names and adjectives
        self._by_key: dict[str, GazEntry] = {}
        self._states: dict[str, GazEntry] = {}
        self._person_rank: dict[str, tuple[int, int]] = {}
        self._titles: dict[tuple[str, str], TitleEntry] = {}
        self._terms: list[OfficeTerm] = []
        self._houses: list[House] = []
        self._publishers: list[tuple[str, str]] = []  # (host suffix, ISO alpha-2)
        self._state_qids: dict[str, str] = {}  # ISO alpha-2 -> Wikidata item ("RU" -> "Q159")

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Read every TSV file of ``directory`` (default: the packaged data)."""
        directory = Path(directory) if directory is not None else DEFAULT_DIR
        if not directory.is_dir():
            raise ConfigError(f"gazetteer folder not found: {directory}")
        gaz = cls()
        gaz._load_states(directory / "states.tsv")
        gaz._load_orgs(directory / "orgs.tsv")
        gaz._load_seats(directory / "seats.tsv")
        gaz._load_persons(directory / "persons.tsv")
        gaz._load_places(directory / "places.tsv")
        gaz._load_titles(directory / "titles.tsv")
        gaz._load_offices(directory / "offices.tsv", directory / "houses.tsv")
        gaz._publishers = [(host.lower(), iso2.upper()) for host, iso2 in gaz._rows(directory / "publishers.tsv", 2)]
        gaz._state_qids = {iso2.upper(): qid for iso2, qid in gaz._rows(WIKIDATA_STATES, 2)}
        for hits in gaz._index.values():
            if len(hits) > 1:
                hits.sort(key=lambda h: KIND_ORDER[h.entry.kind])
        return gaz

    @staticmethod
    def _rows(path: Path, width: int) -> Iterator[list[str]]:
        if not path.is_file():
            raise ConfigError(f"gazetteer file missing: {path}")
        with path.open(encoding="utf-8") as fh:
            next(fh, None)
            for n, line in enumerate(fh, start=2):
                cells = line.rstrip("\n").split("\t")
                if len(cells) != width:
                    raise InputError(f"expected {width} columns, got {len(cells)}",
                                     source=str(path), line=n)
                yield cells

    def _add(self, surface: str, lang: str, entry: GazEntry) -> None:
        folded = fold(surface)
        if not folded:
            return
        self._words_of.setdefault(entry.key, set()).update(folded.lower().replace("'", " ").replace("’", " ").split())
        hit = _Hit(lang, _mode(surface, entry.form), folded, surface, entry)
        bucket = self._index.get(folded.lower())
        if bucket is None:
            self._index[folded.lower()] = [hit]
        elif all(h.entry.key != entry.key or h.lang != lang or h.mode != hit.mode or h.surface != surface
                 for h in bucket):
            bucket.append(hit)  # every written form is kept: the matcher compares case ("État Islamique")

    def _entry(self, key: str, kind: str, en: str, fr: str | None, iso2: str | None,
               form: str) -> GazEntry:
        entry = GazEntry(key, kind, en, fr or None, iso2 or None, form)
        if form == "name":
            self._by_key.setdefault(key, entry)
        return entry

    def _load_states(self, path: Path) -> None:
        forms = [("names_en", "en", "name"), ("names_fr", "fr", "name"),
                 ("capitals_en", "en", "capital"), ("capitals_fr", "fr", "capital"),
                 ("adjectives_fr", "fr", "adjective"), ("demonyms_en", "en", "demonym"),
                 ("gentiles_fr", "fr", "gentile")]
        for row in self._rows(path, 13):
            key, iso2, iso3, en, fr, status = row[:6]
            kind = "Place" if status == "territory" else "State"
            made: dict[str, GazEntry] = {}
            for (_, lang, form), cell in zip(forms, row[6:]):
                for surface in _cells(cell):
                    f = "acronym" if form == "name" and _mode(surface, form) == _EXACT \
                        else form
                    if f not in made:
                        made[f] = self._entry(key, kind, en, fr, iso2, f)
                    self._add(surface, lang, made[f])
            name = made.get("name") or self._entry(key, kind, en, fr, iso2, "name")
            for code in (key, iso2.upper(), iso3.upper()):
                if code:
                    self._states.setdefault(code, name)

    def _load_orgs(self, path: Path) -> None:
        for key, en, fr, names_en, names_fr, acr_en, acr_fr, _kind, _src in \
                self._rows(path, 9):
            name = self._entry(key, "Organization", en, fr, None, "name")
            acronym = self._entry(key, "Organization", en, fr, None, "acronym")
            for cell, lang, entry in ((names_en, "en", name), (names_fr, "fr", name),
                                      (acr_en, "en", acronym), (acr_fr, "fr", acronym)):
                for surface in _cells(cell):
                    self._add(surface, lang, entry)

    def _load_seats(self, path: Path) -> None:
        for surface, lang, refers_to, iso2, _kind, key, _ctx in self._rows(path, 7):
            label = re.sub(r"\s*\(.*?\)", "", refers_to)
            self._add(surface, lang, GazEntry(key, "Organization", label, None,
                                              iso2 or None, "seat"))

    def _load_persons(self, path: Path) -> None:
        for row in self._rows(path, 11):
            key, name, name_fr, aliases, aliases_fr, iso2, _r, _c, _f, last, src = row
            main = self._entry(key, "Person", name, name_fr, iso2, "name")
            alias = GazEntry(key, "Person", name, name_fr or None, iso2 or None, "alias")
            self._add(name, ANY_LANG, main)
            for surface in _cells(aliases):
                self._add(surface, ANY_LANG, alias)
            for surface in _cells(aliases_fr):
                self._add(surface, "fr", alias)
            recent = 9999 if not last else int(last)
            self._person_rank[key] = (0 if src.startswith("hand") else 1, -recent)

    def _load_places(self, path: Path) -> None:
        for key, en, fr, iso2, _kind, names_en, names_fr in self._rows(path, 7):
            entry = self._entry(key, "Place", en, fr, iso2, "name")
            for cell, lang in ((names_en, "en"), (names_fr, "fr")):
                for surface in _cells(cell):
                    self._add(surface, lang, entry)

    def _load_titles(self, path: Path) -> None:
        for surface, lang, norm, agent, cameo, _src in self._rows(path, 6):
            entry = TitleEntry(surface, lang, norm, agent, cameo or None)
            self._titles[(lang, fold(surface).lower())] = entry

    def _load_offices(self, offices: Path, houses: Path) -> None:
        def day(cell: str, path: Path, n: int) -> dt.date | None:
            try:
                return dt.date.fromisoformat(cell) if cell else None
            except ValueError as e:
                raise InputError(f"bad date {cell!r}", source=str(path), line=n) from e

        for n, (office, iso2, en, fr, person, name, start, end) in enumerate(self._rows(offices, 8), start=2):
            first = day(start, offices, n)
            if first is None:
                raise InputError("an office term needs a start date", source=str(offices), line=n)
            self._terms.append(OfficeTerm(office, iso2, en, fr, person, name, first, day(end, offices, n)))
        for n, (match, pattern, title, office, start, end) in enumerate(self._rows(houses, 6), start=2):
            self._houses.append(House(match, fold(pattern).lower(), fold(title).lower(), office, day(start, houses, n),
                                      day(end, houses, n)))

    # ------------------------------------------------------------------ queries
    def principal(self, title: str, host: str | None, header: list[str], on: dt.date | None) -> OfficeTerm | None:
        """Who a release means by its principal's bare title ("the Secretary", "The President"):
        the publisher is known by the article's URL host or a header line, the holder by the
        publication date, or, with no date, by the one holder in the period an archive host covers."""
        title = fold(title).lower()
        host = (host or "").lower().rstrip(".")
        lines = {fold(line).lower() for line in header}
        houses = [h for h in self._houses if h.title == title and (
            (h.match == "host" and host and (host == h.pattern or host.endswith("." + h.pattern)))
            or (h.match == "line" and h.pattern in lines))]
        offices = {h.office for h in houses}
        if len(offices) != 1:
            return None
        office = offices.pop()
        terms = [t for t in self._terms if t.office == office]
        if on is not None:
            # the day of a handover belongs to the incoming holder
            found = [t for t in terms if t.start <= on and (t.end is None or on < t.end)]
            return found[0] if len(found) == 1 else None
        periods = [(h.start, h.end) for h in houses if h.start and h.end]
        if len(periods) != 1:
            return None
        lo, hi = periods[0]
        found = [t for t in terms if t.start < hi and (t.end is None or t.end > lo)]
        return found[0] if len({t.person for t in found}) == 1 else None

    def publisher_state(self, host: str | None) -> str | None:
        """The ISO code of the state whose government publishes at `host` ("www.vie-publique.fr" -> "FR")."""
        host = (host or "").lower().rstrip(".")
        if not host:
            return None
        found = [iso2 for suffix, iso2 in self._publishers if host == suffix or host.endswith("." + suffix)]
        return found[0] if len(set(found)) == 1 else None

    def lookup(self, surface: str, lang: str) -> list[GazEntry]:
        """Entries whose surface form matches ``surface`` exactly (rules in module doc)."""
        hits = self._match(surface, lang)
        if not hits:
            article, rest = split_article(surface.strip(), lang)
            if article:
                hits = self._match(rest, lang)
        return hits

    def _match(self, surface: str, lang: str) -> list[GazEntry]:
        folded = fold(surface)
        out: list[GazEntry] = []
        for hit in self._index.get(folded.lower(), ()):
            if hit.lang not in (lang, ANY_LANG) or any(e.key == hit.entry.key for e in out):
                continue
            if hit.mode in (_EXACT, _LOWER) and folded != hit.folded:
                continue
            if hit.mode == _PROPER and not (folded[:1].isupper() or folded[:1].isdigit()):
                continue
            out.append(hit.entry)
        return out

    def phrases(self, lang: str) -> Iterator[tuple[str, GazEntry]]:
        """Every bare surface form for ``lang`` (and its accent-free spelling when it
        differs), to feed a spaCy PhraseMatcher; check matches with ``lookup``."""
        seen: set[tuple[str, str, str]] = set()
        for hits in self._index.values():
            for hit in hits:
                if hit.lang not in (lang, ANY_LANG):
                    continue
                plain = hit.surface.translate(_APOS_ONLY)
                for text in dict.fromkeys((hit.surface, plain, strip_accents(plain))):
                    mark = (text, hit.entry.key, hit.entry.form)
                    if mark not in seen:
                        seen.add(mark)
                        yield text, hit.entry

    def get(self, key: str) -> GazEntry | None:
        """The 'name' entry of any key ("org/nato", "place/moscow", ...)."""
        return self._by_key.get(key)

    def state(self, key_or_iso2: str) -> GazEntry | None:
        """A state (or territory) by key ("state/russia"), ISO alpha-2 or alpha-3 code."""
        code = key_or_iso2 if "/" in key_or_iso2 else key_or_iso2.upper()
        return self._states.get(code)

    def wikidata(self, kind: str, iso2: str | None) -> str | None:
        """The Wikidata item of a state ("State", "RU" -> "Q159"); None for anything else."""
        return self._state_qids.get(iso2.upper()) if kind == "State" and iso2 else None

    def add_state(self, entities: dict[str, Entity], entry: GazEntry) -> str:
        """Put the state of `entry` among an article's `entities` if the text has not named it yet (English
        label, French one, ISO code, Wikidata item); its key."""
        if entry.key not in entities:
            ent = Entity(entry.key, "State", entry.label_en, "en", iso2=entry.iso2,
                         wikidata=self.wikidata("State", entry.iso2))
            if entry.label_fr:
                ent.other_labels["fr"] = entry.label_fr
            entities[entry.key] = ent
        return entry.key

    def person(self, name: str) -> GazEntry | None:
        """A person by full name or alias, accent- and case-insensitive. Several people
        sharing an alias: a full-name match wins, then hand-checked, then most recent."""
        found = self.persons(name)
        return found[0] if found else None

    def persons(self, name: str) -> list[GazEntry]:
        """Every person whose name or alias is ``name`` (best first, see ``person``)."""
        folded = fold(name).lower()
        hits = [h.entry for h in self._index.get(folded, ()) if h.entry.kind == "Person"]
        unique = {(e.key, e.form): e for e in hits}.values()
        best: dict[str, GazEntry] = {}
        for e in sorted(unique, key=lambda e: e.form != "name"):
            best.setdefault(e.key, e)
        return sorted(best.values(), key=lambda e: (e.form != "name",
                                                    self._person_rank.get(e.key, (1, 0))))

    def title(self, surface: str, lang: str) -> TitleEntry | None:
        """A title by its surface (case-, accent- and leading-article-insensitive)."""
        key = fold(surface).lower()
        entry = self._titles.get((lang, key))
        if entry is None:
            m = _TITLE_DET.match(key)
            entry = self._titles.get((lang, key[m.end():])) if m else None
        return entry

    def words_of(self, key: str) -> frozenset[str]:
        """Folded, lower-case words of every name, capital, adjective and demonym of an entity of the gazetteer
        ("state/china" -> {"chine", "china", "chinois", "chinese", "pekin", …})."""
        return frozenset(self._words_of.get(key, ()))

    def titles(self, lang: str) -> Iterator[TitleEntry]:
        """Every title of ``lang``."""
        return (t for (tl, _), t in self._titles.items() if tl == lang)

    def __len__(self) -> int:
        return sum(len(h) for h in self._index.values())
