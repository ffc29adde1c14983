"""Plain data passed between stages: articles in, extractions out. No RDF here."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

EntityKind = Literal["Person", "Organization", "State", "Place"]
Precision = Literal["day", "month", "year"]
PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


@dataclass(frozen=True)
class Article:
    """One news article as read from a file or record."""

    id: str
    title: str
    text: str
    lang: str | None = None
    # The publication date. A record that gives only "2015-06" or "2015" has its first day here and
    # `published_precision` "month" or "year": what is known is that month or that year.
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None  # the file (and line) it came from
    published_precision: Precision = "day"

    @property
    def published_iso(self) -> str | None:
        """The publication date as given: "2015-06-12", "2015-06" or "2015"."""
        if self.published is None:
            return None
        return self.published.isoformat()[:PRECISION_CHARS[self.published_precision]]

    @property
    def published_day(self) -> dt.date | None:
        """The publication date only when its day is known (relative dates need it)."""
        return self.published if self.published_precision == "day" else None


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ISO 8601 text (YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www) and its surface form."""

    iso: str
    text: str

    @property
    def is_full_date(self) -> bool:
        return len(self.iso) == 10 and self.iso[4] == "-" and self.iso[7] == "-"


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """A real-world referent. `key` is stable across articles ("person/xi-jinping")."""

    key: str
    kind: EntityKind
    label: str
    label_lang: str = "en"
    aliases: set[str] = field(default_factory=set)  # surface forms seen in this article
    other_labels: dict[str, str] = field(default_factory=dict)  # language -> label
    wikidata: str | None = None  # "Q159"
    iso2: str | None = None  # for states
    part_of: str | None = None  # for a state body ("Conseil de sécurité nationale russe"): the state's key


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    entity: str  # Entity.key
    sentence: int


@dataclass
class PostHolding:
    """A person holds a post (role) in an organisation or state."""

    person: str
    role: str  # the role title as written, without the name ("secrétaire")
    role_lang: str
    organization: str | None
    evidence: str
    sentence: int
    status: str = "current"  # current | former | acting | designate | elect
    confidence: float = 0.7
    start: DateValue | None = None  # when the text says the post was taken (an appointment, a swearing-in)
    end: DateValue | None = None  # when the text says it was left (a resignation, a replacement)
    # The post this one takes over ("X remplace Y comme ministre": X's post succeeds Y's), in the same article.
    succeeds: PostHolding | None = field(default=None, repr=False, compare=False)
    # The post as one node across articles and languages: the gazetteer's English form of the title, when the
    # role names nothing besides the title and its body ("premier ministre de la Pologne" -> "Prime Minister").
    post_title: str | None = None


@dataclass
class Agreement:
    parties: list[str]
    trigger: str
    evidence: str
    sentence: int
    status: str = "agreed"
    label: str | None = None
    date: DateValue | None = None
    cameo: str | None = None  # CAMEO event code, e.g. "057"
    confidence: float = 0.7
    instrument: str | None = None  # the treaty or accord it is about, as named ("les accords de Minsk")


@dataclass
class Meeting:
    participants: list[str]
    trigger: str
    evidence: list[str]
    sentence: int
    place: str | None = None
    date: DateValue | None = None
    confidence: float = 0.7


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    lang: str
    sentences: list[Sentence] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    posts: list[PostHolding] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
