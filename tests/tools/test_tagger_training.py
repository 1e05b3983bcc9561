"""The trainers' shared loop (``tools.train.tagger_training``) trains as the
two trainers' own loops did: same batches in the same order, same losses,
same weights, same kept epoch. Checked on a tiny fake tagger (an embedding
and a linear layer over made-up word ids), against the loop as it stood in
``ner_transformer.main`` and ``attribution_transformer.main`` before it was
shared (copied below as the reference)."""

from __future__ import annotations

import random
import re

import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

from tools.train.tagger_training import Schedule, batches, train  # noqa: E402

N_LABELS = 3


def fake_data(n: int = 23) -> list[tuple[list[int], list[int]]]:
    """Word-id sequences of 1 to 6 words; a word's tag is its id mod 3."""
    rng = random.Random(7)
    out = []
    for _ in range(n):
        words = [rng.randrange(1, 20) for _ in range(rng.randrange(1, 7))]
        out.append((words, [w % N_LABELS for w in words]))
    return out


def fake_module() -> torch.nn.Module:
    torch.manual_seed(11)
    return torch.nn.Sequential(torch.nn.Embedding(20, 8), torch.nn.Linear(8, N_LABELS))


def forward_of(module: torch.nn.Module, seen: list[list[tuple]]):
    """The trainer's ``forward``: padded ids through the module, targets -100
    on padding; records each batch it is given."""

    def forward(batch):
        seen.append([tuple(words) for words, _ in batch])
        width = max(len(w) for w, _ in batch)
        ids = torch.tensor([w + [0] * (width - len(w)) for w, _ in batch])
        gold = torch.tensor([t + [-100] * (width - len(t)) for _, t in batch])
        return module(ids), gold

    return forward


def score_of(module: torch.nn.Module):
    """A held-out score that changes with the weights (the second epoch may
    or may not beat the first)."""
    return lambda: {"f1": round(float(module[1].weight.detach().sum()), 6)}


def reference(module, data, forward, evaluate, metric, epochs, batch_size, lr, total, stop, every):
    """The loop the trainers had (``stop``: the NER trainer's ``max_steps``
    test, or the attribution trainer's ``step >= total``)."""
    from transformers import get_linear_schedule_with_warmup

    rng = random.Random(5)
    opt = torch.optim.AdamW(module.parameters(), lr=lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * total), total)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    history, best_f1, best_state, step, stopped = [], -1.0, None, 0, False
    module.train()
    for epoch in range(1, epochs + 1):
        for b in batches(data, batch_size, rng):
            logits, gold = forward(b)
            loss = loss_fn(logits.view(-1, N_LABELS), gold.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % every == 0:
                print(f"epoch {epoch} step {step}/{total} loss {loss.item():.4f} 0s", flush=True)
            if stop(step):
                stopped = True
                break
        scores = evaluate()
        history.append({"epoch": epoch, "steps": step, **scores})
        if scores[metric] > best_f1:
            best_f1 = scores[metric]
            best_state = {k: v.detach().clone() for k, v in module.state_dict().items()}
        if stopped:
            break
    return history, best_state, step, stopped


def losses(printed: str) -> list[str]:
    return re.findall(r"^epoch \d+ step \d+/\d+ loss [\d.]+", printed, flags=re.M)


@pytest.mark.parametrize(
    "kind, epochs, stop_at",
    [("ner", 3, 0), ("ner", 3, 7), ("attribution", 3, 8)],
)
def test_the_shared_loop_trains_as_the_trainers_did(capsys, kind, epochs, stop_at):
    data = fake_data()
    total = (len(data) + 3) // 4 * epochs
    if kind == "attribution":  # the schedule sized for what is trained, stopping at it
        total = min(total, stop_at)
        stop = lambda step: step >= total  # noqa: E731
    else:
        stop = lambda step: bool(stop_at and step >= stop_at)  # noqa: E731

    old_module, old_seen = fake_module(), []
    old = reference(
        old_module, data, forward_of(old_module, old_seen), score_of(old_module), "f1",
        epochs, 4, 0.05, total, stop, 1,
    )  # fmt: skip
    old_printed = capsys.readouterr().out

    new_module, new_seen = fake_module(), []
    schedule = Schedule(epochs, 4, 0.05, total, total if kind == "attribution" else stop_at, 0, 1)
    got = train(
        torch, new_module, data, forward_of(new_module, new_seen), score_of(new_module), "f1",
        schedule, random.Random(5),
    )  # fmt: skip
    new_printed = capsys.readouterr().out

    assert new_seen == old_seen and len(new_seen) == old[2] == got.steps
    assert losses(new_printed) == losses(old_printed) and len(losses(new_printed)) == got.steps
    assert [{k: v for k, v in h.items() if k != "seconds"} for h in got.history] == old[0]
    assert got.stopped == old[3]
    for name, value in old[1].items():
        assert torch.equal(got.best_state[name], value)
    for a, b in zip(old_module.parameters(), new_module.parameters(), strict=True):
        assert torch.equal(a, b)


def test_batches_keep_every_item_once_in_batches_of_similar_length():
    data = fake_data(130)
    got = batches(data, 4, random.Random(1))
    assert sorted(x for b in got for x in map(repr, b)) == sorted(map(repr, data))
    assert sorted(len(b) for b in got) == [2] + [4] * 32
    # one pool of 50 batches holds all 130: each batch is cut from them sorted by length
    assert all(max(len(w) for w, _ in b) - min(len(w) for w, _ in b) <= 1 for b in got)
    assert batches(data, 4, random.Random(1)) == got  # the same seed, the same batches
