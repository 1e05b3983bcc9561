"""What tells "same story" from "similar story": per-document evidence and the
features of a document against a story, for the learned join score.

Two reports of one event share its specifics (names, counts, the year in the
dateline, distinctive phrases in the headline); two events of the same kind
share only the topic words. So besides the TF-IDF cosine of content words a
document is compared with a story on its named entities, its numbers, its
capitalised words (names the NER missed), its lead (headline and first line),
its years, and counted things ("23 pirates" against "26 pirates" is a
conflict). The score is a logistic regression over these features whose
weights are data in ``stories_rules`` (fitted by ``tools/train/stories.py``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.fuse.entity_names import normalise, person_key
from storyline.fuse.stories_rules import (
    ENTITY_LABEL_WEIGHTS,
    FEATURES,
    JOIN_INTERCEPT,
    JOIN_WEIGHTS,
    LEAD_LINES,
    MIN_WORD_LEN,
    SENTENCE_OPENERS,
)

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?!\w)")
# a number and the thing it counts, one modifier allowed: "23 pirates", "26 Somali pirates"
_COUNTED = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*) ([A-Za-z-]+)(?: ([a-z]{3,})\b)?")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words plus reporting verbs every story uses."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"said", "says", "told", "according"}


def content_words(text: str) -> Counter[str]:
    """Lower-cased content words (no stop words, no numbers) and their counts."""
    stop = stop_words()
    words = (m.group().lower().replace("\u2019", "'") for m in _WORD.finditer(text))
    return Counter(w.removesuffix("'s") for w in words if len(w) >= MIN_WORD_LEN and w not in stop)


def lead_years(text: str, lead_chars: int = 160) -> frozenset[str]:
    """Years named in the document's first characters, where datelines and
    "Updated 5/5/2010" lines stand (later years are as often background:
    "born in 1923")."""
    return frozenset(_YEAR.findall(text[:lead_chars]))


def entity_keys(entities: Iterable[tuple[str, str]]) -> tuple[Counter[str], dict[str, float]]:
    """Normalised names and their counts, with each name's label weight.

    Keys ignore the label (NER often calls one name a person here and an
    organisation there); a person also counts under the surname, so "Reid"
    meets "Tara Reid"."""
    out: Counter[str] = Counter()
    weight: dict[str, float] = {}
    for text, label in entities:
        lw = ENTITY_LABEL_WEIGHTS.get(label)
        if lw is None:
            continue
        key = normalise(text)
        keys = [key]
        if label == "PERSON" and key:
            key = person_key(key)
            keys = list(dict.fromkeys([key, key.rsplit(" ", 1)[-1]]))
        for k in keys:
            if k:
                out[k] += 1
                weight[k] = max(weight.get(k, 0.0), lw)
    return out, weight


def capitalised_words(text: str) -> Counter[str]:
    """Capitalised words inside sentences (names, often ones NER missed), lower-cased;
    a line's first word and words after sentence ends are left out."""
    stop = stop_words()
    out: Counter[str] = Counter()
    for line in text.splitlines():
        prev = ""
        for m in _WORD.finditer(line):
            w = m.group()
            before = line[max(0, m.start() - 3) : m.start()].strip()
            opener = not prev or before[-1:] in SENTENCE_OPENERS
            low = w.lower()
            if w[0].isupper() and not opener and len(w) >= MIN_WORD_LEN and low not in stop:
                out[low] += 1
            prev = w
    return out


def counted_things(text: str) -> dict[str, frozenset[str]]:
    """Numbers by the noun they count ("pirate" -> {"23"}); years are not counts."""
    stop = stop_words()
    out: dict[str, set[str]] = {}
    for m in _COUNTED.finditer(text):
        n, first, second = m.group(1).replace(",", ""), m.group(2), m.group(3)
        direct = len(first) >= MIN_WORD_LEN and first.islower() and first not in stop
        noun = first if direct else second
        if _YEAR.fullmatch(n) or not noun or noun in stop:
            continue
        out.setdefault(noun.removesuffix("s"), set()).add(n)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class DocEvidence:
    """A document's bags of evidence (counts) and its years and counted things."""

    words: Counter[str]
    names: Counter[str]
    name_scale: dict[str, float]
    numbers: Counter[str]
    caps: Counter[str]
    lead: Counter[str]
    years: frozenset[str]
    lead_years: frozenset[str]
    counted: dict[str, frozenset[str]]


def doc_evidence(text: str, entities: Iterable[tuple[str, str]]) -> DocEvidence:
    """Everything the join score needs of one document, in one pass over its text."""
    names, scale = entity_keys(entities)
    lead = "\n".join(text.lstrip().splitlines()[:LEAD_LINES])
    numbers = Counter(n.replace(",", "") for n in _NUMBER.findall(text) if not _YEAR.fullmatch(n))
    return DocEvidence(
        words=content_words(text),
        names=names,
        name_scale=scale,
        numbers=numbers,
        caps=capitalised_words(text),
        lead=content_words(lead),
        years=frozenset(_YEAR.findall(text)),
        lead_years=lead_years(text),
        counted=counted_things(text),
    )


@dataclass
class StoryEvidence:
    """What a story has accumulated beyond its centroids."""

    size: int = 0
    years: set[str] = field(default_factory=set)
    lead_years: set[str] = field(default_factory=set)
    counted: dict[str, set[str]] = field(default_factory=dict)

    def absorb(self, doc: DocEvidence) -> None:
        self.size += 1
        self.years |= doc.years
        self.lead_years |= doc.lead_years
        for noun, nums in doc.counted.items():
            self.counted.setdefault(noun, set()).update(nums)


def _match_conflict(a: Iterable[str], b: set[str]) -> tuple[float, float]:
    a = set(a)
    if a & b:
        return 1.0, 0.0
    return 0.0, (1.0 if a and b else 0.0)


def join_features(cosines: Mapping[str, float], doc: DocEvidence, story: StoryEvidence) -> dict:
    """Named features of ``doc`` against ``story`` (cosines keyed by evidence kind)."""
    year_match, year_conflict = _match_conflict(doc.years, story.years)
    lead_match, lead_conflict = _match_conflict(doc.lead_years, story.lead_years)
    shared = [k for k in doc.counted if k in story.counted]
    count_conflict = sum(1 for k in shared if not doc.counted[k] & story.counted[k])
    single = 1.0 if story.size <= 1 else 0.0
    f = {
        "words": cosines.get("words", 0.0),
        "names": cosines.get("names", 0.0),
        "numbers": cosines.get("numbers", 0.0),
        "year_match": year_match,
        "year_conflict": year_conflict,
        "log_size": math.log(max(story.size, 1)),
        "has_names": 1.0 if doc.names else 0.0,
        "caps": cosines.get("caps", 0.0),
        "lead": cosines.get("lead", 0.0),
        "lead_year_match": lead_match,
        "lead_year_conflict": lead_conflict,
        "count_conflict": min(count_conflict, 3) / 3,
        "count_match": min(len(shared) - count_conflict, 3) / 3,
        "single": single,
    }
    for k in ("words", "names", "numbers"):
        f[f"{k}_x_single"] = f[k] * single
    return f


def feature_vector(f: Mapping[str, float]) -> list[float]:
    """Features in the order of ``FEATURES`` (what the learner sees)."""
    return [f[k] for k in FEATURES]


#: A join model: intercept and weights by feature name.
JoinModel = tuple[float, Mapping[str, float]]
SHIPPED_MODEL: JoinModel = (JOIN_INTERCEPT, JOIN_WEIGHTS)


def join_probability(f: Mapping[str, float], model: JoinModel = SHIPPED_MODEL) -> float:
    """Logistic join score: how likely the document reports this story."""
    intercept, weights = model
    z = intercept + sum(weights[k] * f[k] for k in FEATURES)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
