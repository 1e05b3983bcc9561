"""Texts for the growth benchmark: every distinct real news text, then synthetic variants.

Real texts come from the public gold sets in ``../shared/eval`` (PolNeAR,
ECB+, CoNLL-2003, Timeline17, TempEval-3 TimeBank, FNC-1 bodies, the
extraction set's article texts); duplicates (the same text in two sets) are
kept once. Above that count the corpus grows with *variants* of real texts.

A variant is made so it reads as a news report and is neither a copy of one
source article nor of another variant (else copy lineages would dominate the
fusion cost):

* **mixed**: its sentences come from ``MIX`` articles of one *source set*
  (one ECB+ or Timeline17 topic, one PolNeAR publisher, a run of CoNLL-2003
  stories), at most ``MAX_SHARE`` of the variant from any one article, and
  at most ``SOURCE_SHARE`` of any article's sentences (a copy link needs half
  of one document covered by the other), each article's sentences in their
  order (the first article leads);
* **names swapped**: capitalised words inside a sentence (names, mostly) are
  replaced, consistently within the variant, by capitalised words of another
  source set of the same collection, so names are real names but a variant
  does not share its sources' name sequences;
* **dates shifted**: every four-digit year 1900-2039 moves by the same
  ``1..9`` years within the variant.

Everything is deterministic given the variant number. Whole sentences are
copied byte for byte apart from the swapped words, so the text stays
readable; no input text is ever written into the project, only into the
benchmark's temporary corpus.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from storyline.lexicon import MONTH_NAMES, WEEKDAY_NAMES

# (file under the eval folder, text field, source-set field or None, collection)
SOURCES: tuple[tuple[str, str, str | None, str], ...] = (
    ("quotes/train.jsonl", "text", "meta.publisher", "polnear"),
    ("quotes/dev.jsonl", "text", "meta.publisher", "polnear"),
    ("xdoc_coref/documents.jsonl", "text", "topic", "ecb+"),
    ("ner/train.jsonl", "text", None, "conll2003"),
    ("ner/dev.jsonl", "text", None, "conll2003"),
    ("timelines/articles.jsonl", "text", "topic", "timeline17"),
    ("timex/dev.jsonl", "text", "subset", "tempeval3"),
    ("stance/bodies.jsonl", "text", None, "fnc1"),
    ("extraction/gold.jsonl", "expected_text", None, "extraction"),
)
CHUNK = 20  # a source set without a topic field: this many consecutive articles
MIX = 3  # articles per variant
MAX_SHARE = 0.4  # at most this share of a variant's sentences from one article
SOURCE_SHARE = 0.4  # ... and at most this share of any source article's sentences
MIN_WORDS = 40  # shorter texts are not used as variant material
MIN_SENTENCES = 4  # nor texts of fewer sentences
SENTENCE = re.compile(r"[^\n]+?(?:[.!?][\"'”’)]*(?=\s)|$)", re.M)
CAPITAL = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{2,}\b")
YEAR = re.compile(r"\b(19\d\d|20[0-3]\d)\b")
KEEP_CAPITAL = frozenset(
    [
        *MONTH_NAMES,
        *WEEKDAY_NAMES,
        "The",
        "This",
        "That",
        "These",
        "Those",
        "There",
        "They",
        "Their",
        "When",
        "What",
        "Where",
        "While",
        "Which",
        "Who",
    ]
)


def _field(record: dict, dotted: str) -> object:
    value: object = record
    for part in dotted.split("."):
        if isinstance(value, str) and value.startswith("{"):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def real_texts(eval_dir: Path) -> list[dict[str, str]]:
    """Every distinct real news text under ``eval_dir``, with its source set,
    interleaved across collections (the runs measured on 2026-12-07 took
    them collection by collection: their first 1,000 were 923 PolNeAR and
    77 ECB+ texts)."""
    out: list[dict[str, str]] = []
    seen: set[str] = set()
    for rel, text_key, set_key, collection in SOURCES:
        path = eval_dir / rel
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                record = json.loads(line)
                text = str(record.get(text_key) or "")
                digest = hashlib.sha1(text.strip().encode()).hexdigest()
                if not text.strip() or digest in seen:
                    continue
                seen.add(digest)
                group = _field(record, set_key) if set_key else None
                group = group if group else f"chunk{i // CHUNK}"
                out.append(
                    {"id": f"{collection}-{len(out)}", "text": text, "set": f"{collection}/{group}"}
                )
    return interleave(out)


def interleave(records: list[dict[str, str]]) -> list[dict[str, str]]:
    """Records taken round-robin across collections (each in its own order),
    so every corpus size has about the same mix of text kinds and lengths."""
    pools: dict[str, list[dict[str, str]]] = {}
    for r in records:
        pools.setdefault(r["set"].split("/", 1)[0], []).append(r)
    queues = [iter(p) for p in pools.values()]
    out: list[dict[str, str]] = []
    while queues:
        alive = []
        for q in queues:
            r = next(q, None)
            if r is not None:
                out.append(r)
                alive.append(q)
        queues = alive
    return out


def sentences(text: str) -> list[str]:
    """The text's sentences (a line break always ends one), stripped, none empty."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def shares(lengths: list[int]) -> list[int]:
    """Sentences to take from articles of these lengths (in sentences): at most
    ``SOURCE_SHARE`` of each (at least one), then the largest takes cut until
    none is more than ``MAX_SHARE`` of the variant (a long article mixed with
    two short ones would otherwise make the variant a partial copy of it)."""
    takes = [max(1, int(n * SOURCE_SHARE)) for n in lengths]
    while max(takes) > 1 and max(takes) > MAX_SHARE * sum(takes):
        takes[takes.index(max(takes))] -= 1
    return takes


class VariantMaker:
    """Makes variant ``k`` of a list of real texts (see the module docstring)."""

    def __init__(self, real: list[dict[str, str]], min_words: int = MIN_WORDS) -> None:
        sets: dict[str, list[list[str]]] = {}
        for r in real:
            sents = sentences(r["text"])
            if sum(len(s.split()) for s in sents) >= min_words and len(sents) >= MIN_SENTENCES:
                sets.setdefault(r["set"], []).append(sents)
        self.sets = sorted((k, v) for k, v in sets.items() if len(v) >= MIX)
        if not self.sets:
            raise ValueError("no source set has enough articles to mix")
        self.names: dict[str, list[str]] = {}
        for key, arts in self.sets:
            words = {w for art in arts for s in art for w in CAPITAL.findall(s)}
            self.names[key] = sorted(words - KEEP_CAPITAL)

    def variant(self, k: int) -> dict[str, str]:
        """Variant number ``k``: a JSONL record with ``id``, ``text`` and ``set``."""
        rng = random.Random(k * 7919 + 17)
        key, arts = self.sets[k % len(self.sets)]
        picked = rng.sample(range(len(arts)), MIX)
        takes = shares([len(arts[i]) for i in picked])
        parts: list[list[str]] = []
        for i, take in zip(picked, takes, strict=True):
            start = rng.randrange(0, len(arts[i]) - take + 1)
            parts.append(arts[i][start : start + take])
        rounds = [" ".join(block) for block in zip(*parts, strict=False)]
        rest = [s for part in parts for s in part[min(map(len, parts)) :]]
        paragraphs = rounds + ([" ".join(rest)] if rest else [])
        text = self._swap_names("\n\n".join(paragraphs), key, rng)
        shift = 1 + k % 9
        text = YEAR.sub(lambda m: str(int(m.group()) + shift), text)
        return {"id": f"variant-{k}", "text": text, "set": f"variant/{key}"}

    def _swap_names(self, text: str, key: str, rng: random.Random) -> str:
        collection = key.split("/", 1)[0]
        others = [k for k, _ in self.sets if k != key and k.startswith(collection + "/")]
        pool_key = rng.choice(others) if others else key
        pool = self.names.get(pool_key) or self.names[key]
        mapping: dict[str, str] = {}

        def swap(m: re.Match[str]) -> str:
            word = m.group()
            if word in KEEP_CAPITAL or not pool:
                return word
            if word not in mapping:
                mapping[word] = pool[rng.randrange(len(pool))]
            return mapping[word]

        return CAPITAL.sub(swap, text)


def corpus(eval_dir: Path, n: int) -> Iterator[dict[str, str]]:
    """``n`` records: the real texts first, then variants ``0, 1, ...``."""
    real = real_texts(eval_dir)
    yield from real[:n]
    if n > len(real):
        maker = VariantMaker(real)
        for k in range(n - len(real)):
            yield maker.variant(k)


def write_jsonl(records: Iterator[dict[str, str]], path: Path) -> dict[str, int]:
    """Write the records as JSONL (``id`` and ``text``); counts of real and variant texts."""
    counts = {"real": 0, "variant": 0, "words": 0}
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
            counts["variant" if r["id"].startswith("variant-") else "real"] += 1
            counts["words"] += len(r["text"].split())
    return counts


def copy_lineages(records: list[dict[str, str]]) -> dict[str, int]:
    """Copy lineages among ``records`` by the project's copy detector on the
    texts alone (no parse: copy detection reads only the text and its spans,
    and these texts have none), to check that variants do not turn into copies
    of their sources or of each other. Counts lineages and documents in them,
    split by real and variant."""
    from storyline.fuse.copies import find_copies
    from storyline.model import DocumentAnalysis, Metadata

    analyses = [
        DocumentAnalysis(r["id"], "growth", r["text"], r["id"], "txt", Metadata()) for r in records
    ]
    lineages = find_copies(analyses)
    members = [d for lin in lineages for d in lin.documents]
    return {
        "documents": len(records),
        "lineages": len(lineages),
        "documents_in_lineages": len(members),
        "variants_in_lineages": sum(d.startswith("variant-") for d in members),
        "lineages_with_a_variant": sum(
            any(d.startswith("variant-") for d in lin.documents) for lin in lineages
        ),
    }
