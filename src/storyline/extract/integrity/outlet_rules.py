"""Data tables for :mod:`storyline.extract.integrity.outlet`: outlet cues and their roles.

Every row of ``PATTERNS`` carries an invented example sentence and the outlet
name it must yield; ``tests/extract/integrity/test_outlet.py`` checks every row.

A pattern's ``{NAME}`` placeholder stands for a capitalised name (up to six
words, "of"/"for"/"and" allowed inside, an optional leading "the"). Whether
the captured name really is a news outlet is decided by
``outlet.looks_like_outlet``: the ``KNOWN_OUTLETS`` table (a hint, not a
closed list), an outlet noun at the end ("Post", "Times", "Today"...), an
outlet lead word ("Radio", "Gazeta"...), or a spaCy ORG mention that is not
an institution. Rows with ``any_name=True`` accept any capitalised name
because their form alone says "news outlet" (a wire dateline, a
"Source:" line, "originally appeared in"). ``{DOMAIN}`` stands for a web
address, whose host names its outlet through the shared table
``storyline/outlets.tsv``; ``{KIND}`` for an optional kind word after the
name ("news agency", "newspaper").

Each row has a ``role`` (``ROLES``): what a match says about the article's
origin. :mod:`.outlet` counts ``origin`` rows always, ``citation`` rows only
in the lead or in a re-post, ``channel`` rows ("told X") only in a re-post,
and never ``reference`` or ``repost`` rows (the latter name no outlet but
make the text a re-post).
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.outlets import outlets

#: A capitalised (multi)word name; the leading article is dropped later.
NAME = (
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w&'’./-]*"
    r"(?:[ \t]+(?:(?:of|for|and|de|del|&)[ \t]+)?[A-Z0-9][\w&'’./-]*){0,5})"
)


#: A web address or bare domain ("https://www.x.example/a", "x.example"): the name is
#: the host, mapped to its outlet through the shared table where known.
DOMAIN = (
    r"(?:https?://)?(?P<name>(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,})"
    r"(?=[/\s.,;:)]|$)"
)


#: The kind of outlet written after its name ("Interfax news agency reported"); the
#: name is what comes before it, and the kind word alone says it is an outlet.
KIND = (
    r"(?:[ \t]+(?P<kind>news[ \t]+agency|newspaper|daily|weekly|broadcaster|television|TV|"
    r"channel|website|news[ \t]+site|outlet))?"
)


@dataclass(frozen=True)
class OutletPattern:
    name: str  # reported as evidence["pattern"]
    regex: str  # with {NAME} (or a fixed ``outlet``)
    weight: float  # how much one match says "this outlet is the origin"
    example: str  # an invented sentence the row must match
    expect: str  # the outlet name the example must yield
    any_name: bool = False  # the form alone says "outlet": skip the outlet-likeness check
    outlet: str | None = None  # a fixed outlet name (for credit lines naming no outlet)
    flags: str = "m"  # "m" multiline, "i" ignore case (applied to the cue words only)
    note: str = ""
    # What a match says about the article's origin (see ROLES).
    role: str = "origin"
    # only outlets of the shared table count (a site's own copyright line names itself)
    known_only: bool = False


#: What one piece of evidence says. ``origin``: the article (or its reporting) comes
#: from that outlet (republication notices, wire credits, "Source: X"). ``citation``:
#: another outlet's report is cited ("X reported"); it speaks for the whole article
#: only in the lead or in a re-post. ``channel``: someone gave an interview to that
#: outlet ("told X"); that is where a quote was given, not where the article comes
#: from, unless the text is a re-post of that outlet's article. ``repost``: a marker
#: that the text is re-posted from elsewhere, naming no outlet ("Source: Read Full
#: Article"). ``reference``: "As X first reported", a back-reference to earlier reporting
#: (most often the outlet's own); recorded, never the origin.
ROLES: tuple[str, ...] = ("origin", "citation", "channel", "repost", "reference")


PATTERNS: tuple[OutletPattern, ...] = (
    # -- explicit republication notices: the strongest evidence
    OutletPattern(
        "originally-appeared",
        r"\b(?:[Oo]riginally|[Ff]irst)\s+(?:appeared|published|ran|printed|posted)"
        r"\s+(?:in|on|by|at)\s+{NAME}",
        2.0,
        "This article originally appeared on Harbourside Gazette and is republished here.",
        "Harbourside Gazette",
        any_name=True,
        note="'This article originally appeared in/on <Outlet>'",
    ),
    OutletPattern(
        "was-first-published",
        r"\b(?:was|were|is)\s+(?:originally|first)\s+(?:published|posted|printed|carried)"
        r"\s+(?:in|on|by|at)\s+{NAME}",
        2.0,
        "The interview was first published by Northgate Weekly on Monday.",
        "Northgate Weekly",
        any_name=True,
        note="'was first published by <Outlet>'",
    ),
    OutletPattern(
        "republished-from",
        r"\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eproduced|[Ss]yndicated)"
        r"(?:\s+with\s+(?:the\s+)?permission)?\s+(?:from|of|by)\s+{NAME}",
        2.0,
        "Republished with permission from Lakeview Chronicle.",
        "Lakeview Chronicle",
        any_name=True,
        note="'Republished with permission from <Outlet>'",
    ),
    OutletPattern(
        "originally-appeared-url",
        r"\b(?:[Oo]riginally|[Ff]irst)\s+(?:appeared|published|ran|posted)\s+(?:in|on|at|by)"
        r"\s+{DOMAIN}",
        2.0,
        "This story originally appeared on harbourgazette.example/news/dam-holds.",
        "harbourgazette.example",
        any_name=True,
        note="'originally appeared on <domain or URL>': the table names a known domain's outlet",
    ),
    OutletPattern(
        "source-url",
        r"^[ \t]*(?:[Ss]ource|[Oo]riginal(?:\s+article)?)[ \t]*:[ \t]*{DOMAIN}\S*[ \t]*$",
        1.5,
        "Source: https://www.voanews.com/a/dam-holds/123.html",
        "Voice of America",
        any_name=True,
        note="'Source: <URL>' line: the outlet of a known domain, else the domain",
    ),
    OutletPattern(
        "read-original-at",
        r"\b(?:[Rr]ead|[Ss]ee)\s+(?:the\s+)?(?:original|full)\s+(?:article|story|report)"
        r"\s+(?:at|on|in)\s+{NAME}",
        2.0,
        "Read the original article at Harbourside Gazette.",
        "Harbourside Gazette",
        any_name=True,
        note="'Read the original article at <Outlet>'",
    ),
    OutletPattern(
        "via-line",
        r"^[ \t]*[(\[]?[Vv]ia[ \t]+{NAME}[)\]]?[ \t]*$",
        1.5,
        "via Lakeview Chronicle",
        "Lakeview Chronicle",
        note="a line of its own crediting '(via <Outlet>)' (platforms such as Twitter excluded)",
    ),
    OutletPattern(
        "via-paren",
        r"[(\[][Vv]ia[ \t]+{NAME}[)\]][ \t]*$",
        1.5,
        "The levee was raised by a metre overnight. (via Lakeview Chronicle)",
        "Lakeview Chronicle",
        note="'(via <Outlet>)' closing a paragraph",
    ),
    OutletPattern(
        "translation-notice",
        r"\b(?:[Tt]ranslated\s+from\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:original|by))?|"
        r"[Tt]his\s+(?:article|story|report|text)\s+(?:was|has\s+been)\s+"
        r"(?:automatically\s+|machine[- ])?translated)\b",
        0.0,
        "This article was automatically translated from its original.",
        "",
        outlet="",
        role="repost",
        note="an explicit translation notice: a translated re-post (names no outlet)",
    ),
    OutletPattern(
        "copyright",
        r"(?:\b[Cc]opyright|©|\([Cc]\))[ \t]*(?:©[ \t]*)?(?:19|20)\d\d"
        r"(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?,?[ \t]*{NAME}",
        1.5,
        "Copyright 2024 The Associated Press. All rights reserved.",
        "Associated Press",
        any_name=True,
        known_only=True,
        note="a dated copyright line of a known outlet (wire and syndicated copy keep it; "
        "an undated '© Reuters' is usually a photo credit)",
    ),
    # -- wire credits
    OutletPattern(
        "wire-dateline",
        r"^[ \t]*[A-Z][A-Z .'’-]{1,40}(?:,[ \t]*[A-Z][\w .'’-]{1,30})?[ \t]*"
        r"\((?P<name>[A-Z][\w .&/-]{0,40}?)\)[ \t]*[-–—]",
        1.5,
        "ORVALE (Tidewater Wire) - Crews reopened the coastal road on Monday.",
        "Tidewater Wire",
        any_name=True,
        note="wire dateline 'CITY (Agency) -' at the start of a paragraph",
    ),
    OutletPattern(
        "wire-paren",
        r"\((?P<name>{KNOWN_WIRES})\)",
        1.0,
        "Crews reopened the coastal road on Monday (Reuters), officials said.",
        "Reuters",
        any_name=True,
        note="a known wire service in parentheses",
    ),
    OutletPattern(
        "wire-trailer",
        r"[ \t][-–—][ \t]*(?P<name>{KNOWN_WIRES})[ \t]*$",
        1.0,
        "Crews reopened the coastal road on Monday. — AP",
        "Associated Press",
        any_name=True,
        note="'— AP' credit at the end of a line",
    ),
    OutletPattern(
        "reporting-by",
        r"\(\s*(?:[Aa]dditional\s+)?[Rr]eporting\s+by\s+[A-Z][^();]{1,80};\s*[Ee]diting\s+by\s",
        1.0,
        "(Reporting by Mara Quill; Editing by Tom Reed)",
        "Reuters",
        outlet="Reuters",
        note="Reuters' '(Reporting by X; Editing by Y)' footer",
    ),
    # -- a source line in the body (the clean stage masks most; see outlet.py)
    OutletPattern(
        "source-line",
        r"^[ \t]*[Ss]ource[ \t]*:[ \t]*{NAME}[ \t]*$",
        1.5,
        "Source: Valley Ledger",
        "Valley Ledger",
        any_name=True,
        note="'Source: <Outlet>' credit line",
    ),
    # -- quotes given to an outlet
    OutletPattern(
        "told",
        r"\btold\s+{NAME}",
        1.0,
        "“We will rebuild,” the mayor told the Eastport Herald.",
        "Eastport Herald",
        note="'X told <Outlet>': the quote was given to that outlet",
        role="channel",
    ),
    OutletPattern(
        "interview-with",
        r"\b(?:[Ii]n\s+an?\s+(?:[a-z-]+\s+){0,2}interview\s+with|[Ss]peaking\s+to|[Ss]poke\s+to|"
        r"said\s+to|[Tt]alking\s+to)\s+{NAME}",
        0.9,
        "Speaking to Radio Corvana, the minister denied the claim.",
        "Radio Corvana",
        note="'in an interview with / speaking to <Outlet>'",
        role="channel",
    ),
    # -- reports attributed to an outlet
    OutletPattern(
        "reported",
        r"{NAME}{KIND}[ \t]+(?:has[ \t]+|had[ \t]+)?(?:first[ \t]+|earlier[ \t]+|also[ \t]+|"
        r"previously[ \t]+|exclusively[ \t]+)?(?:reported|reports)\b",
        1.0,
        "The bridge was closed overnight, the Southbay Times reported.",
        "Southbay Times",
        note="'<Outlet> reported', also '<Outlet> news agency reported'",
        role="citation",
    ),
    OutletPattern(
        "quoted-as-saying",
        r"{NAME}{KIND}[ \t]+quoted[ \t]+[^.;\n]{1,80}?[ \t]as[ \t]+saying\b",
        0.9,
        "The Interfax news agency quoted the minister as saying the dam would hold.",
        "Interfax",
        note="'<Outlet> (news agency) quoted X as saying': another outlet's report cited",
        role="citation",
    ),
    OutletPattern(
        "as-reported",
        r"\b[Aa]s\s+{NAME}[ \t]+(?:has[ \t]+|had[ \t]+)?(?:first[ \t]+|earlier[ \t]+|"
        r"previously[ \t]+|also[ \t]+|exclusively[ \t]+)?reported\b",
        1.05,
        "As the Southbay Times first reported, the bridge had been closed since May.",
        "Southbay Times",
        note="'As <Outlet> (first) reported': a back-reference to earlier reporting, most often "
        "the outlet's own; recorded, never the origin",
        role="reference",
    ),
    OutletPattern(
        "reported-by",
        r"\b(?:[Aa]s\s+)?(?:first\s+)?reported\s+by\s+{NAME}",
        1.0,
        "The closure, as first reported by Inland Courier, lasted two days.",
        "Inland Courier",
        note="'as reported by <Outlet>'",
        role="citation",
    ),
    OutletPattern(
        "according-to",
        r"\b[Aa]ccording\s+to\s+(?:a\s+report\s+(?:by|in|from)\s+)?{NAME}",
        0.8,
        "According to Reuters, the talks ended without agreement.",
        "Reuters",
        note="'according to <Outlet>' (only names that look like outlets count)",
        role="citation",
    ),
)

#: Republication and translation notices that still count when the clean stage hid
#: their line as boilerplate (a footer): the notice is lineage evidence either way.
#: Photo credits and copyright footers are not among them: they credit a picture or
#: name the site itself.
HIDDEN_NOTICES: frozenset[str] = frozenset(
    {"originally-appeared", "originally-appeared-url", "was-first-published",
     "republished-from", "read-original-at", "translation-notice"}
)  # fmt: skip

#: Cues that name where *material* (a video, a post) came from, not the
#: article's origin: "Nexta tweeted the video". Documented, never matched.
NOT_ORIGIN_VERBS: tuple[str, ...] = ("tweeted", "posted", "shared", "retweeted", "filmed")

#: Known outlets: canonical name -> aliases (matched case-insensitively), from the
#: shared table ``storyline/outlets.tsv`` (which also has their domains).
#: A hint for recognising and normalising names, not a closed list.
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {o.name: o.aliases for o in outlets()}

#: Names after "via" / "Source:" that are platforms or photo agencies, not outlets.
PLATFORMS: frozenset[str] = frozenset(
    {"twitter", "x", "facebook", "instagram", "youtube", "telegram", "tiktok", "reddit",
     "whatsapp", "linkedin", "getty images", "getty", "shutterstock", "google", "email",
     "social media", "wikimedia commons", "flickr", "vk", "weibo", "wechat"}
)  # fmt: skip

#: Known wire services (may appear alone in parentheses or after a dash).
KNOWN_WIRES: tuple[str, ...] = (
    "Reuters", "AP", "AFP", "Associated Press", "Agence France-Presse", "dpa", "EFE", "ANSA",
    "TASS", "Interfax", "Xinhua", "Kyodo", "Yonhap", "Anadolu", "UNIAN", "Ukrinform", "BelTA",
    "Bloomberg", "PA", "RIA Novosti",
)  # fmt: skip

#: Words in a name that make it an institution, not an outlet
#: ("the Interior Ministry reported").
INSTITUTION_WORDS: frozenset[str] = frozenset(
    {
        "ministry", "department", "office", "council", "service", "army", "forces", "force",
        "command", "police", "government", "kremlin", "pentagon", "parliament", "committee",
        "ministries",
        "center", "centre", "university", "institute", "bank", "company", "corporation",
        "corp", "inc", "group", "party", "court", "administration", "authority",
        "commission", "embassy", "guard", "staff", "navy", "ministers", "house", "senate",
        "congress", "assembly", "union", "organization", "organisation", "fund",
        "energy", "atomic", "nuclear", "intelligence", "security", "space", "protection",
        "development", "health", "defense", "defence", "investigation", "enforcement",
        "customs", "statistics", "weather", "meteorological",
    }
)  # fmt: skip
