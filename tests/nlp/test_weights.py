"""The taggers' weights folders and loading (``storyline.nlp.weights``): the
folder rule, the missing-weights message, and a tiny randomly initialised
tagger saved and loaded back through both accurate-profile models."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.nlp.weights import WEIGHTS_FILE, WeightsFolder, WeightsMissing


class OtherMissing(WeightsMissing):
    """A tagger's own error class."""


def test_the_variable_names_another_folder(tmp_path, monkeypatch):
    folder = WeightsFolder("STORYLINE_TEST_WEIGHTS", tmp_path / "default", "test weights")
    monkeypatch.delenv("STORYLINE_TEST_WEIGHTS", raising=False)
    assert folder.folder() == tmp_path / "default"
    monkeypatch.setenv("STORYLINE_TEST_WEIGHTS", str(tmp_path / "elsewhere"))
    assert folder.folder() == tmp_path / "elsewhere"


def test_missing_weights_say_what_and_how_to_build_them(tmp_path):
    folder = WeightsFolder("STORYLINE_TEST_WEIGHTS", tmp_path, "test weights", OtherMissing)
    assert not folder.has_weights()
    with pytest.raises(OtherMissing) as caught:
        folder.check()
    message = str(caught.value)
    assert "test weights" in message and str(tmp_path) in message
    assert "make accurate-model" in message and "STORYLINE_TEST_WEIGHTS" in message
    (tmp_path / WEIGHTS_FILE).write_bytes(b"")
    assert folder.has_weights() and folder.check() == tmp_path


def test_both_models_name_their_own_weights_in_the_message(tmp_path):
    from storyline.nlp.attribution_model import ATTRIBUTION_FOLDER, AttributionWeightsMissing
    from storyline.nlp.ner_accurate_model import check_weights

    with pytest.raises(WeightsMissing, match="NER weights.*STORYLINE_ACCURATE_MODEL"):
        check_weights(tmp_path)
    with pytest.raises(AttributionWeightsMissing, match="attribution weights.*ATTRIBUTION"):
        ATTRIBUTION_FOLDER.check(tmp_path)


def tiny_weights(folder: Path, build) -> None:
    """A two-layer, 16-wide tagger with a 30-word vocabulary, saved as
    ``make accurate-model`` saves its weights (fp16, config, vocab.txt)."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from safetensors.torch import save_file
    from transformers import BertConfig

    words = [
        "the",
        "mayor",
        "said",
        "on",
        "monday",
        "that",
        "bridge",
        "would",
        "reopen",
        "in",
        "keldara",
    ]
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, ",", ".", "##s"]
    folder.mkdir()
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=16,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
    )
    config.to_json_file(str(folder / "config.json"))
    torch.manual_seed(3)
    state = build(config).state_dict()
    save_file({k: v.half().contiguous() for k, v in state.items()}, str(folder / WEIGHTS_FILE))


@pytest.mark.parametrize("quantize", [True, False])
def test_a_saved_ner_tagger_loads_and_tags_every_word(tmp_path, quantize):
    from storyline.nlp.ner_accurate import LABELS
    from storyline.nlp.ner_accurate_model import Tagger, build_tagger_module

    tiny_weights(tmp_path / "ner", build_tagger_module)
    tagger = Tagger(tmp_path / "ner", quantize=quantize)
    sentences = [["The", "mayor", "said", "."], ["Keldara", "bridges", "would", "reopen", "Monday"]]
    tags = tagger.tag(sentences)
    assert [len(t) for t in tags] == [4, 5]
    assert all(tag in LABELS for row in tags for tag in row)


def test_a_saved_attribution_tagger_loads_and_gives_probabilities(tmp_path):
    from storyline.extract.quotes.tagging import LABELS
    from storyline.nlp.attribution_model import AttributionTagger, build_module

    tiny_weights(tmp_path / "att", build_module)
    tagger = AttributionTagger(tmp_path / "att")
    [(tags, probs)] = tagger.tag([["The", "mayor", "said", "the", "bridge", "would", "reopen"]])
    assert len(tags) == len(probs) == 7
    assert all(tag in LABELS for tag in tags)
    assert all(0.0 < p <= 1.0 for p in probs)


def test_attribution_tagger_distributions_agree_with_its_tags_and_are_kept(tmp_path):
    import numpy as np

    from storyline.extract.quotes.tagging import LABELS
    from storyline.nlp.attribution_model import AttributionTagger, build_module

    tiny_weights(tmp_path / "att", build_module)
    tagger = AttributionTagger(tmp_path / "att", quantize=False)
    windows = [["The", "mayor", "said", "the", "bridge"], ["would", "reopen"]]
    dists = tagger.distributions(windows)
    assert [d.shape for d in dists] == [(5, len(LABELS)), (2, len(LABELS))]
    assert np.allclose([d.sum(1) for d in dists[:1]], 1.0, atol=1e-4)
    assert tagger.distributions([list(w) for w in windows]) is dists  # one pass per text
    for (tags, probs), d in zip(tagger.tag(windows), dists, strict=True):
        assert tags == [LABELS[j] for j in d.argmax(1)]
        assert probs == pytest.approx(d.max(1).tolist())
