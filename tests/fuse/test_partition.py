"""Digests and partition planning on invented reports.

Every text here is written for these tests: two running stories (a ferry
strike in an invented port, a dam failure in an invented valley), told over
several days, and copies of one report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from datasketch import MinHash

from storyline.fuse.copies.params import MINHASH_PERM
from storyline.fuse.copies.prepare import UINT, prepare
from storyline.fuse.partition import DIGEST_VERSION, digest_of, plan_partitions
from storyline.model import Digest, DocumentAnalysis, Evidence, Mention, Metadata, Span

FERRY = [
    "Ferry crews in Oskaren walked off the job on Monday after pay talks with the Oskaren "
    "Harbour Company collapsed. Union secretary Pella Ronquist said the ferries to Brindle "
    "Island would stay in port. Harbour director Aldo Menck called the strike reckless.",
    "Commuters to Brindle Island queued at the causeway as the Oskaren ferry strike entered "
    "its second day. Pella Ronquist told members the union strike fund would last weeks, "
    "while Aldo Menck said the harbour company could not raise its offer.",
    "A mediator met Pella Ronquist and Aldo Menck in Oskaren city hall on Wednesday. The "
    "ferries to Brindle Island stayed idle and island shops reported empty streets.",
    "The Oskaren ferry strike ended on Friday when the union accepted a mediator's offer. "
    "Pella Ronquist said crews would sail to Brindle Island from Saturday; Aldo Menck "
    "welcomed the harbour deal.",
]
DAM = [
    "The Varnholt dam in the Selmira valley cracked overnight and engineers opened the "
    "spillways. Valley governor Teodor Kask ordered villages below the reservoir evacuated.",
    "Water from the Varnholt reservoir flooded two villages in the Selmira valley. Teodor "
    "Kask said rescue boats had reached stranded farmers and the dam engineers were pumping.",
    "Inspectors blamed corroded cables for the Varnholt dam failure. Teodor Kask promised "
    "the Selmira valley a new dam and compensation for flooded farms.",
    "Farmers in the Selmira valley returned to mud-filled homes a week after the Varnholt "
    "dam broke. Governor Teodor Kask toured the reservoir with the inspectors.",
]
NAMES = {
    "Oskaren": "GPE",
    "Brindle Island": "LOC",
    "Pella Ronquist": "PERSON",
    "Aldo Menck": "PERSON",
    "Oskaren Harbour Company": "ORG",
    "Varnholt": "FAC",
    "Selmira": "LOC",
    "Teodor Kask": "PERSON",
}


def analysis(
    doc_id: str, text: str, day: str | None, spans: list[Span] | None = None
) -> DocumentAnalysis:
    """An analysis of ``text`` with a mention for every occurrence of a known name."""
    mentions = []
    for name, label in NAMES.items():
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(start, start + len(name), name, label))
            start = text.find(name, start + 1)
    meta = Metadata(published=Evidence(day, "test") if day else None)
    return DocumentAnalysis(
        doc_id,
        "test",
        text,
        doc_id,
        "txt",
        meta,
        spans=spans or [],
        n_tokens=len(text.split()),
        mentions=mentions,
    )


def corpus() -> list[DocumentAnalysis]:
    """The two stories interleaved in ingest order and in time."""
    out = []
    for k, (f, d) in enumerate(zip(FERRY, DAM, strict=True)):
        out.append(analysis(f"ferry{k}", f, f"2031-03-{10 + 2 * k:02d}"))
        out.append(analysis(f"dam{k}", d, f"2031-03-{11 + 2 * k:02d}"))
    return out


def where(parts: list[Any]) -> dict[str, int]:
    return {d: i for i, p in enumerate(parts) for d in p.doc_ids}


# ------------------------------------------------------------------ digests


def test_digest_holds_day_title_names_terms_and_the_copy_blockers_minhash() -> None:
    a = analysis("ferry0", FERRY[0], "2031-03-10")
    d = digest_of(a)
    assert isinstance(d, Digest) and d.version == DIGEST_VERSION
    assert d.doc_id == "ferry0" and d.date == "2031-03-10" and d.n_tokens == a.n_tokens
    assert d.title == FERRY[0][:160].strip()
    assert d.names[0] == "oskaren"  # named twice, more than any other name
    assert {"pella ronquist", "aldo menck", "brindle island"} <= set(d.names)
    assert "ferries" in d.terms and "said" not in d.terms
    # the signature is what copy blocking computes from the same shingles
    doc = prepare(0, a, {})
    m = MinHash(num_perm=MINHASH_PERM, hashfunc=int)
    m.update_batch((doc.shingle_set & UINT(0xFFFFFFFF)).astype(np.uint32).tolist())
    assert d.signature == [int(v) for v in m.hashvalues]
    assert digest_of(a) == d  # pure


def test_digest_of_a_short_text_has_no_signature_and_boilerplate_gives_no_terms() -> None:
    assert digest_of(analysis("s", "Pella Ronquist spoke.", None)).signature == []
    blurb = "Subscribe newsletter subscribe newsletter subscribe newsletter.\n"
    text = blurb + FERRY[1]
    d = digest_of(analysis("b", text, None, [Span(0, len(blurb), "boilerplate")]))
    assert "newsletter" not in d.terms and "causeway" in d.terms
    assert d.date is None


def test_dct_is_the_day_before_publication() -> None:
    a = analysis("x", FERRY[2], "2031-03-14")
    a.dct = "2031-03-13T08:00:00"
    assert digest_of(a).date == "2031-03-13"


# ----------------------------------------------------------------- planning


def test_one_story_per_partition_when_the_cap_forces_a_cut() -> None:
    parts = plan_partitions((digest_of(a) for a in corpus()), max_docs=4)
    assert sorted(sorted(p.doc_ids) for p in parts) == [
        [f"dam{k}" for k in range(4)],
        [f"ferry{k}" for k in range(4)],
    ]
    assert not any(p.split for p in parts) and all(p.groups == 1 for p in parts)
    ferry = next(p for p in parts if "ferry0" in p.doc_ids)
    assert ferry.first == "2031-03-10" and ferry.last == "2031-03-16"
    assert ferry.label == FERRY[0][:160].strip()
    assert ferry.doc_ids == [f"ferry{k}" for k in range(4)]  # ingest order


def test_both_stories_share_a_partition_when_they_fit() -> None:
    parts = plan_partitions([digest_of(a) for a in corpus()], max_docs=100)
    assert len(parts) == 1 and parts[0].groups == 2 and len(parts[0].doc_ids) == 8


def test_copies_stay_together_though_their_story_is_cut() -> None:
    docs = corpus()
    # a re-post of the first ferry report, weeks later, and an exact copy of a dam report
    docs.append(analysis("repost", "Reposted: " + FERRY[0], "2031-04-20"))
    docs.append(analysis("dam-copy", DAM[2], "2031-03-30"))
    parts = plan_partitions([digest_of(a) for a in docs], max_docs=3)
    at = where(parts)
    assert at["repost"] == at["ferry0"]
    assert at["dam-copy"] == at["dam2"]
    assert all(len(p.doc_ids) <= 3 for p in parts)


def test_an_excerpt_stays_with_its_original_when_their_story_is_cut_by_date() -> None:
    long = " ".join(DAM + FERRY)  # one long round-up
    excerpt = FERRY[1] + " " + FERRY[2]  # a quarter of it, posted weeks later
    docs = [analysis(f"dam{k}", t, f"2031-03-{11 + 2 * k:02d}") for k, t in enumerate(DAM)]
    docs += [analysis("roundup", long, "2031-03-09"), analysis("excerpt", excerpt, "2031-04-30")]
    parts = plan_partitions([digest_of(a) for a in docs], max_docs=2)
    at = where(parts)
    assert at["excerpt"] == at["roundup"]
    assert all(len(p.doc_ids) <= 2 for p in parts)


def test_a_story_over_the_cap_loses_its_weakest_links_and_is_marked_split() -> None:
    docs = [analysis(f"dam{k}", t, f"2031-05-{20 - 3 * k:02d}") for k, t in enumerate(DAM)]
    # a fifth report that repeats most of the second one's names and words
    docs.append(analysis("dam1b", DAM[1] + " Teodor Kask thanked the rescue boats.", None))
    parts = plan_partitions([digest_of(a) for a in docs], max_docs=2)
    assert sorted(len(p.doc_ids) for p in parts) == [1, 2, 2] and all(p.split for p in parts)
    assert where(parts)["dam1"] == where(parts)["dam1b"]
    whole = plan_partitions([digest_of(a) for a in docs], max_docs=5)
    assert len(whole) == 1 and not whole[0].split


def test_a_copy_group_over_the_cap_is_cut_by_date() -> None:
    days = [14, 10, 13, 11, 12]
    docs = [analysis(f"c{k}", FERRY[1], f"2031-03-{d}") for k, d in enumerate(days)]
    parts = plan_partitions([digest_of(a) for a in docs], max_docs=2)
    assert [p.doc_ids for p in parts] == [["c1", "c3"], ["c2", "c4"], ["c0"]]
    assert [(p.first, p.last) for p in parts][0] == ("2031-03-10", "2031-03-11")
    assert all(p.split for p in parts)


def test_ids_are_stable_and_a_hash_of_the_documents() -> None:
    digests = [digest_of(a) for a in corpus()]
    first = plan_partitions(digests, max_docs=4)
    again = plan_partitions(list(reversed(digests)), max_docs=4)
    assert [p.to_dict() for p in first] == [p.to_dict() for p in plan_partitions(digests, 4)]
    assert sorted(p.id for p in first) == sorted(p.id for p in again)
    assert len({p.id for p in first}) == len(first)


def test_same_plan_under_another_hash_seed() -> None:
    """Nothing may depend on set or dict order of strings (hash randomisation):
    a child process with another hash seed makes the very same plan."""
    script = (
        "import json, sys\n"
        "sys.path[:0] = [sys.argv[1]]\n"
        "from test_partition import corpus\n"
        "from storyline.fuse.partition import digest_of, plan_partitions\n"
        "parts = plan_partitions([digest_of(a) for a in corpus()], max_docs=3)\n"
        "print(json.dumps([p.to_dict() for p in parts]))\n"
    )
    seed = str(int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1)
    run = subprocess.run(
        [sys.executable, "-c", script, str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONHASHSEED=seed),
        check=True,
        timeout=120,
    )
    here = plan_partitions([digest_of(a) for a in corpus()], max_docs=3)
    assert json.loads(run.stdout) == [p.to_dict() for p in here]


def test_duplicates_empty_input_and_a_bad_cap() -> None:
    d = digest_of(analysis("ferry0", FERRY[0], "2031-03-10"))
    assert plan_partitions([]) == []
    assert [p.doc_ids for p in plan_partitions([d, d])] == [["ferry0"]]
    with pytest.raises(ValueError):
        plan_partitions([d], max_docs=0)


def test_undated_documents_are_planned_in_ingest_order() -> None:
    docs = [analysis(f"u{k}", t, None) for k, t in enumerate(FERRY + DAM)]
    parts = plan_partitions([digest_of(a) for a in docs], max_docs=4)
    assert [p.doc_ids for p in parts] == [
        [f"u{k}" for k in range(4)],
        [f"u{k}" for k in range(4, 8)],
    ]
    assert all(p.first is None and p.last is None for p in parts)


def test_a_token_cap_keeps_long_texts_in_smaller_parts() -> None:
    """Memory follows text, not document count: with ``max_tokens`` a part of
    long reports holds fewer of them, a report over the cap is a part alone,
    and the same digests without the cap give one part."""
    digests = [digest_of(a) for a in corpus()]
    sizes = {d.doc_id: d.n_tokens for d in digests}
    story = sum(sizes[f"ferry{k}"] for k in range(4))
    assert len(plan_partitions(digests, max_docs=100)) == 1
    assert len(plan_partitions(digests, max_docs=100, max_tokens=10**9)) == 1
    # room for one story's text, not two: the stories part, each whole
    parts = plan_partitions(digests, max_docs=100, max_tokens=story + 5)
    assert sorted(sorted(p.doc_ids) for p in parts) == [
        [f"dam{k}" for k in range(4)],
        [f"ferry{k}" for k in range(4)],
    ]
    # a cap below one story's text cuts it by date, every part within the cap
    cap = max(sizes.values()) * 2
    parts = plan_partitions(digests, max_docs=100, max_tokens=cap)
    assert sorted(i for p in parts for i in p.doc_ids) == sorted(sizes)
    assert all(sum(sizes[i] for i in p.doc_ids) <= cap for p in parts)
    assert any(p.split for p in parts)
    # a cap below the longest report: that report alone
    longest = max(sizes, key=sizes.__getitem__)
    parts = plan_partitions(digests, max_docs=100, max_tokens=sizes[longest] - 1)
    assert [longest] in [p.doc_ids for p in parts]
    with pytest.raises(ValueError):
        plan_partitions(digests, max_tokens=0)
