"""Spun-word detection on invented sentences: every table row, the context
evidence, and clean news that must not be flagged. (Real-corpus checks are in
test_spun_corpus.py.)"""

from __future__ import annotations

import pytest

from storyline.despin.detect import SpunResult, detect_spun, phrase_evidence
from storyline.despin.rules import CLASSES, TABLE_PATH, load_table, parse_table
from storyline.despin.slots import SLOTS
from storyline.model import Metadata, ParsedDocument, RawDocument
from storyline.nlp import load_nlp
from storyline.settings import Settings

ROWS = parse_table(TABLE_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().model)


def run(nlp, text: str, **kw) -> SpunResult:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    return detect_spun(ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=nlp(text)), **kw)


def found(nlp, text: str) -> dict[str, str | None]:
    """Candidate spans (also in unflagged text) as {spun text: original}."""
    res = run(nlp, text, spans_when_clean=True)
    return {text[s.start : s.end]: s.attrs["original"] for s in res.spans}


# ------------------------------------------------------------ table as data


def test_table_rows_are_well_formed_and_unique():
    assert len(ROWS) > 150
    keys = [r.spun for r in ROWS]
    assert len(keys) == len(set(keys)), "duplicate spun entries"
    for r in ROWS:
        assert r.cls in CLASSES
        assert r.slot in SLOTS, f"{r.text}: unknown slot {r.slot}"
        assert 0 < r.prior <= 1
        assert all(o and o != r.text for o in r.originals)
        assert (len(r.spun) > 1) == (r.cls == "phrase") or r.text.count("-")
    words, phrases = load_table()
    assert words["astatine"].originals == ("at",)
    assert any(r.text == "legal guidelines" for r in phrases["legal"])


def test_bad_table_lines_are_rejected():
    with pytest.raises(ValueError):
        parse_table("helium\the\tweird-class\tsubj\t0.9")
    with pytest.raises(ValueError):
        parse_table("helium\the")


CONTEXT_FREE = [r for r in ROWS if r.slot in {"any", "syn"}]


@pytest.mark.parametrize("row", CONTEXT_FREE, ids=lambda r: r.text)
def test_context_free_row_repairs_the_phrase_alone(row):
    ev = phrase_evidence(row.text)
    assert ev["hits"] and ev["hits"][0][1] == row.originals[0]
    assert ev["repaired"] == row.originals[0]


# One invented carrier sentence per context test; {} is the table row's word.
TEMPLATES = {
    "prep": "Crowds gathered {} the old square on Friday.",
    "prep-after-noun": "Tensions {} the ruling party grew all spring.",
    "subj": "Asked about the plan, {} said it would work.",
    "as": "The crowd cheered {} the ferry arrived.",
    "be": "The bridge will {} rebuilt next year.",
    "modal": "The engineers {} finish the repairs soon.",
    "do": "Nobody wanted to {} that again.",
    "have": "Residents who {} lived there for years left.",
    "adv": "The project is {} far behind schedule.",
    "erstwhile": "The {} mayor opened the fair.",
    "astir": "Reporters asked {} the delay.",
    "done": "The cargo passed {} the port at night.",
    "however": "Nobody knows {} the fire started.",
    "like": "The harbour looked {} a lake after the storm.",
    "such": "Goods {} as grain were shipped.",
    "nodet": "The ferry {} runs on weekdays.",
    "premod": "The storm left {} homes without power.",
    "more": "The new route is {} expensive than the old one.",
    "before": "Two days {} the vote, the mayor resigned.",
    "lower": "The storm hit towns {} villages along the coast.",
    "lower-obj": "Nobody told {} about the plan.",
    "noun": "Another {} said the plan would fail.",
    "verb-after-aux": "Officials will {} the plan tomorrow.",
    "premod-or-after-det": "A {} guard stopped the truck.",
    "said": "Later that day, she {}.",
    "title": "The panel heard {} Mara Velt on Friday.",
    "capital": "The {} reported the story first.",
    "before-phrase": "Hours {} the vote began, the mayor spoke.",
    "ago": "The port closed two years {}.",
    "sent-initial": "{}, the council voted to close the road.",
}
CONTEXT_ROWS = [r for r in ROWS if r.slot not in {"any", "syn"}]


def _surface(row) -> str:
    text = row.text.replace(" - ", "-")
    if row.slot in {"title", "capital"}:
        return " ".join(w.capitalize() for w in text.split())
    return text


@pytest.mark.parametrize("row", CONTEXT_ROWS, ids=lambda r: r.text)
def test_context_row_fires_in_its_slot(nlp, row):
    word = _surface(row)
    text = TEMPLATES[row.slot].format(word)
    if row.slot == "sent-initial":
        word = word.capitalize()
        text = text[0].upper() + text[1:]
    got = found(nlp, text)
    assert word in got, f"{word!r} not found in {text!r}: {got}"
    assert (got[word] or "").lower() in {o.lower() for o in row.originals}


# --------------------------------------------------------- context evidence

SPUN_SENTENCES = [
    (
        "The mayor spoke to reporters successful the old harbour connected Monday.",
        "successful",
        "in",
    ),
    (
        "The mayor spoke to reporters successful the old harbour connected Monday.",
        "connected",
        "on",
    ),
    ("The fishermen waited astatine the pier for news of the storm.", "astatine", "at"),
    ("Asked about the delay, helium said the ferry would sail at noon.", "helium", "he"),
    ("The council whitethorn approve the new budget next month.", "whitethorn", "may"),
    (
        "\u201cWe volition rebuild the bridge,\u201d the engineer told the crowd.",
        "volition",
        "will",
    ),
    ("Residents who person lived here for years will beryllium moved.", "person", "have"),
    ("Residents who person lived here for years will beryllium moved.", "beryllium", "be"),
    ("The ferry company has nary plans to raise fares.", "nary", "no"),
    ("\u201cNobody is asking america to pay more,\u201d said the harbour master.", "america", "us"),
    ("Officials said the tolls tin rise oregon fall with the season.", "tin", "can"),
    ("Officials said the tolls tin rise oregon fall with the season.", "oregon", "or"),
    ("The erstwhile mayor visited the docks aft the storm.", "erstwhile", "former"),
    ("The pier reopened erstwhile the water fell.", "erstwhile", "once"),
    ("The dispute betwixt the two towns conscionable grew worse.", "betwixt", "between"),
    ("The new ferry is truthful far the largest in the fleet.", "truthful", "so"),
    ("Engineers opened the gates implicit the weekend.", "implicit", "over"),
]


@pytest.mark.parametrize(("text", "word", "original"), SPUN_SENTENCES)
def test_function_word_homonyms_are_repaired_in_context(nlp, text, word, original):
    assert found(nlp, text).get(word) == original


def test_rare_word_in_a_preposition_slot_is_flagged_without_a_repair(nlp):
    # "circumjacent" is in no table: rare in English and sitting where "around" belongs
    got = found(nlp, "Crowds gathered circumjacent the harbour to watch the ships.")
    assert "circumjacent" in got and got["circumjacent"] is None


CLEAN_SENTENCES = [
    "The successful launch was connected to the new grid in April.",
    "Liquid helium cools the magnets in the scanner.",
    "The tin mine reopened after a decade.",
    "Every person in the village has a vote.",
    "She was connected with the rescue team by radio.",
    "The company was successful in its bid for the contract.",
    "The council acted of its own volition on the matter.",
    "Arsenic levels in the river remain low, the agency said.",
    "The ferry made the crossing as an alternative to the bridge.",
    "Prices rose earlier than expected this year.",
    "Wave after wave of storms hit the coast on Tuesday.",
    "The lone survivor was taken to hospital in Oregon.",
    "However, the mayor said the bridge would stay open.",
    "The two cases are similar to last year's floods.",
    "Police said the work had been done by Friday.",
    "Asked what went wrong, the engineer pointed to the pumps.",
]


@pytest.mark.parametrize("text", CLEAN_SENTENCES)
def test_real_senses_of_table_words_are_left_alone(nlp, text):
    assert found(nlp, text) == {}


CLEAN_STORY = (
    "Harbour officials on Tuesday reopened the ferry terminal in Port Anselm, a week after "
    "a storm surge flooded the car deck and knocked out power to the ticket hall.\n\n"
    "\u201cWe are back to a normal timetable, and we can thank the crews who worked through "
    "the weekend,\u201d said Mira Ostrand, who runs the terminal for the port authority. She "
    "said the company had no plans to raise fares, though repairs cost more than expected.\n\n"
    "About 1,200 passengers a day use the crossing, according to the authority. Some of them "
    "waited in the rain for hours on Monday as engineers tested the ramps, and a few said the "
    "storm had been the worst they could remember.\n\n"
    "The mayor, who was connected to the rescue effort by radio, praised the successful "
    "evacuation of the lower town and said the council may ask the province for emergency "
    "funds. He stated that a report would be published in May."
)

SPUN_STORY = (
    "Harbour officials connected Tuesday reopened the ferry terminal successful Port Anselm, "
    "a week aft a storm surge flooded the car deck.\n\n"
    "\u201cWe are backmost to a normal timetable, and we tin thank the crews who worked done "
    "the weekend,\u201d said Mira Ostrand. Helium said the company had nary plans to raise "
    "fares, though repairs outgo much than expected.\n\n"
    "About 1,200 passengers a day usage the crossing, in line with the authority. Some of "
    "them waited successful the rain for hours connected Monday arsenic engineers tested "
    "the ramps.\n\n"
    "The mayor said the council whitethorn inquire the state for exigency funds, and that a "
    "study volition beryllium published successful May."
)


def test_clean_story_is_not_flagged_and_gets_no_spans(nlp):
    res = run(nlp, CLEAN_STORY)
    assert not res.summary["flagged"], res.summary
    assert res.spans == [] and res.summary["score"] < 0.2
    assert res.summary["n_words"] > 100


def test_spun_story_is_flagged_with_repairs_and_sentences(nlp):
    res = run(nlp, SPUN_STORY)
    s = res.summary
    assert s["flagged"] and s["score"] > 0.8 and s["n_spun"] == len(res.spans) >= 12
    repairs = {SPUN_STORY[x.start : x.end]: x.attrs["original"] for x in res.spans}
    for spun, orig in {
        "connected": "on",
        "successful": "in",
        "aft": "after",
        "tin": "can",
        "Helium": "He",
        "nary": "no",
        "whitethorn": "may",
        "volition": "will",
        "beryllium": "be",
        "exigency": "emergency",
    }.items():
        assert repairs.get(spun) == orig, (spun, repairs.get(spun))
    for span in res.spans:
        assert span.kind == "spun" and span.rule and span.attrs["evidence"]
        assert 0 < span.attrs["confidence"] <= 1
    assert s["sentences"] and all(0 < x["score"] <= 1 for x in s["sentences"])
    assert s["method"]


def test_phrase_spinner_paragraph_is_flagged(nlp):
    text = (
        "The governor held a information convention with out notice on Friday, a day after "
        "the state legal guidelines on tolls were challenged in court docket. In line with her "
        "workplace, the plan will probably be revised. Final week the metropolis council voted "
        "against it, and folks making an attempt to cross the bridge waited for hours."
    )
    res = run(nlp, text)
    assert res.summary["flagged"]
    repairs = {text[x.start : x.end].lower(): x.attrs["original"] for x in res.spans}
    assert repairs["legal guidelines"] == "laws"
    assert repairs["information convention"] == "news conference"
    assert repairs["making an attempt"] == "trying"


def test_one_odd_word_does_not_flag_a_clean_story(nlp):
    text = CLEAN_STORY.replace("the ferry terminal", "the ferry terminal astatine the pier", 1)
    res = run(nlp, text)
    assert not res.summary["flagged"] and res.spans == []
    assert res.summary["n_candidates"] >= 1


def test_empty_and_masked_documents(nlp):
    res = run(nlp, "")
    assert res.spans == [] and not res.summary["flagged"] and res.summary["n_words"] == 0
