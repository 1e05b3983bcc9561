"""The attribution filter's boosted trees: what LightGBM fitted is what numpy walks."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.extract.quotes import filter as F


def _rows(n: int, seed: int) -> list[tuple[dict[str, float], np.ndarray, int]]:
    """Proposal-like rows: sparse one-hots whose effect depends on another one
    (an interaction a linear model cannot fit) and two dense slots."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(n):
        verb = str(rng.choice(["say", "have", "make"]))
        frame = str(rng.choice(["ccomp", "dobj"]))
        dn = rng.normal(size=4).astype(np.float32)
        right = (verb == "say") or (verb == "have" and frame == "ccomp") or dn[2] > 1.2
        sp = {"bias": 1.0, "CL=" + verb: 1.0, "F=" + frame: 1.0, "conf": float(rng.random())}
        rows.append((sp, dn, int(right)))
    return rows


def test_compact_trees_score_as_lightgbm_and_survive_save(tmp_path):
    pytest.importorskip("lightgbm")
    from tools.train import quote_filter_trees as T
    from tools.train.train_quote_filter import design

    rows = _rows(600, 1)
    vocab, M, y = design(rows)
    b = T.booster(M, y, 7, 40)
    m = T.compact(b, vocab)
    # only the features the trees use are kept
    assert set(m["vocab"]) <= set(vocab) and len(m["vocab"]) + len(m["dense_cols"]) < M.shape[1]
    test = _rows(200, 2)
    Mt, _ = T.matrix(vocab, test)
    want = b.predict(Mt, raw_score=True)
    got = F.scores(F.prepare(m), [(sp, dn) for sp, dn, _ in test])
    assert np.allclose(got, want, atol=1e-6)
    m |= {"threshold": 0.0, "frame_threshold": 0.0}
    F.save(m, tmp_path / "f.npz")
    back = F.load(tmp_path / "f.npz")
    assert "w" not in back and back["learner"] == "trees"
    assert np.allclose(F.scores(back, [(sp, dn) for sp, dn, _ in test]), want, atol=1e-6)
    # the interaction is learned: "have" is right in one frame, wrong in the other
    have = [
        ({"bias": 1.0, "CL=have": 1.0, "F=" + fr: 1.0, "conf": 0.5}, np.zeros(4))
        for fr in ("ccomp", "dobj")
    ]
    z_ccomp, z_dobj = F.scores(back, have)
    assert z_ccomp > 0 > z_dobj


def test_a_parse_without_context_vectors_scores_with_zeros():
    pytest.importorskip("lightgbm")
    from tools.train import quote_filter_trees as T
    from tools.train.train_quote_filter import design

    rows = _rows(400, 3)
    vocab, M, y = design(rows)
    m = F.prepare(T.compact(T.booster(M, y, 7, 20), vocab))
    sp = {"bias": 1.0, "CL=say": 1.0, "F=ccomp": 1.0}
    (z_empty,) = F.scores(m, [(sp, np.zeros(0, np.float32))])
    (z_zero,) = F.scores(m, [(sp, np.zeros(4, np.float32))])
    assert z_empty == z_zero


def _proposals(nlp, text: str):
    from storyline.extract.quotes.proposals import candidates
    from storyline.model import Metadata, ParsedDocument, RawDocument

    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text))
    return candidates(parsed, with_frames=True)


def test_frame_features_read_modality_voice_and_a_clause(nlp):
    from storyline.extract.quotes.filter_features import features

    ctx, atts = _proposals(nlp, "The mayor would say that the dam will hold.")
    (a,) = [a for a in atts if hasattr(a.cue, "i") and a.cue.lemma_ == "say"][:1]
    sp, _ = features(ctx, a, extra=True)
    assert sp["modal=cond"] == 1.0 and sp["vform=Inf"] == 1.0
    assert sp["content_subject"] == 1.0  # "the dam will hold" is a clause
    assert sp["root_dist"] > 0 and 0 < sp["sent_pos"] < 1
    plain, _ = features(ctx, a)
    assert not any(k.startswith(("modal=", "vform=", "root_dist")) for k in plain)


def test_shared_features_count_nested_proposals(nlp):
    """Three nested proposals: each outer one holds the inner cues."""
    from storyline.extract.quotes.filter_features import add_shared, features

    text = "Officials said the governor has made a decision that the plan was dead."
    ctx, atts = _proposals(nlp, text)
    rows = [features(ctx, a, extra=True) for a in atts]
    add_shared(atts, rows)
    got = {
        a.cue.text: (sp["same_cue"], sp["overlaps"], sp["cue_in_other"], sp["cue_inside"])
        for a, (sp, _) in zip(atts, rows, strict=True)
    }
    assert got == {
        "said": (0.0, 2.0, 0.0, 2.0),
        "made": (0.0, 2.0, 1.0, 1.0),
        "decision": (0.0, 2.0, 2.0, 0.0),
    }
