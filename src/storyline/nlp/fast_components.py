"""Drop-in replacements for the model's ``attribute_ruler`` and ``lemmatizer``.

Both stock components are rule tables, yet together they cost about a fifth
of a parse: the ruler runs a ``Matcher`` over every token (Python predicate
calls per token, a ``Span`` and a ``Token`` per match) and the lemmatizer
makes a ``Token`` per token and re-derives the lemma of base forms every
time (spaCy only caches the inflected ones).

``FastAttributeRuler`` evaluates the same patterns over ``Doc.to_array``
columns with numpy (runs of one-token rules that test attributes for fixed
values, such as the tag map, become one table look-up) and writes the result
back with one ``Doc.from_array``; ``CachedLemmatizer`` memoises the stock
lemmatizer's answer per (ORTH, POS, MORPH), which is everything the rule
lemmatizer reads, and answers a first occurrence with the same code over
``lemma_index`` tables held as sets (spaCy holds them as lists of up to 57,000
words and scans them). The token attributes are identical to the stock
components' (tests/nlp/test_fast_components.py checks every token of the corpora).
A pattern feature this module does not reproduce exactly (operators,
extension attributes, other predicates, other attributes) makes ``install``
keep the stock component.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes a pattern may test: read by ``Doc.to_array`` exactly as the
#: Matcher reads them (``get_token_attr``); lexeme flags (IS_ALPHA ... IS_CURRENCY)
#: are allowed too. SENT_START (the Matcher reads it differently), MORPH (set
#: predicates normalise it) and ENT_IOB (string values are IOB names) are not.
READABLE = frozenset(IDS[a] for a in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX"))
READABLE |= frozenset(IDS[a] for a in ("LENGTH", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE"))
FLAGS = frozenset(v for k, v in IDS.items() if 0 < v < 64 and not k.startswith("FLAG"))
#: Attributes the ruler may set: plain token struct fields, which is all that
#: ``set_token_attrs`` changes for them (it skips lexemes for ids >= 64).
WRITABLE = (POS, TAG, MORPH, LEMMA, DEP)

# A predicate: (column attribute, operator, operand); operand is an int for
# "==", a frozenset of ints for "IN"/"NOT_IN", a pattern string for "REGEX".
Predicate = tuple[int, str, Any]


class Unsupported(ValueError):
    """A pattern uses a Matcher feature this module does not reproduce."""


@dataclass(frozen=True)
class _Alternative:
    """One token-pattern of a rule: a spec (predicates) per token, and which
    token of a match gets the attributes."""

    specs: tuple[tuple[Predicate, ...], ...]
    target: int


@dataclass(frozen=True)
class _Rule:
    """One ``AttributeRuler.add`` call: its patterns and the (attr, value) it sets."""

    alternatives: tuple[_Alternative, ...]
    sets: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Table:
    """A run of consecutive one-token rules that test the same attributes for
    fixed values (``==`` or ``IN``): a token is matched by exactly the rules
    whose value tuples contain its own, so applying the run in order is one
    look-up of its values in ``table`` (each rule's settings merged in order)."""

    attrs: tuple[int, ...]
    table: dict[tuple[int, ...], tuple[tuple[int, int], ...]]


#: A ``_Rule`` keyed on more value tuples than this stays a mask evaluation.
MAX_KEYS = 4096
#: A ``_Table`` this small is applied key by key (a mask per key), not by look-up.
SMALL_TABLE = 8
#: A ``_Table`` keys on at most this many attributes.
MAX_TABLE_ATTRS = 3


def _keys(rule: _Rule) -> tuple[tuple[int, ...], set[tuple[int, ...]]] | None:
    """The attributes and value tuples of a rule usable in a ``_Table``, or None."""
    attrs: tuple[int, ...] | None = None
    keys: set[tuple[int, ...]] = set()
    for alt in rule.alternatives:
        if len(alt.specs) != 1 or not alt.specs[0]:
            return None
        spec = sorted(alt.specs[0], key=lambda p: p[0])
        names = tuple(p[0] for p in spec)
        if len(names) > MAX_TABLE_ATTRS or len(set(names)) != len(names):
            return None
        if attrs is not None and names != attrs:
            return None
        attrs = names
        options: list[tuple[int, ...]] = [()]
        for _, op, operand in spec:
            if op == "==":
                values: list[int] = [operand]
            elif op == "IN":
                values = sorted(operand)
            else:
                return None
            options = [o + (v,) for o in options for v in values]
            if len(options) > MAX_KEYS:
                return None
        keys.update(options)
    return (attrs, keys) if attrs is not None else None


def plan(rules: tuple[_Rule, ...]) -> tuple[_Rule | _Table, ...]:
    """Collapse runs of table-like rules (see ``_Table``); order is kept."""
    steps: list[_Rule | _Table] = []
    for rule in rules:
        keyed = _keys(rule)
        if keyed is None:
            steps.append(rule)
            continue
        attrs, keys = keyed
        last = steps[-1] if steps else None
        if not isinstance(last, _Table) or last.attrs != attrs:
            last = _Table(attrs, {})
            steps.append(last)
        for key in keys:
            merged = dict(last.table.get(key, ()))
            merged.update(rule.sets)
            last.table[key] = tuple(merged.items())
    return tuple(steps)


def _attr_id(key: Any) -> int:
    if isinstance(key, int):
        attr = key
    elif isinstance(key, str):
        name = key.upper()
        name = "ORTH" if name == "TEXT" else name
        if name not in IDS:
            raise Unsupported(f"attribute {key!r}")
        attr = IDS[name]
    else:
        raise Unsupported(f"attribute {key!r}")
    if attr not in READABLE and attr not in FLAGS:
        raise Unsupported(f"attribute {key!r}")
    return attr


def _spec(spec: dict[Any, Any], vocab: Vocab) -> tuple[Predicate, ...]:
    """Compile one token spec the way ``matcher.pyx`` reads it."""
    preds: list[Predicate] = []
    for key, value in spec.items():
        attr = _attr_id(key)
        if isinstance(value, str):
            preds.append((attr, "==", vocab.strings.add(value)))
        elif isinstance(value, bool | int):
            preds.append((attr, "==", int(value)))
        elif isinstance(value, dict):
            for op, operand in value.items():
                op = op.upper() if isinstance(op, str) else op
                if op in ("IN", "NOT_IN") and isinstance(operand, list | tuple):
                    if not all(
                        isinstance(v, str | int) and not isinstance(v, bool) for v in operand
                    ):
                        raise Unsupported(f"{op} operand {operand!r}")
                    preds.append((attr, op, frozenset(get_string_id(v) for v in operand)))
                elif op == "REGEX" and isinstance(operand, str):
                    preds.append((attr, op, operand))
                else:
                    raise Unsupported(f"predicate {op!r}")
        else:
            raise Unsupported(f"value {value!r}")
    return tuple(preds)


def compile_rules(ruler: AttributeRuler) -> tuple[_Rule, ...]:
    """The ruler's patterns as rules in the order spaCy applies them.

    ``AttributeRuler.match`` sorts matches by the index of the ``add`` call
    that made them and sets attributes in that order, so for every token and
    attribute the last rule that matches and sets it wins; all patterns are
    matched against the Doc as it was before any rule applied.
    """
    rules: list[_Rule] = []
    for i, attrs in enumerate(ruler.attrs):
        _, patterns = ruler.matcher.get(str(i))
        if set(attrs) - set(WRITABLE):
            raise Unsupported(f"rule {i} sets {sorted(attrs)}")
        index = ruler.indices[i]
        alternatives = []
        for pattern in patterns:
            n = len(pattern)
            if not -n <= index < n:
                raise Unsupported(f"rule {i}: index {index} outside its pattern")
            alternatives.append(
                _Alternative(tuple(_spec(s, ruler.vocab) for s in pattern), index % n)
            )
        rules.append(_Rule(tuple(alternatives), tuple((a, int(v)) for a, v in attrs.items())))
    return tuple(rules)


class FastAttributeRuler:
    """The stock AttributeRuler's effect, computed on token arrays (see module doc)."""

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.vocab = vocab
        self.name = name
        self.set_rules(())

    def set_rules(self, rules: tuple[_Rule, ...]) -> None:
        self.rules = rules
        self._steps = plan(rules)
        read = sorted({p[0] for r in rules for a in r.alternatives for s in a.specs for p in s})
        self._read = {attr: k for k, attr in enumerate(read)}
        self._targets = [a for a in WRITABLE if any(a == s for r in rules for s, _ in r.sets)]
        self._target_col = {attr: k for k, attr in enumerate(self._targets)}
        self._regex: dict[tuple[str, int], bool] = {}  # (pattern, string id) -> match

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> FastAttributeRuler:
        fast = cls(ruler.vocab, ruler.name)
        fast.set_rules(compile_rules(ruler))
        return fast

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0 or not self._targets:
            return doc
        cols = Columns(
            doc.to_array(list(self._read) or [ORTH]).reshape((n, -1)),
            self._read,
            self.vocab,
            self._regex,
        )
        out = doc.to_array(self._targets).reshape((n, -1))
        for step in self._steps:
            if isinstance(step, _Table):
                self._apply_table(step, cols, out)
                continue
            hit = None
            for alt in step.alternatives:
                m = cols.targets(alt)
                if m is not None:
                    hit = m if hit is None else hit | m
            if hit is not None:
                for attr, value in step.sets:
                    out[hit, self._target_col[attr]] = value
        doc.from_array(self._targets, out)
        return doc

    def _apply_table(self, step: _Table, cols: Columns, out: np.ndarray) -> None:
        """Set what ``step``'s rules set. Distinct keys match disjoint tokens, so
        their order does not matter: a small table is applied key by key, a
        large one by looking up each distinct value tuple of the Doc once."""
        if len(step.table) <= SMALL_TABLE:
            for key, sets in step.table.items():
                preds = [(a, "==", v) for a, v in zip(step.attrs, key, strict=True)]
                if not all(cols.possible(p) for p in preds):
                    continue
                mask = cols.spec(tuple(preds))
                for attr, value in sets:
                    out[mask, self._target_col[attr]] = value
            return
        keys, inverse = cols.keys(step.attrs)
        found: dict[int, tuple[list[bool], list[int]]] = {}
        for k, key in enumerate(keys):
            sets = step.table.get(key)
            if sets is None:
                continue
            for attr, value in sets:
                col = self._target_col[attr]
                if col not in found:
                    found[col] = ([False] * len(keys), [0] * len(keys))
                found[col][0][k] = True
                found[col][1][k] = value
        for col, (has, vals) in found.items():
            mask = np.array(has, dtype=bool)[inverse]
            out[mask, col] = np.array(vals, dtype=np.uint64)[inverse][mask]


class Columns:
    """One Doc's read attributes as arrays, with the per-Doc memos the rules
    share: distinct values per attribute, predicate and spec masks."""

    def __init__(
        self,
        data: np.ndarray,
        read: dict[int, int],
        vocab: Vocab,
        regex: dict[tuple[str, int], bool],
    ) -> None:
        self.data = data
        self.n = len(data)
        self.read = read
        self.vocab = vocab
        self.regex = regex  # (pattern, string id) -> found; kept across Docs
        self._distinct: dict[int, tuple[list[int], np.ndarray, set[int]]] = {}
        self._masks: dict[Any, np.ndarray] = {}
        self._keys: dict[tuple[int, ...], tuple[list[tuple[int, ...]], np.ndarray]] = {}

    def distinct(self, attr: int) -> tuple[list[int], np.ndarray, set[int]]:
        """The Doc's distinct values of ``attr``, each token's index into them, and their set."""
        found = self._distinct.get(attr)
        if found is None:
            values, inverse = np.unique(self.data[:, self.read[attr]], return_inverse=True)
            as_list = values.tolist()
            found = self._distinct[attr] = (as_list, inverse.reshape(-1), set(as_list))
        return found

    def possible(self, pred: Predicate) -> bool:
        """False when no token can satisfy ``pred`` (a cheap set test before any mask)."""
        attr, op, operand = pred
        if op == "==":
            return operand in self.distinct(attr)[2]
        if op == "IN":
            return not operand.isdisjoint(self.distinct(attr)[2])
        return True

    def targets(self, alt: _Alternative) -> np.ndarray | None:
        """Tokens that get the rule's attributes through this pattern (None: no token)."""
        length = len(alt.specs)
        if length > self.n or not all(self.possible(p) for s in alt.specs for p in s):
            return None
        starts = self.n - length + 1
        ok = self.spec(alt.specs[0])[:starts]
        for k, spec in enumerate(alt.specs[1:], start=1):
            ok = ok & self.spec(spec)[k : k + starts]
        if not ok.any():
            return None
        if length == 1:
            return ok
        hit = np.zeros(self.n, dtype=bool)
        hit[alt.target : alt.target + starts] = ok
        return hit

    def spec(self, spec: tuple[Predicate, ...]) -> np.ndarray:
        mask = self._masks.get(spec)
        if mask is None:
            if not spec:  # {} matches any token
                mask = np.ones(self.n, dtype=bool)
            else:
                mask = self.pred(spec[0])
                for pred in spec[1:]:
                    mask = mask & self.pred(pred)
            self._masks[spec] = mask
        return mask

    def pred(self, pred: Predicate) -> np.ndarray:
        mask = self._masks.get(pred)
        if mask is not None:
            return mask
        attr, op, operand = pred
        if op == "==":
            mask = self.data[:, self.read[attr]] == operand
        else:
            values, inverse, _ = self.distinct(attr)
            if op == "IN":
                found = [v in operand for v in values]
            elif op == "NOT_IN":
                found = [v not in operand for v in values]
            else:  # REGEX: re.search on the attribute's string, as _RegexPredicate does
                strings = self.vocab.strings
                found = []
                for value in values:
                    key = (operand, value)
                    if key not in self.regex:
                        self.regex[key] = re.search(operand, strings[value]) is not None
                    found.append(self.regex[key])
            mask = np.array(found, dtype=bool)[inverse]
        self._masks[pred] = mask
        return mask

    def keys(self, attrs: tuple[int, ...]) -> tuple[list[tuple[int, ...]], np.ndarray]:
        """The Doc's distinct value tuples of ``attrs`` and each token's index
        into them (a mixed-radix code of per-column indices, so numpy only
        ever sorts 1-d integer arrays)."""
        found = self._keys.get(attrs)
        if found is not None:
            return found
        columns = [self.distinct(attr)[:2] for attr in attrs]
        if len(columns) == 1:
            values, inverse = columns[0]
            found = ([(v,) for v in values], inverse)
        elif math.prod(len(values) for values, _ in columns) >= 2**62:  # int64 codes overflow
            rows, inverse = np.unique(
                self.data[:, [self.read[a] for a in attrs]], axis=0, return_inverse=True
            )
            found = ([tuple(r) for r in rows.tolist()], inverse.reshape(-1))
        else:
            code = np.zeros(self.n, dtype=np.int64)
            for values, inverse in columns:
                code = code * len(values) + inverse
            codes, inverse = np.unique(code, return_inverse=True)
            parts = []
            for values, _ in reversed(columns):
                parts.append([values[i] for i in (codes % len(values)).tolist()])
                codes = codes // len(values)
            found = (list(zip(*reversed(parts), strict=True)), inverse.reshape(-1))
        self._keys[attrs] = found
        return found


class CachedLemmatizer:
    """The stock rule lemmatizer with one answer per (ORTH, POS, MORPH).

    ``Lemmatizer.rule_lemmatize`` reads only the token's text, POS and
    morphology (``is_base_form`` too), so its answer for a key never changes;
    spaCy's own cache skips base forms, which are most tokens.
    """

    #: entries kept before the cache starts afresh (memory stays bounded)
    MAX_CACHE = 500_000

    def __init__(self, vocab: Vocab, name: str = "lemmatizer") -> None:
        self.vocab = vocab
        self.name = name
        self.lemmatizer: Lemmatizer | None = None
        self._cache: dict[tuple[int, int, int], int] = {}

    @classmethod
    def wrap(cls, lemmatizer: Lemmatizer) -> CachedLemmatizer:
        cached = cls(lemmatizer.vocab, lemmatizer.name)
        cached.set_lemmatizer(lemmatizer)
        return cached

    def set_lemmatizer(self, lemmatizer: Lemmatizer) -> None:
        """Answer cache misses with a twin of ``lemmatizer`` (same class, mode
        and tables) whose ``lemma_index`` lists are sets: ``rule_lemmatize``
        only tests ``form in index``, and on a list that is a linear scan."""
        twin = type(lemmatizer)(
            lemmatizer.vocab,
            lemmatizer.model,
            lemmatizer.name,
            mode=lemmatizer.mode,
            overwrite=lemmatizer.overwrite,
            scorer=lemmatizer.scorer,
        )
        lookups = Lookups()
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                table = Table(name, {k: frozenset(v) for k, v in table.items()})
            lookups.set_table(name, table)
        twin.lookups = lookups
        self.lemmatizer = twin
        self._cache.clear()

    def __call__(self, doc: Doc) -> Doc:
        stock = self.lemmatizer
        if stock is None:
            raise RuntimeError("CachedLemmatizer used before wrap(lemmatizer)")
        if not stock._validated:
            stock._validate_tables(Errors.E1004)
        if len(doc) == 0:
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        cache = self._cache
        if len(cache) > self.MAX_CACHE:
            cache.clear()
        overwrite = stock.overwrite
        add = self.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            new = cache.get(key)
            if new is None:
                new = cache[key] = add(stock.lemmatize(doc[i])[0])
            lemmas[i] = new
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("storyline_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    """An empty ruler (like an empty AttributeRuler); ``install`` fills it."""
    return FastAttributeRuler(nlp.vocab, name)


@Language.factory("storyline_cached_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """A lemmatizer shell; ``install`` gives it the stock lemmatizer to wrap."""
    return CachedLemmatizer(nlp.vocab, name)


def install(nlp: Language) -> list[str]:
    """Swap the stock ruler and rule lemmatizer for the fast ones, in place and
    under the same names; a component they cannot reproduce exactly stays.
    Returns the names replaced."""
    replaced = []
    for name, proc in list(nlp.pipeline):
        if type(proc) is AttributeRuler:
            try:
                rules = compile_rules(proc)
            except Unsupported:
                continue
            fast = nlp.replace_pipe(name, "storyline_attribute_ruler")
            fast.set_rules(rules)
            replaced.append(name)
        elif type(proc) in (Lemmatizer, EnglishLemmatizer) and proc.mode == "rule":
            cached = nlp.replace_pipe(name, "storyline_cached_lemmatizer")
            cached.set_lemmatizer(proc)
            replaced.append(name)
    return replaced
