"""Tenth round of issue 14 item 2 (real news read as a user would): a
speaker the parser hung on the clause as an appositive or conjunct
("[clause], NAME, a spokesperson for X, told Y"), a surname the tagger takes
for a plural, and organisation descriptions that refer back only to what
they can be. Small invented texts; none is taken from an article."""

from __future__ import annotations

import pytest
from tests.extract.conftest import run_quotes

from storyline.extract.quotes import rules as R
from storyline.extract.quotes import speakers as SP


def _speakers(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    out = []
    for q in run_quotes(nlp, text):
        sp = q.speaker or {}
        out.append((q.text, sp.get("text"), (sp.get("antecedent") or {}).get("text")))
    return out


def test_the_name_before_a_subjectless_told_is_the_speaker(nlp):
    text = (
        "Aid programs in the region are feeling the strain of low funding, Maria Olsen, "
        "a spokesperson for the agency, told Radio North in an email."
    )
    got = _speakers(nlp, text)
    content = "Aid programs in the region are feeling the strain of low funding"
    assert [g for g in got if g[0] == content], got
    speaker = next(g[1] for g in got if g[0] == content)
    assert speaker is not None and speaker.startswith("Maria Olsen"), got
    # The clause's own subject no longer "told" anything.
    assert not [g for g in got if g[1] and g[1].startswith("Aid programs")], got


def test_a_pronoun_after_that_shape_is_the_named_speaker(nlp):
    text = (
        "Aid programs in the region are feeling the strain of low funding, Maria Olsen, "
        "a spokesperson for the agency, told Radio North in an email. "
        '"The crisis has made the needs much worse," she wrote.'
    )
    got = _speakers(nlp, text)
    wrote = [g for g in got if g[0].startswith('"The crisis')]
    assert wrote and wrote[0][1] == "she" and wrote[0][2] == "Maria Olsen", got


def test_a_clause_subject_before_told_keeps_its_cue(nlp):
    # A real subject of "told" is not replaced.
    text = "Peter Dahl, a manager at the harbor company, told reporters the port will reopen."
    got = _speakers(nlp, text)
    assert [g for g in got if g[1] and g[1].startswith("Peter Dahl")], got


def test_a_surname_tagged_plural_is_one_person(nlp):
    # The tagger sometimes calls a surname ending in -s a plural (NNS); a
    # head inside a PERSON name without coordination is still one person.
    doc = nlp("The budget fell by a third, Hendricks said.")
    tok = next(t for t in doc if t.text == "Hendricks")
    assert tok.ent_type_ == "PERSON"
    tok.tag_ = "NNS"
    assert not SP.plural_name(doc, tok.i, tok.i + 1, tok)
    group = nlp("Three members of the Senate said the bill would fail.")
    head = next(t for t in group if t.text == "members")
    assert SP.plural_name(group, head.i, head.i + 5, head)


def test_the_shape_is_a_table():
    name_deps, cue_dep = R.INVERTED_APPOS
    assert "appos" in name_deps and cue_dep == "conj"
    assert "PERSON" in R.APPOS_SPEAKER_ENTS


#: (written text, words of the content, its speaker as written, the
#: antecedent shown for it or None).
ANTECEDENTS = [
    # "the Valdor army" carries its own name: not the rebels said before.
    (
        "Rebels from the Northern Front seized the dam near Kosta on Monday. "
        "In the operation that followed, the Valdor army said it killed 20 rebels.",
        "it killed",
        "the Valdor army",
        None,
    ),
    # "the separatist group" is no country said before it.
    (
        "Valdoria saw a sharp rise in attacks last year. "
        "The separatist group says the government has robbed the province of its water.",
        "the government has robbed",
        "The separatist group",
        None,
    ),
    # "it" is never a plural, and a thing that is the subject in between stops it.
    (
        "Legal experts criticised the draft on Monday. The constitution defines Valdoria "
        "as a republic. It also says that the president must be elected by parliament.",
        "president must be elected",
        "It",
        None,
    ),
    # ... while the organisation right before it is still taken up.
    (
        "The Valdor Relief Agency opened two camps near the border. "
        "It said that more than 4,000 families had arrived since May.",
        "families had arrived",
        "It",
        "The Valdor Relief Agency",
    ),
]


@pytest.mark.parametrize(("text", "words", "speaker", "antecedent"), ANTECEDENTS)
def test_what_a_description_or_it_refers_back_to(nlp, text, words, speaker, antecedent):
    got = [g for g in _speakers(nlp, text) if words in g[0]]
    assert got and got[0][1:] == (speaker, antecedent), _speakers(nlp, text)


def test_an_acronym_tagged_as_a_common_noun_is_an_organisation(nlp):
    doc = nlp("The RLF emerged as the strongest force.")
    tok = next(t for t in doc if t.text == "RLF")
    tok.pos_ = "NOUN"
    if tok.ent_type_ != "ORG":
        doc.set_ents([doc.char_span(tok.idx, tok.idx + 3, label="ORG")])
    assert SP.classify(doc, tok.i - 1, tok.i + 1)[0] == "organisation"
