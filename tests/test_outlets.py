"""The shared outlet table: consistent rows, exact lookups by name, alias and domain."""

from __future__ import annotations

from collections import Counter

from storyline.outlets import (
    canonical_outlet,
    name_key,
    outlet_identity,
    outlet_of_domain,
    outlets,
    same_outlet,
    translated_outlet,
)


def test_no_name_alias_or_domain_belongs_to_two_outlets():
    forms = Counter(f for o in outlets() for f in {name_key(x) for x in (o.name, *o.aliases)})
    assert [f for f, n in forms.items() if n > 1] == []
    domains = Counter(d.casefold() for o in outlets() for d in o.domains)
    assert [d for d, n in domains.items() if n > 1] == []
    assert len(outlets()) >= 100  # well-known outlets in general, not one corpus's


def test_lookups_are_exact_never_a_neighbour():
    assert canonical_outlet("the VOA") == "Voice of America"
    assert canonical_outlet("Voice of Americas") is None
    assert canonical_outlet("Israel Hayom") == "Israel Hayom"
    assert canonical_outlet("Israel Today") == "Israel Today"  # a real outlet of its own
    assert translated_outlet("Israel today") == "Israel Hayom"  # only for translations
    assert translated_outlet("Israel Hayom") is None


def test_domains_and_urls_name_their_outlet():
    assert outlet_of_domain("https://www.voanews.com/a/x/1.html") == "Voice of America"
    assert outlet_of_domain("editions.voanews.com") == "Voice of America"  # a subdomain
    assert outlet_of_domain("voanews.com.evil.example") is None
    assert outlet_of_domain("not a url") is None
    assert same_outlet("VOA", "voanews.com") and same_outlet("AP", "apnews.com")
    assert not same_outlet("Israel Hayom", "Israel Today") and not same_outlet(None, None)
    assert outlet_identity("The Harbour Gazette") == "harbour gazette"  # unknown: as written
