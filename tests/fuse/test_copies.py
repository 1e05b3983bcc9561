"""Copy detection on invented texts (and on the project's sample corpus).

Every text here is written for these tests; the real corpus under
../shared is only read, never copied.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.fuse.copies import find_copies
from storyline.fuse.sources import independent_sources, lineage_of
from storyline.model import DocumentAnalysis, Evidence, Metadata, Span

PARAS = [
    "OSKAREN — Ferry crews in the port city of Oskaren walked off the job on Monday, "
    "stranding thousands of commuters after talks over night-shift pay collapsed late on Sunday.",
    "The Oskaren Maritime Union said about 1,800 of its members had joined the strike and that "
    "the ferries to Brindle Island would stay in port at least until Thursday.",
    '"We have waited eleven months for an answer," said union secretary Pella Ronquist. '
    '"He may think we will give up, but we are not going anywhere."',
    "Harbour director Aldo Menck said the company had offered a raise of 4.5 percent over two "
    "years and accused the union of walking away from a fair deal.",
    "City officials opened the old rail bridge to buses at 6 a.m. and said at least 40 extra "
    "coaches would run between the ferry terminal and the island causeway.",
    "Shops on Brindle Island reported empty streets by noon, and the island's only pharmacy said "
    "it may run short of some medicines if the strike lasts into next week.",
    "The last ferry strike in Oskaren, in 2019, lasted nine days and ended after the regional "
    "government appointed a mediator, former judge Hilde Sorvang.",
    "Menck told reporters he was ready to meet the union on Tuesday in the city hall, "
    "but that the company could not pay more than it earns.",
]
EXTRA = [
    "Late on Monday evening, a crowd of about 300 people gathered outside the union office "
    "with banners and a brass band from the Kettle Street school.",
    "Fishermen in the outer harbour said they would carry stranded nurses to the island hospital "
    "free of charge for as long as the ferries stay idle.",
    "Weather forecasters warned of gales on Wednesday, which could close the causeway to buses "
    "as well and cut the island off for the first time since 2016.",
]
# An unrelated report on the same story: same names, different sentences.
OTHER = [
    "Pella Ronquist, who leads the Oskaren Maritime Union, spent Tuesday morning in closed talks "
    "with a mediator sent by the regional labour office.",
    "Aldo Menck did not attend; the harbour company sent its finance chief, Brona Tesk, who "
    "left the building after forty minutes without speaking to journalists.",
    "On Brindle Island, volunteers set up a shuttle of private boats for schoolchildren whose "
    "exams start next Monday, the island council said.",
    "Commuters queued for up to two hours at the causeway, where police directed traffic by hand "
    "after a signal failure at the northern junction.",
    "The union's strike fund can pay members for roughly three weeks, according to figures "
    "published on its website, which also lists a hardship line for families.",
]
BLURB = (
    "Sign up for our free morning newsletter and get the stories that matter delivered to your "
    "inbox every day before breakfast, plus exclusive offers from our partners and a weekly "
    "digest of the best opinion writing, puzzles and recipes; you can unsubscribe at any time "
    "by following the link at the bottom of any email we send you, and we never share your data."
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

SPIN = {
    "at": "astatine",
    "in": "successful",
    "he": "helium",
    "may": "whitethorn",
    "city": "metropolis",
    "on": "connected",
    "said": "stated",
    "people": "folks",
    "after": "aft",
    "last": "past",
    "talks": "negotiations",
    "about": "astir",
    "offered": "projected",
    "extra": "other",
    "empty": "bare",
    "reported": "according",
    "run": "tally",
    "think": "deliberation",
    "waited": "awaited",
    "ready": "fit",
    "pay": "wage",
}


def _analysis(
    doc_id: str,
    text: str,
    published: str | None = None,
    spans: list[Span] | None = None,
    outlet: str | None = None,
    integrity: dict | None = None,
    inferred: bool = False,
) -> DocumentAnalysis:
    meta = Metadata(
        published=Evidence(published, "test", inferred=inferred) if published else None,
        outlet=Evidence(outlet, "test") if outlet else None,
    )
    return DocumentAnalysis(
        doc_id, "1", text, doc_id, "txt", meta, spans=spans or [], integrity=integrity or {}
    )


def _text(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def _spin(text: str) -> tuple[str, list[Span]]:
    """Swap words by the rule table; return the spun text and its repair spans."""
    out, spans, pos = [], [], 0
    for m in re.finditer(r"[A-Za-z]+", text):
        word = m.group()
        repl = SPIN.get(word.lower())
        if repl is None:
            continue
        if word[0].isupper():
            repl = repl.capitalize()
        out.append(text[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(repl)
        spans.append(Span(start, start + len(repl), "spun", "test", {"original": word}))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def _links(lineages):
    return {(lk.copy, lk.original): lk for lg in lineages for lk in lg.links}


ORIGINAL = _text(PARAS)


def test_exact_copy_ignores_whitespace_and_is_dated():
    a = _analysis("a", ORIGINAL, "2025-03-03T09:00:00")
    b = _analysis("b", "  " + ORIGINAL.replace("\n\n", "\n").replace(" ", "  "), "2025-03-03T12:00")
    (lg,) = find_copies([b, a])
    assert lg.original == "a" and lg.documents == ["a", "b"]
    (link,) = lg.links
    assert (link.copy, link.original, link.kind) == ("b", "a", "exact")
    assert link.similarity == 1.0
    assert "earlier publication date" in link.reason
    assert lg.id.startswith("l")


def test_excerpt_three_of_eight_paragraphs_longer_is_original_without_dates():
    a = _analysis("a", ORIGINAL)
    b = _analysis("b", _text([PARAS[1], PARAS[4], PARAS[6]]))
    (lg,) = find_copies([a, b])
    (link,) = lg.links
    assert (link.copy, link.original, link.kind) == ("b", "a", "excerpt")
    assert link.similarity > 0.9
    assert "longer" in link.reason
    # passages are character spans in both documents and the texts agree there
    assert len(link.passages) == 3
    for p in link.passages:
        assert b.text[p.a_start : p.a_end] == a.text[p.b_start : p.b_end]


def test_extended_copy_is_a_later_copy_with_new_paragraphs():
    a = _analysis("a", ORIGINAL, "2025-03-03")
    b = _analysis("b", _text(PARAS[:5] + EXTRA + PARAS[5:]), "2025-03-04")
    (lg,) = find_copies([a, b])
    (link,) = lg.links
    assert (link.copy, link.original, link.kind) == ("b", "a", "extended")
    assert link.similarity < 0.8
    covered = sum(p.b_end - p.b_start for p in link.passages)
    assert covered > 0.95 * len(ORIGINAL.strip()) - 20


def test_reordered_paragraphs():
    a = _analysis("a", ORIGINAL, "2025-03-03")
    order = [3, 0, 6, 1, 7, 2, 5, 4]
    b = _analysis("b", _text([PARAS[i] for i in order]), "2025-03-05")
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.original, link.kind) == ("b", "a", "reordered")
    assert link.similarity > 0.9
    for p in link.passages:
        assert b.text[p.a_start : p.a_end] == a.text[p.b_start : p.b_end]


@pytest.mark.parametrize("with_spans", [True, False])
def test_spun_copy_with_and_without_repair_spans(with_spans):
    spun, spans = _spin(ORIGINAL)
    assert "astatine" in spun and "successful" in spun and "helium" in spun
    a = _analysis("a", ORIGINAL)
    b = _analysis("b", spun, spans=spans if with_spans else [])
    (lg,) = find_copies([b, a])
    (link,) = lg.links
    assert link.kind == "spun"
    assert (link.copy, link.original) == ("b", "a")
    assert link.similarity > 0.8
    assert link.passages
    if with_spans:
        assert "flagged" not in link.reason
    else:
        assert "rarer synonyms" in link.reason


def test_spun_copy_flagged_by_integrity_is_the_copy():
    spun, _ = _spin(ORIGINAL)
    a = _analysis("a", ORIGINAL)
    b = _analysis("b", spun, integrity={"spun": {"score": 0.9, "flagged": True}})
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.original, link.kind) == ("b", "a", "spun")
    assert "flagged machine-spun" in link.reason


def test_original_outlet_credit_decides_without_dates():
    a = _analysis("a", ORIGINAL, outlet="The Oskaren Tribune")
    b = _analysis(
        "b",
        ORIGINAL.replace("Monday", "Monday morning"),
        integrity={"original_outlet": {"name": "Oskaren Tribune", "confidence": 0.8}},
    )
    (link,) = find_copies([b, a])[0].links
    assert (link.copy, link.original) == ("b", "a")
    assert "original outlet" in link.reason


def test_unrelated_reports_on_the_same_story_are_not_linked():
    a = _analysis("a", ORIGINAL, "2025-03-03")
    b = _analysis("b", _text(OTHER), "2025-03-04")
    c = _analysis("c", _text(EXTRA + OTHER[:2]), "2025-03-05")
    assert find_copies([a, b, c]) == []


def test_a_shared_quote_is_not_a_copy():
    quote = PARAS[2]
    a = _analysis("a", ORIGINAL)
    b = _analysis("b", _text(OTHER[:3] + [quote] + OTHER[3:]))
    assert find_copies([a, b]) == []


def test_boilerplate_only_overlap_does_not_link():
    own_a = "Buses replaced the ferries to Brindle Island on Monday as crews walked out over pay."
    own_b = "A brass band played outside the union office in Oskaren as the strike went on."
    ta, tb = own_a + "\n\n" + BLURB + "\n", BLURB + "\n\n" + own_b + "\n"
    sa = Span(len(own_a) + 2, len(own_a) + 2 + len(BLURB), "boilerplate", "test")
    sb = Span(0, len(BLURB), "boilerplate", "test")
    a = _analysis("a", ta, spans=[sa])
    b = _analysis("b", tb, spans=[sb])
    assert find_copies([a, b]) == []
    # the same texts with the blurb left in would be linked: masking is what keeps them apart
    assert find_copies([_analysis("a", ta), _analysis("b", tb)])


def test_boilerplate_differences_do_not_hide_an_exact_copy():
    a_text = "Skip to main content\n\n" + ORIGINAL + BLURB
    a = _analysis(
        "a",
        a_text,
        "2025-03-03",
        spans=[
            Span(0, 20, "boilerplate"),
            Span(len(a_text) - len(BLURB), len(a_text), "boilerplate"),
        ],
    )
    b = _analysis("b", ORIGINAL, "2025-03-04")
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.original, link.kind) == ("b", "a", "exact")


def test_date_tiers_stated_beats_inferred_beats_none():
    a = _analysis("a", ORIGINAL)
    b = _analysis("b", ORIGINAL.replace("Thursday", "Friday"), "2025-03-09", inferred=True)
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.original) == ("a", "b")
    assert "inferred publication date" in link.reason


def test_lineage_groups_and_independent_sources():
    spun, spans = _spin(ORIGINAL)
    docs = [
        _analysis("orig", ORIGINAL, "2025-03-03T08:00"),
        _analysis("copy", ORIGINAL, "2025-03-03T10:00"),
        _analysis("excerpt", _text(PARAS[2:5]), "2025-03-04"),
        _analysis("spun", spun, spans=spans),
        _analysis("other", _text(OTHER), "2025-03-04"),
        _analysis("extra", _text(EXTRA), "2025-03-05"),
    ]
    lineages = find_copies(docs)
    assert len(lineages) == 1
    (lg,) = lineages
    assert lg.original == "orig"
    assert set(lg.documents) == {"orig", "copy", "excerpt", "spun"}
    assert lg.documents[0] == "orig"
    index = lineage_of(lineages)
    assert index["spun"] is lg and "other" not in index
    all_ids = [d.doc_id for d in docs]
    assert independent_sources(all_ids, lineages) == 3
    assert independent_sources(["copy", "spun", "excerpt"], lineages) == 1
    assert independent_sources(["copy", "other", "other"], lineages) == 2
    assert independent_sources([], lineages) == 0
    links = _links(lineages)
    assert links[("copy", "orig")].kind == "exact"


def test_json_roundtrip_of_lineages():
    a = _analysis("a", ORIGINAL, "2025-03-03")
    b = _analysis("b", _text(PARAS[:4]), "2025-03-04")
    (lg,) = find_copies([a, b])
    data = json.loads(json.dumps(lg.to_dict()))
    assert data["original"] == "a" and data["links"][0]["passages"]


# ----------------------------------------------------------- real corpora


@pytest.fixture(scope="module")
def example_analyses():
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.read import read_inputs
    from storyline.settings import Settings

    raws = [
        r
        for r in read_inputs([str(EXAMPLES / "corpus")], settings=Settings())
        if isinstance(r, RawDocument)
    ]
    return list(Pipeline(Settings()).analyze_many(raws))


def _name(a: DocumentAnalysis) -> str:
    return a.source.replace("\\", "/").rsplit("/", 1)[-1]


def test_sample_corpus_matches_gold_copies(example_analyses):

    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))["copies"]
    name = {a.doc_id: _name(a) for a in example_analyses}
    lineages = find_copies(example_analyses)
    found = {(name[lk.copy], name[lk.original]): lk for lg in lineages for lk in lg.links}
    # 02 syndicates 01, 05 translates 04, 07 spins 06: all three are found, nothing else
    assert set(found) == {(g["copy"], g["original"]) for g in gold}
    assert (
        found[("02_harbour-post.txt", "01_meridian-courier.txt")].kind == "syndicated"
    )  # credits "the Meridian Courier reported"
    assert found[("05_kurjer-tavrenski.txt", "04_tavren-valley-herald.txt")].kind == "translated"
    assert found[("07_newsroundup24.txt", "06_coastline-wire.txt")].kind == "spun"
    by_doc = {a.doc_id: a for a in example_analyses}
    for lk in found.values():
        assert lk.passages
        for p in lk.passages:
            assert 0 <= p.a_start < p.a_end <= len(by_doc[lk.copy].text)
            assert 0 <= p.b_start < p.b_end <= len(by_doc[lk.original].text)
    assert independent_sources(list(by_doc), lineages) == len(by_doc) - 3


def test_belarus_articles_are_not_copies_of_each_other(belarus):
    from storyline.model import RawDocument
    from storyline.pipeline import Pipeline
    from storyline.read import read_inputs
    from storyline.settings import Settings

    raws = [
        r for r in read_inputs([str(belarus)], settings=Settings()) if isinstance(r, RawDocument)
    ]
    analyses = list(Pipeline(Settings()).analyze_many(raws))
    assert len(analyses) == 5
    assert find_copies(analyses) == []
    assert independent_sources([a.doc_id for a in analyses], []) == 5


def test_real_spun_news_pairs_are_found():
    """Real spun copies (../shared/corpus/spun-news) link to their unspun wording."""
    folder = SHARED / "corpus" / "spun-news"
    if not folder.exists():
        pytest.skip("../shared/corpus/spun-news not present (only in the team's checkout and CI)")
    docs = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n", 1)[1]
        docs.append(_analysis(path.name, text))
    lineages = find_copies(docs)
    pairs = {(lk.copy, lk.original): lk.kind for lg in lineages for lk in lg.links}
    for orig in folder.glob("*.orig.txt"):
        spun = orig.name.replace(".orig.txt", ".spun.txt")
        assert pairs.get((spun, orig.name)) == "spun", orig.name


def _rewrite(text: str) -> str:
    """A same-language rewrite: a word inserted every fourth word (no verbatim 5-word run,
    no one-for-one swaps)."""
    out = []
    for para in text.split("\n\n"):
        words = para.split()
        out.append(" ".join(w + (" indeed" if i % 4 == 3 else "") for i, w in enumerate(words)))
    return "\n\n".join(out)


def test_same_language_rewrite_is_not_called_translated():
    a = _analysis("a", ORIGINAL, "2025-03-03")
    b = _analysis("b", _rewrite(ORIGINAL), "2025-03-04")
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.original, link.kind) == ("b", "a", "rewritten")
    a.metadata.language = b.metadata.language = Evidence("en", "test")
    (link,) = find_copies([a, b])[0].links
    assert link.kind == "rewritten"


@pytest.mark.parametrize("evidence", ["flagged", "language", "notice"])
def test_translation_needs_evidence_of_a_language_change(evidence):
    a = _analysis("a", ORIGINAL, "2025-03-03")
    b = _analysis("b", _rewrite(ORIGINAL), "2025-03-04")
    if evidence == "flagged":
        b.integrity["machine_translated"] = {"score": 0.9, "flagged": True}
    elif evidence == "language":
        a.metadata.language = Evidence("nb", "test")
        b.metadata.language = Evidence("en", "test")
    else:
        notice = {"start": 0, "end": 5, "pattern": "translation-notice", "role": "repost"}
        b.integrity["original_outlet"] = {"name": None, "repost": True, "evidence": [notice]}
    (link,) = find_copies([a, b])[0].links
    assert (link.copy, link.kind) == ("b", "translated")


def test_credit_by_alias_or_domain_of_the_original_decides_without_dates():
    # ids chosen so the id tie-break alone would take the crediting copy as the original
    orig = _analysis("b", ORIGINAL, outlet="voanews.com")
    copy = _analysis(
        "a",
        ORIGINAL.replace("Monday", "Monday morning"),
        integrity={"original_outlet": {"name": "VOA", "confidence": 0.8}},
    )
    (link,) = find_copies([copy, orig])[0].links
    assert (link.copy, link.original) == ("a", "b")
    assert "VOA as its original outlet" in link.reason


def test_repost_evidence_marks_the_copy_without_dates():
    orig = _analysis("b", ORIGINAL.replace("Monday", "Monday morning"))
    copy = _analysis("a", ORIGINAL, integrity={"original_outlet": {"name": None, "repost": True}})
    (link,) = find_copies([orig, copy])[0].links
    assert (link.copy, link.original) == ("a", "b")
    assert "re-post" in link.reason
