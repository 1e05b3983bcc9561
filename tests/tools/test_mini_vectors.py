"""The training side of the accurate attribution filter (``tools/train/mini_vectors.py``):
gold token roles and the PCA, on a written sentence and random vectors."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.extract.quotes import filter_accurate as FA
from storyline.nlp import load_nlp
from storyline.settings import Settings
from tools.train import mini_vectors as MV

TEXT = "The minister said  the budget would be late."


@pytest.fixture(scope="module")
def doc():
    return load_nlp(Settings().model)(TEXT)


def spans(*phrases: str) -> list[dict[str, int]]:
    return [{"start": TEXT.index(p), "end": TEXT.index(p) + len(p)} for p in phrases]


def test_roles_cue_over_source_over_content_and_whitespace_left_out(doc):
    item = {
        "attributions": [
            {
                "cue": spans("said"),
                "source": spans("The minister"),
                "content": spans("said  the budget would be late"),  # overlaps the cue
            }
        ]
    }
    got = MV.roles(item, doc)
    by_text = {t.text: FA.TAG_CLASSES[r] if r >= 0 else None for t, r in zip(doc, got, strict=True)}
    assert by_text["said"] == "cue"
    assert by_text["minister"] == "source" and by_text["The"] == "source"
    assert by_text["budget"] == "content" and by_text["."] == "O"
    assert [t.is_space for t in doc] == [r < 0 for r in got]


def test_pca_shapes_and_unit_scale(doc):
    rng = np.random.default_rng(0)
    vecs = [rng.normal(size=(len(doc), 384)).astype(np.float16)]
    m = MV.fit_pca(vecs, [doc], 4)
    assert m["mini_components"].shape == (4, 384) and m["mini_mean"].shape == (384,)
    raw = np.asarray(vecs[0], np.float32)[[not t.is_space for t in doc]]
    z = (raw - m["mini_mean"]) @ m["mini_components"].T / m["mini_scale"][0]
    assert z.std() == pytest.approx(1.0, rel=1e-3)
    assert MV.fit_pca(vecs, [doc], 0)["mini_components"].shape == (0, 384)


def test_slot_network_learns_a_signal_and_reads_back_as_the_filter_does():
    rng = np.random.default_rng(2)
    raw = rng.normal(size=(600, len(FA.MINI_SLOTS), 384)).astype(np.float32)
    y = (raw[:, 0, 0] + raw[:, 1, 0] > 0).astype(np.intp)  # the cue's and the root's
    m = MV.fit_slot_mlp(raw.reshape(len(raw), -1), y)
    assert m["mini_mlp_w1"].shape == (len(FA.MINI_SLOTS) * 384, MV.MLP_HIDDEN)
    z = np.array([FA.slot_logit(m, r) for r in raw])
    assert ((z > 0) == (y == 1)).mean() > 0.7  # read back wrongly: about 0.5


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_network_token_tagger_learns_from_the_neighbours():
    # A token's role here is set by its left neighbour only: a network that
    # reads the neighbours learns it, one that did not could not.
    rng = np.random.default_rng(4)
    vecs = rng.normal(size=(3000, 16)).astype(np.float32)
    y = np.zeros(3000, np.intp)
    y[1:] = np.where(vecs[:-1, 0] > 0.5, 1, np.where(vecs[:-1, 0] < -0.5, 2, 0))
    y[y == 0] = np.where(rng.random((y == 0).sum()) < 0.3, 3, 0)  # all four roles present
    m = MV.fit_tagger_mlp(FA.with_neighbours(vecs), y)
    p = FA.token_probs(m, vecs)
    cue = y == 1
    assert p[cue, 1].mean() > p[~cue, 1].mean() + 0.3


def test_out_of_fold_tagger_roles_land_on_the_tokens_they_were_written_for(doc, tmp_path):
    """``attach_tagger_roles`` reads ``attribution_oof``'s file (per article
    ``w_J`` word offsets, ``r_J`` role probabilities) onto each Doc's tokens
    and records that the run time must ask the fine-tuned tagger."""
    from storyline.extract.quotes.tagging import text_windows

    words = np.array([w for win in text_windows(TEXT) for w in win.words], np.int32)
    roles = np.zeros((len(words), 4), np.float16)
    roles[:, 0] = 1
    said = [k for k, (s, e) in enumerate(words.tolist()) if TEXT[s:e] == "said"]
    roles[said] = [0, 1, 0, 0]
    path = tmp_path / "oof.npz"
    np.savez(path, n=np.array([1]), w_0=words, r_0=roles)
    m = MV.attach_tagger_roles([doc], path)
    assert FA.fine_tuned(m) and tuple(m["mini_tag_features"]) == FA.TAG_FEATURES
    got = doc.user_data[FA.TAGS_KEY]
    assert [t.text for t in doc if got[t.i, 1] == 1.0] == ["said"]
    assert got[[t.i for t in doc if t.is_space], 0].tolist() == [1.0]  # the double space
    assert MV.attach_tagger_roles([doc], path, extra=True)["mini_tag_features"] == list(
        FA.TAG_FEATURES + FA.TAG_EXTRA
    )
    with pytest.raises(AssertionError, match="another train set"):
        MV.attach_tagger_roles([doc, doc], path)
