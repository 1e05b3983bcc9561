"""The accurate profile's NER model: a MiniLM-L6 token classifier run on CPU
as a spaCy component after the model's own ``ner``.

The weights are built by ``tools/train/ner_transformer.py`` (``make
accurate-model``) into a folder (``model.safetensors``, ``config.json``,
tokenizer files, ``manifest.json``); nothing is downloaded at run time.
torch and transformers are imported only when the profile is used, so the
default profile neither needs nor loads them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from storyline.nlp.ner_accurate import (
    CASE_CLASSES,
    LABELS,
    decode_bio,
    first_pieces,
    merge,
    ontonotes_label,
    piece_cases,
    windows,
)
from storyline.nlp.weights import WeightsFolder, int8_wanted, load_tagger_parts
from storyline.nlp.weights import WeightsMissing as WeightsMissing  # what check_weights raises

log = logging.getLogger(__name__)

#: Where ``make accurate-model`` writes the weights (not committed: about
#: 45 MB); ``STORYLINE_ACCURATE_MODEL`` names another folder.
DEFAULT_FOLDER = Path(__file__).parent / "ner_accurate"
NER_FOLDER = WeightsFolder("STORYLINE_ACCURATE_MODEL", DEFAULT_FOLDER, "NER weights")
#: The folder the accurate profile loads its NER weights from.
weights_folder = NER_FOLDER.folder
#: That folder (or the one given) if it holds the weights, else ``WeightsMissing``.
check_weights = NER_FOLDER.check
# Words per tagger window: a longer "sentence" is tagged in pieces.
WINDOW_WORDS = 120
# Sentences per forward pass (sorted by length, so padding stays small).
BATCH_SENTENCES = 32
# Word pieces per row at most (a longer window is cut).
MAX_PIECES = 512


def encode_words(
    tokenizer: Any, torch: Any, batch: Sequence[Sequence[str]], max_length: int
) -> tuple[dict[str, Any], list[list[int | None]]]:
    """What a tagger module takes for a batch of word lists (piece ids, mask,
    casing classes; padded, cut at ``max_length`` pieces), and each row's word
    index per piece (None on special tokens), for the NER and attribution
    taggers alike, in training and at run time."""
    enc = tokenizer(
        [list(words) for words in batch],
        is_split_into_words=True,
        padding=True,
        truncation=True,
        max_length=max_length,
        return_tensors="pt",
    )
    word_ids = [enc.word_ids(r) for r in range(len(batch))]
    cases = [piece_cases(ids, words) for ids, words in zip(word_ids, batch, strict=True)]
    tensors = {
        "ids": enc["input_ids"],
        "mask": enc["attention_mask"],
        "cases": torch.tensor(cases, dtype=torch.long),
    }
    return tensors, word_ids


def build_tagger_module(config: Any, n_labels: int = len(LABELS)) -> Any:
    """The torch module: MiniLM with a casing embedding added to its input
    embeddings (the base model is uncased) and a linear layer over ``n_labels``
    BIO tags (the NER tags by default; the attribution tagger has its own)."""
    import torch
    from torch import nn
    from transformers import BertModel

    class TokenTagger(nn.Module):
        """BERT encoder + casing embedding + per-piece linear classifier."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = BertModel(config, add_pooling_layer=False)
            self.case = nn.Embedding(CASE_CLASSES, config.hidden_size)
            nn.init.zeros_(self.case.weight)
            self.drop = nn.Dropout(config.hidden_dropout_prob)
            self.out = nn.Linear(config.hidden_size, n_labels)

        def forward(
            self, ids: torch.Tensor, mask: torch.Tensor, cases: torch.Tensor
        ) -> torch.Tensor:
            emb = self.bert.embeddings.word_embeddings(ids) + self.case(cases)
            hidden = self.bert(inputs_embeds=emb, attention_mask=mask).last_hidden_state
            return self.out(self.drop(hidden))

    return TokenTagger()


class Tagger:
    """Loaded weights + tokenizer; tags lists of words with BIO tags."""

    def __init__(self, folder: Path, quantize: bool = True, threads: int | None = None) -> None:
        self.torch, self.tokenizer, self.module = load_tagger_parts(
            folder, build_tagger_module, quantize, threads
        )

    def encode(self, batch: Sequence[Sequence[str]]) -> tuple[dict[str, Any], list[list[int]]]:
        """Tensors for a batch of word lists, and each word's first piece."""
        tensors, word_ids = encode_words(self.tokenizer, self.torch, batch, MAX_PIECES)
        firsts = [first_pieces(ids, len(words)) for ids, words in zip(word_ids, batch, strict=True)]
        return tensors, firsts

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each word of each sentence (in the order given)."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[list[str]] = [[] for _ in sentences]
        with self.torch.inference_mode():
            for b in range(0, len(order), BATCH_SENTENCES):
                rows = order[b : b + BATCH_SENTENCES]
                batch = [sentences[i] for i in rows]
                tensors, firsts = self.encode(batch)
                best = self.module(**tensors).argmax(-1).tolist()
                for i, row_best, row_first in zip(rows, best, firsts, strict=True):
                    out[i] = [LABELS[row_best[p]] if p >= 0 else "O" for p in row_first]
        return out


@lru_cache(maxsize=2)
def load_tagger(folder: str, quantize: bool | None = None) -> Tagger:
    """One tagger per process and folder. ``quantize`` None: int8 unless
    ``STORYLINE_ACCURATE_INT8=0`` (fp32: slower, for measuring the cost)."""
    return Tagger(
        check_weights(Path(folder)), quantize=int8_wanted() if quantize is None else quantize
    )


def doc_windows(doc: Doc) -> list[list[int]]:
    """Token indices (whitespace left out) of each tagger window of ``doc``:
    the sentences of one line (paragraph) packed together up to
    ``WINDOW_WORDS`` words, for context; a longer sentence is cut."""
    out: list[list[int]] = []
    current: list[int] = []
    for sent in doc.sents:
        idx = [t.i for t in sent if not t.is_space]
        ends_line = any(t.is_space and "\n" in t.text for t in sent)
        if current and len(current) + len(idx) > WINDOW_WORDS:
            out.append(current)
            current = []
        if len(idx) > WINDOW_WORDS:
            out.extend(idx[s:e] for s, e in windows(len(idx), WINDOW_WORDS))
        else:
            current.extend(idx)
        if ends_line and current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return [w for w in out if w]


def set_entities(doc: Doc, wins: list[list[int]], tags: list[list[str]]) -> None:
    """Replace ``doc.ents`` by the tagger's names (OntoNotes-labelled) plus
    the spaCy model's numeric and date entities that overlap none."""
    spacy_ents = [(e.start, e.end, e.label_) for e in doc.ents]
    by_span = {(s, e): label for s, e, label in spacy_ents}
    names = []
    for win, win_tags in zip(wins, tags, strict=True):
        for ws, we, kind in decode_bio(win_tags, join_adjacent=True):
            start, end = win[ws], win[we - 1] + 1
            text = doc[start:end].text
            names.append((start, end, ontonotes_label(kind, text, by_span.get((start, end)))))
    ents = merge(names, spacy_ents)
    doc.ents = [SpacySpan(doc, s, e, label=label) for s, e, label in ents]


class AccurateNER:
    """spaCy component: tags every sentence of a batch of Docs at once."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        tagger = load_tagger(self.folder)
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.tag_docs(tagger, batch)
                batch = []
        if batch:
            yield from self.tag_docs(tagger, batch)

    def tag_docs(self, tagger: Tagger, docs: list[Doc]) -> list[Doc]:
        """Tag all sentences of ``docs`` in one sorted run (one by one if
        that fails); a Doc that cannot be tagged keeps the spaCy model's
        entities (logged), the others are unaffected."""
        try:
            wins = [doc_windows(doc) for doc in docs]
            words = [[d[i].text for i in w] for d, ws in zip(docs, wins, strict=True) for w in ws]
            tags = tagger.tag(words)
        except Exception:
            if len(docs) > 1:
                for doc in docs:
                    self.tag_docs(tagger, [doc])
                return docs
            log.exception("accurate NER failed on one document; keeping spaCy's entities")
            return docs
        pos = 0
        for doc, ws in zip(docs, wins, strict=True):
            try:
                set_entities(doc, ws, tags[pos : pos + len(ws)])
            except Exception:
                log.exception("accurate NER failed on one document; keeping spaCy's entities")
            pos += len(ws)
        return docs


@Language.factory("storyline_accurate_ner", default_config={"folder": ""})
def accurate_ner(nlp: Language, name: str, folder: str) -> AccurateNER:
    """The accurate profile's NER as a pipeline component (after ``ner``)."""
    return AccurateNER(str(check_weights(Path(folder) if folder else None)))
