"""The ECB+ event-coreference scorer on tiny hand-written documents."""

from __future__ import annotations

from storyline.fuse.events import MergeParams
from storyline.nlp import load_nlp
from storyline.settings import Settings
from tools.evaluate.xdoc_events import Block, document_words, mention_features, score


def _doc(doc_id: str, text: str, triggers: list[tuple[str, str]]) -> dict:
    mentions = []
    for n, (word, gold) in enumerate(triggers, 1):
        start = text.index(word)
        mentions.append(
            {"m_id": str(n), "start": start, "end": start + len(word), "text": word,
             "category": "event", "in_selected_sentence": True, "cluster_id": gold}
        )  # fmt: skip
    return {"doc_id": doc_id, "text": text, "topic": 1, "subtopic": "1_a", "mentions": mentions}


DOCS = [
    _doc("a", "Police arrested the mayor of Lumen on Friday .", [("arrested", "g1")]),
    _doc("b", "The mayor of Lumen was detained by police on Friday .", [("detained", "g1")]),
    _doc("c", "Police arrested a cyclist in Borvik after a chase .", [("arrested", "g2")]),
]


def _features() -> list[dict]:
    nlp = load_nlp(Settings().model)
    out = []
    for d in DOCS:
        doc = nlp(d["text"])
        context = frozenset(e.text.lower() for e in doc.ents)
        out += [mention_features(doc, d, m, context) for m in d["mentions"]]
    return out


def test_features_take_lemma_and_arguments_from_the_parse():
    a, b, _ = _features()
    assert a["lemma"] == "arrest" and b["lemma"] == "detain"
    assert "police" in a["actors"] and "mayor" in a["targets"]
    assert "police" in b["actors"] and "mayor" in b["targets"]  # passive: agent and subject
    assert "arrest" not in a["tokens"] and "mayor" in a["tokens"]


def test_lemma_baseline_and_the_core_differ_where_they_should():
    block = Block(_features(), document_words(DOCS))
    base = score([block], None)  # same lemma: a and c together, b alone (F1 below 1)
    ours = score([block], MergeParams(story_threshold=0.0))
    assert ours["conll_f1"] > base["conll_f1"]
    groups = block.response(MergeParams(story_threshold=0.0))
    assert any({("a", "1"), ("b", "1")} <= g for g in groups)  # synonym + shared arguments
