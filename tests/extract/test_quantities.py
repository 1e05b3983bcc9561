"""Quantities: numbers, qualifiers, ranges, units and counted nouns (sentences invented here)."""

from __future__ import annotations

from functools import cache

import pytest

from storyline import nlp as nlp_stage
from storyline.extract.quantities import extract_quantities
from storyline.extract.quantities.find import parse_core
from storyline.model import Metadata, ParsedDocument, Quantity, RawDocument, Timex
from storyline.settings import Settings


@cache
def _nlp():
    s = Settings()
    return nlp_stage.load_nlp(s.model, s.ner)


def quantities(text: str, timexes: list[Timex] | None = None) -> list[Quantity]:
    raw = RawDocument.create("t.txt", text, text.encode(), "txt")
    parsed = ParsedDocument(raw=raw, spans=[], metadata=Metadata(), doc=_nlp()(text))
    parsed.results["timexes"] = timexes or []
    out = extract_quantities(parsed)
    for q in out:  # every record and part points at exactly its text
        assert text[q.start : q.end] == q.text
        for part in (q.counts, q.per):
            if part:
                assert text[part["start"] : part["end"]] == part["text"]
    return out


def by_text(text: str) -> dict[str, Quantity]:
    return {q.text: q for q in quantities(text)}


def test_compound_range_and_per() -> None:
    found = by_text("The army moved between 10 and 15 tactical battalions of up to 800 men each.")
    outer = found["between 10 and 15"]
    assert (outer.value, outer.low, outer.high, outer.qualifier) == (None, 10, 15, "between")
    assert outer.counts and outer.counts["text"] == "tactical battalions"
    inner = found["up to 800"]
    assert (inner.value, inner.high, inner.qualifier) == (800, 800, "up to")
    assert inner.counts and inner.counts["text"] == "men"
    assert inner.per and inner.per["text"] == "battalions"


def test_qualifiers_are_normalised_with_bounds() -> None:
    found = by_text("Upwards of 500 farmers came, and nearly 3,000 workers left.")
    up = found["Upwards of 500"]
    assert (up.qualifier, up.low, up.counts and up.counts["text"]) == ("upwards of", 500, "farmers")
    near = found["nearly 3,000"]
    assert (near.qualifier, near.value, near.high) == ("nearly", 3000, 3000)


def test_percent_money_and_measures() -> None:
    found = by_text("Support fell to 13 percent after a $2.5 million fine, 30 km from the coast.")
    assert (found["13 percent"].kind, found["13 percent"].unit) == ("percent", "percent")
    money = found["$2.5 million"]
    assert (money.kind, money.unit, money.value) == ("money", "USD", 2_500_000)
    assert (found["30 km"].kind, found["30 km"].unit, found["30 km"].value) == ("measure", "km", 30)


def test_vague_amounts_follow_the_documented_convention() -> None:
    found = by_text(
        "Dozens of nurses and tens of thousands of teachers joined several hundred pilots."
    )
    dozens = found["Dozens"]
    assert dozens.vague and dozens.value == 12 and dozens.vague_rule == "ACLED: dozens = 12"
    assert dozens.counts and dozens.counts["text"] == "nurses"
    assert found["tens of thousands"].value == 10_000 and found["tens of thousands"].vague
    assert found["several hundred"].vague and found["several hundred"].value == 300


def test_counted_noun_takes_an_of_phrase() -> None:
    found = by_text("Police recorded 80 acts of sabotage last year.")
    assert found["80"].counts and found["80"].counts["text"] == "acts of sabotage"


@pytest.mark.parametrize(
    ("words", "value"),
    [("two and a half million", 2_500_000), ("a dozen", 12), ("twenty - five", 25),
     ("two - thirds", 2 / 3), ("three hundred and fifty", 350), ("20,000", 20_000)],
)  # fmt: skip
def test_number_words(words: str, value: float) -> None:
    toks = list(_nlp().make_doc(words))
    core = parse_core(toks, 0, len(toks))
    assert core is not None and core.value == pytest.approx(value)


def test_not_quantities() -> None:
    text = "In 2021 a man aged 67 met at 5 p.m. under Article 5, and one of them left."
    assert quantities(text) == []


def test_spans_inside_a_timex_are_skipped() -> None:
    text = "The talks lasted 3 days and 40 delegates came."
    timex = Timex(start=17, end=23, text="3 days", type="DURATION", value="P3D")
    assert [q.text for q in quantities(text, [timex])] == ["40"]


def test_a_score_is_not_a_range_and_bare_numbers_are_less_sure() -> None:
    found = by_text("The team won 3-1 and the count reached 58.")
    assert "3-1" not in found
    assert found["58"].counts is None and found["58"].confidence < 0.9


def test_a_percentage_counts_what_it_is_a_share_of() -> None:
    (q,) = quantities("Only 13 percent of Belarusians backed sending troops.")
    assert q.kind == "percent" and q.value == 13
    assert q.counts is not None and q.counts["text"] == "Belarusians"
    (q,) = quantities("Prices rose by 4 percent last year.")
    assert q.counts is None


def _link(q: Quantity, part: str) -> str | None:
    span = getattr(q, part)
    return span["text"] if span else None


def test_actor_place_and_time_from_the_parse() -> None:
    text = "Ruritania has deployed about 20,000 troops near the border on Friday."
    timex = Timex(start=text.index("Friday"), end=text.index("Friday") + 6, text="Friday",
                  type="DATE", value="2031-05-02")  # fmt: skip
    (q,) = quantities(text, [timex])
    assert q.actor == {"start": 0, "end": 9, "text": "Ruritania", "role": "agent"}
    assert _link(q, "place") == "near the border"
    assert q.time is not None and (q.time["text"], q.time["value"]) == ("Friday", "2031-05-02")
    for part in (q.actor, q.place, q.time):
        assert part is not None and text[part["start"] : part["end"]] == part["text"]


def test_actor_is_the_owner_or_the_source_of_the_report() -> None:
    (q,) = quantities("Germany's 3,000 soldiers massed in Bavaria.")
    assert q.actor is not None and (q.actor["text"], q.actor["role"]) == ("Germany", "owner")
    assert _link(q, "place") == "in Bavaria"
    (q,) = quantities("The authorities say at least 250 people were injured in the city.")
    assert q.actor is not None and (q.actor["text"], q.actor["role"]) == ("authorities", "source")
    assert _link(q, "place") == "in the city" and q.time is None


def test_no_links_when_the_sentence_names_none() -> None:
    (q,) = quantities("Prices rose by 4 percent.")
    assert (q.actor, q.place, q.time) == (None, None, None)


def test_a_time_outside_the_figures_clause_is_not_its_time() -> None:
    text = "On Monday the mayor spoke, and later 40 buses left the depot."
    timex = Timex(start=3, end=9, text="Monday", type="DATE", value="2031-05-05")
    (q,) = quantities(text, [timex])
    assert q.text == "40" and q.time is None


@pytest.mark.parametrize(
    "text",
    ['The dead are flown home as "Cargo 200", people say.',
     "One local blogger Petra summed it up.",
     "I want to say it one more time.",
     "They filmed one such unit in the woods."],
)  # fmt: skip
def test_ones_and_names_that_are_no_amounts(text: str) -> None:
    assert quantities(text) == []


def test_one_that_counts_stays() -> None:
    (q,) = quantities("One soldier was killed in the village.")
    assert q.value == 1 and _link(q, "place") == "in the village"


def test_according_to_names_the_source_and_a_described_noun_has_no_owner() -> None:
    (q,) = quantities("According to the Interior Ministry, they have done so over 80 times.")
    assert q.actor is not None
    assert (q.actor["text"], q.actor["role"]) == ("Interior Ministry", "source")
    (q,) = quantities("The storm hit 3 large Portuguese towns.")
    assert q.actor is None  # "Portuguese" describes the towns, it does not own them
    (q,) = quantities("They sent 40 Portuguese soldiers.")
    assert q.actor is not None and q.actor["role"] == "owner"


def test_a_figure_that_is_the_subject_takes_only_its_by_agent() -> None:
    (q,) = quantities("Officials urged people to go home, after up to 900 people were displaced.")
    assert q.actor is None  # "Officials" urged; they did not displace anyone
    (q,) = quantities(
        "Officials urged people to go home, after up to 900 people were displaced by rebels."
    )
    assert q.actor is not None and (q.actor["text"], q.actor["role"]) == ("rebels", "agent")
    (q,) = quantities("The flood forced close to a million West Africans to flee.")
    assert q.actor is None  # the counted group does not own itself


def test_ages_names_and_a_lone_one() -> None:
    assert quantities("Children under the age of five are most at risk.") == []
    assert quantities("Ministers of the Group of Seven met in Rome.") == []
    (q,) = quantities("One farmer from the valley wrote to the paper.")
    assert q.value == 1 and q.confidence < 0.5  # more often a reference than a count
    (q,) = quantities("Exactly 1 farmer came.")
    assert q.confidence >= 0.5


def test_a_capitalised_common_noun_opening_the_sentence_is_no_actor() -> None:
    found = by_text("Deaths in the raids rose from 88 in one year to 388 in the next.")
    assert all(q.actor is None for q in found.values())
    (q,) = quantities("Soldiers seized 12 villages.")
    assert q.actor is not None and q.actor["text"] == "Soldiers"
