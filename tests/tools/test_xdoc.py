"""ECB+ cross-document coreference scorers on tiny examples with known values."""

import pytest

from tools.evaluate.xdoc import b_cubed, ceaf_e, cluster_gold_mentions, conll, muc

# Pradhan et al. (2014), figure 1: key {a,b,c},{d,e,f,g}; response {a,b},{c,d},{f,g,h,i}
KEY = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]


def test_muc_known_values():
    s = muc(KEY, RESPONSE)
    assert s["recall"] == pytest.approx(2 / 5)
    assert s["precision"] == pytest.approx(2 / 5)


def test_b_cubed_known_values():
    s = b_cubed(KEY, RESPONSE)
    # recall: a,b 2/3 each, c 1/3; d 1/4, e 0... key {d,e,f,g}: d 1/4, e 0, f,g 2/4
    assert s["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 4 + 0 + 2 / 4 + 2 / 4) / 7)
    # precision: a,b 1, c 1/2, d 1/2, f,g 2/4, h,i 0 -> over 8 response mentions
    assert s["precision"] == pytest.approx((1 + 1 + 0.5 + 0.5 + 0.5 + 0.5) / 8)


def test_ceaf_e_known_values():
    s = ceaf_e(KEY, RESPONSE)
    # best alignment: {a,b,c}-{a,b} = 2*2/5, {d,e,f,g}-{f,g,h,i} = 2*2/8
    total = 4 / 5 + 4 / 8
    assert s["recall"] == pytest.approx(total / 2)
    assert s["precision"] == pytest.approx(total / 3)


def test_perfect_and_conll_mean():
    s = conll(KEY, KEY)
    assert s["conll_f1"] == pytest.approx(1.0)
    s = conll(KEY, RESPONSE)
    assert s["conll_f1"] == pytest.approx((s["muc"]["f1"] + s["b3"]["f1"] + s["ceaf_e"]["f1"]) / 3)


def test_singletons_score_in_b_cubed_and_ceaf_not_muc():
    key = [{"a"}, {"b"}]
    assert muc(key, key)["f1"] == 0.0
    assert b_cubed(key, key)["f1"] == 1.0 and ceaf_e(key, key)["f1"] == 1.0


def _mention(m_id, text, start, cat="entity", typ="HUMAN_PART_PER"):
    return {"m_id": m_id, "text": text, "start": start, "end": start + len(text),
            "category": cat, "type": typ, "in_selected_sentence": True}  # fmt: skip


def test_gold_mention_clustering_uses_names_pronouns_and_heads():
    t1 = "Ilse Varga said she left the clinic ."
    t2 = "Varga entered a clinic ."
    docs = [
        {"doc_id": "1", "text": t1, "mentions": [
            _mention("1", "Ilse Varga", 0), _mention("2", "she", t1.index("she")),
            _mention("3", "the clinic", t1.index("the clinic"), "location", "LOC_FAC")]},
        {"doc_id": "2", "text": t2, "mentions": [
            _mention("1", "Varga", 0),
            _mention("2", "a clinic", t2.index("a clinic"), "location", "LOC_FAC")]},
    ]  # fmt: skip
    clusters = cluster_gold_mentions(docs, frozenset({"entity", "location"}))
    got = sorted(sorted(c) for c in clusters)
    assert got == [[("1", "1"), ("1", "2"), ("2", "1")], [("1", "3"), ("2", "2")]]
