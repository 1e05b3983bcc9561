"""Boilerplate rules as data.

Each row of :data:`RULES` is one kind of boilerplate line, written as a
pattern of that *kind* (not of any one article). The matcher in
``boilerplate.py`` applies them line by line; the first rule that matches a
line names it. Every row has a positive and a near-miss example in
``tests/clean/test_clean_rules.py``.

Fields of a :class:`Rule`:

``name``      shown to the user as ``Span.rule``;
``category``  coarse kind, ``Span.attrs["category"]``;
``pattern``   regular expression searched in the stripped line;
``flags``     ``re`` flags (``re.I`` unless case carries meaning);
``note``      what the rule is for;
``scope``     where in the document it may fire:
              ``"any"``, ``"head"`` (the first :data:`HEAD_LINES` non-empty
              lines), ``"body"`` (any line but the first content line, i.e.
              never the headline);
``max_words`` the line must have at most this many words;
``after``     only directly after (no blank line between) a line already
              marked with this category;
``before``    only when the next non-empty line is already marked with this
              category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAD_LINES = 5  # non-empty lines counted as the "head" of a document


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    pattern: str
    flags: int = re.I
    note: str = ""
    scope: str = "any"
    max_words: int | None = None
    after: str | None = None
    before: str | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.pattern, self.flags)

    def matches(self, line: str) -> bool:
        """Does the (stripped) line match, ignoring document context?"""
        line = line.strip()
        if not line:
            return False
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        return self.regex.search(line) is not None

    @property
    def contextual(self) -> bool:
        return self.after is not None or self.before is not None or self.scope == "body"


_CACHE: dict[tuple[str, int], re.Pattern[str]] = {}


def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    key = (pattern, flags)
    if key not in _CACHE:
        _CACHE[key] = re.compile(pattern, flags)
    return _CACHE[key]


def _alt(words: tuple[str, ...]) -> str:
    """Regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ------------------------------------------------------------ data tables

#: Section labels a site prints above the headline (a lone line at the top).
SECTION_NAMES: tuple[str, ...] = (
    "News", "World", "World News", "Politics", "Business", "Economy", "Markets", "Money",
    "Finance", "Tech", "Technology", "Science", "Health", "Sport", "Sports", "Opinion",
    "Comment", "Analysis", "Culture", "Entertainment", "Lifestyle", "Travel", "Europe",
    "Asia", "Africa", "Americas", "Middle East", "US", "UK", "US News", "UK News",
    "International", "National", "Local", "Breaking", "Breaking News", "Latest", "Live",
    "Features", "Video", "Videos", "Photos", "Environment", "Climate", "Defence", "Defense",
    "Military", "Conflict", "War", "Home", "Nation", "Weather", "Education", "Regional",
    "Region", "Regions", "Local News", "City", "Community", "Crime", "Society", "Security",
    "Diplomacy", "Investigations", "Fact Check", "Explainer", "Elections",
)  # fmt: skip

#: Nouns that end an outlet's name ("The <Something> Times").
OUTLET_NOUNS: tuple[str, ...] = (
    "Times", "Post", "News", "Herald", "Tribune", "Journal", "Guardian", "Telegraph",
    "Express", "Mail", "Mirror", "Independent", "Gazette", "Chronicle", "Observer", "Star",
    "Sun", "Standard", "Review", "Monitor", "Record", "Courier", "Reporter", "Insider",
    "Today", "Wire", "Press", "Dispatch", "Inquirer", "Bulletin", "Examiner", "Register",
    "Globe", "Sentinel", "Leader", "Economist", "Daily", "Weekly", "Online", "Media",
    "Network", "Report", "Voice", "Pravda", "Izvestia", "Zeitung", "Agency", "Lantern",
    "Beacon", "Clarion", "Courant", "Mercury", "Advocate", "Argus", "Ledger", "Enquirer",
    "Messenger", "Banner", "Echo", "Eagle", "Pilot", "Planet", "Signal", "Caller", "Citizen",
    "Tidings", "Digest", "Magazine", "Radio", "TV", "Television", "Broadcasting",
)  # fmt: skip

#: Words that *begin* an outlet's name, in English and other languages
#: ("Kurier Lubelski", "Gazeta Wyborcza", "Radio Svoboda", "Le Monde").
OUTLET_LEAD_WORDS: tuple[str, ...] = (
    "Kurjer", "Kurier", "Kuryer", "Gazeta", "Gazzetta", "Dziennik", "Corriere", "Diario",
    "Radio", "Agence", "Agencia", "Jornal", "Journal", "Novaya", "Nasha", "Nasha Niva",
    "Rzeczpospolita", "Le", "La", "Les", "El", "Il", "Die", "Der", "Het", "De",
    "Daily", "Weekly", "Sunday", "Evening", "Morning",
)  # fmt: skip

#: Photo and news agencies that appear as a credit in parentheses.
AGENCIES: tuple[str, ...] = (
    "Getty Images", "Getty", "Reuters", "AP", "AP Photo", "Associated Press", "AFP",
    "AFP via Getty Images", "EPA", "EPA-EFE", "Shutterstock", "PA", "PA Images", "PA Wire",
    "Alamy", "Anadolu Agency", "TASS", "Sputnik", "Bloomberg", "Xinhua", "Imago",
    "dpa", "ANSA", "Belta", "Ukrinform", "UNIAN", "Handout", "Supplied", "File",
)  # fmt: skip

#: Words that end a short caption line ("Troops near the border map").
CAPTION_NOUNS: tuple[str, ...] = (
    "map", "maps", "photo", "photos", "file photo", "graphic", "graphics", "infographic",
    "chart", "pictured", "image", "images", "gallery", "video", "footage", "screenshot",
)  # fmt: skip

#: ALL-CAPS prefixes of a promoted-link line ("JUST IN: ...").
LINK_PREFIXES: tuple[str, ...] = (
    "JUST IN", "DON'T MISS", "DON’T MISS", "DONT MISS", "READ MORE", "READ ALSO",
    "READ NEXT", "RELATED", "SEE ALSO", "MORE", "LATEST", "WATCH", "LISTEN", "TRENDING",
    "PICTURED", "REVEALED", "LIVE", "MUST READ", "MOST READ", "IN PICTURES", "IN FULL",
    "FULL STORY", "SIGN UP", "POLL", "VIDEO", "QUIZ", "ALSO READ", "RECOMMENDED",
)  # fmt: skip

#: Navigation and page-furniture lines that stand alone.
NAV_LABELS: tuple[str, ...] = (
    "Related Topics", "Related topics", "Related", "Related Articles", "Related Stories",
    "Related Content", "More on this story", "More stories", "More from", "Advertisement",
    "Advert", "Sponsored", "Sponsored Content", "Paid content", "Share this article",
    "Share this story", "Share this page", "Share", "Share on Facebook", "Share on Twitter",
    "Print this article", "Print", "Comments", "Comment", "Back to top", "Most read",
    "Most popular", "Top stories", "You may also like", "Recommended", "Recommended for you",
    "Follow us", "Tags", "Topics", "Listen to this article", "Copy link", "Email",
    "Scroll down for video", "Show comments", "Hide caption", "Toggle caption",
    "Close", "Menu", "Search", "Subscribe", "Sign in", "Log in", "Newsletter",
    "Continue reading", "Read full article", "Read the full article",
)  # fmt: skip

#: Verbs that introduce a quotation ("He said: ..."), never a link label.
SPEECH_VERBS: tuple[str, ...] = (
    "said", "says", "say", "added", "adding", "told", "tells", "stated", "states",
    "explained", "wrote", "writes", "tweeted", "posted", "asked", "warned", "insisted",
    "declared", "announced", "claimed", "replied", "continued", "noted", "argued",
)  # fmt: skip

#: Relative-age phrases ("3 hours ago", Indonesian "3 bulan yang lalu").
TIME_UNITS = (
    r"seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?"
    r"|detik|menit|jam|hari|minggu|bulan|tahun"
)
AGO = r"ago|yang\s+lalu|lalu"

# shared fragments
_NO_TERMINAL = r"(?<![.!?…:;,])(?<![.!?…][\"”’')\]])$"  # line does not end a sentence
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

MASTHEAD_PATTERN = (
    r"^(?:The\s+(?:[A-Z][\w&'’.-]*\s+){0,3}|(?:[A-Z][\w&'’.-]*\s+){1,3})"
    r"(?:" + _alt(OUTLET_NOUNS) + r")(?:\.\w{2,3})?$"
    r"|^(?:The\s+)?(?:" + _alt(OUTLET_LEAD_WORDS) + r")(?:\s+[A-Z][\w&'’.-]*){1,2}$"
)

# --------------------------------------------------------------- the rules

RULES: tuple[Rule, ...] = (
    # -- consent and sign-up blurbs
    Rule(
        "signup-consent",
        "consent",
        r"\bwe use your (?:sign-?\s?up|e-?mail(?: address)?|details|data) to\b"
        r"|\byou can unsubscribe at any time\b|\bby (?:signing up|subscribing|registering)"
        r"(?: to [\w ]{1,40})?,? you (?:agree|consent)\b",
        note="newsletter sign-up consent boilerplate",
        max_words=90,
    ),
    Rule(
        "newsletter-prompt",
        "consent",
        r"^(?:sign up|subscribe|register)(?: now| today| free)? (?:to|for) (?:our|the|my)\b"
        r".{0,60}\bnewsletters?\b",
        note="invitation to a newsletter",
        max_words=30,
    ),
    Rule(
        "cookie-consent",
        "consent",
        r"\b(?:we|this (?:site|website)) uses? cookies\b|\baccept (?:all )?cookies\b"
        r"|\bcookie (?:policy|settings|preferences)\b",
        note="cookie banner",
        max_words=80,
    ),
    # -- promoted links
    Rule(
        "link-prefix",
        "link",
        r"^[\W_]*(?:" + _alt(LINK_PREFIXES) + r")\s*[:|]\s*\S",
        flags=0,
        note="ALL-CAPS promoted link: 'JUST IN: ...', 'READ MORE: ...'",
        max_words=35,
    ),
    Rule(
        "link-prefix-mixed",
        "link",
        r"^(?:read (?:more|also|next)|see also|also read|related(?: (?:story|article|"
        r"coverage|reading))?|more on this(?: story)?|recommended(?: reading)?)\s*:\s*\S",
        note="mixed-case promoted link: 'Read more: ...'",
        max_words=35,
    ),
    Rule(
        "link-tag-suffix",
        "link",
        r"\S.*\[[A-Z][A-Z /&-]{2,24}\]$",
        flags=0,
        note="headline link ending in an ALL-CAPS tag: '... [ANALYSIS]'",
        max_words=35,
    ),
    Rule(
        "link-block-continuation",
        "link",
        r"^\S.{4,}" + _NO_TERMINAL,
        note="a headline line directly under a promoted link (same block)",
        max_words=25,
        after="link",
    ),
    # -- navigation and page furniture
    Rule(
        "skip-link",
        "navigation",
        r"^(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation|article|search)$"
        r"|^skip navigation$",
        note="accessibility skip link",
    ),
    Rule(
        "nav-label",
        "navigation",
        r"^(?:" + _alt(NAV_LABELS) + r")\s*:?$",
        note="stand-alone page furniture: 'Advertisement', 'Related Topics'",
    ),
    Rule(
        "section-label",
        "navigation",
        r"^(?:" + _alt(SECTION_NAMES) + r")(?:\s*[|>/›»•·]\s*(?:" + _alt(SECTION_NAMES) + r"))*$",
        note="site section label above the headline",
        scope="head",
    ),
    # -- photo credits and captions
    Rule(
        "photo-credit",
        "photo",
        r"(?:^|[,;|/(–—-]\s*|\s)(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|"
        r"photo credit|video|footage)\s*(?:by|:)\s*[A-Z][^.!?:]{0,50}\)?$",
        note="credit at the end of a caption: '..., Photo: Agency'",
        max_words=45,
    ),
    Rule(
        "agency-credit",
        "photo",
        r"\((?:(?:photo|image|picture|credit)s?\s*:?\s*)?(?:by\s+)?(?:"
        + _alt(AGENCIES)
        + r")(?:\s*(?:/|via)\s*[^()]{1,40})?\)$",
        note="caption ending in a parenthesised agency credit: '(Getty Images)'",
        max_words=45,
    ),
    Rule(
        "caption-label",
        "photo",
        r"^(?:photo|image|picture|pictured|file photo|graphic|gallery|video|watch)\s*:\s*\S",
        note="caption line introduced by 'Image:' and the like",
        max_words=40,
    ),
    Rule(
        "caption-short",
        "photo",
        r"^[^.!?:]{2,80}\b(?:" + _alt(CAPTION_NOUNS) + r")$",
        note="short caption line naming a map, photo or graphic",
        max_words=8,
    ),
    # -- embedded social-media residue
    Rule(
        "tweet-pic-link",
        "embed",
        r"\bpic\.twitter\.com/\w+$",
        note="embedded tweet text ending in its picture link",
    ),
    Rule(
        "tweet-signature",
        "embed",
        r"^[—–-]+\s*.{1,80}\(@\w{1,30}\)\s+" + _MONTH + r"\.?\s+\d{1,2},\s*\d{4}$",
        note="embedded tweet signature: '— Name (@handle) Month D, YYYY'",
    ),
    Rule(
        "embed-signature",
        "embed",
        r"^a (?:post|video|photo) shared by .{1,80}\(@[\w.]{1,30}\)"
        r"|^view (?:this post|more) on (?:instagram|twitter|facebook|tiktok|x)$",
        note="embedded Instagram/Facebook post residue",
    ),
    # -- source and error-report footers
    Rule(
        "source-read-full",
        "source",
        r"^source\s*:?\s*(?:read (?:the )?full (?:article|story)|news|link|here|"
        r"original(?: article)?)\s*\.?$",
        note="aggregator footer: 'Source: Read Full Article'",
    ),
    Rule(
        "source-line",
        "source",
        r"^[Ss]ource\s*:\s*[A-Z][\w&.'’ -]{1,40}$",
        flags=0,
        note="'Source: Outlet' credit line",
        max_words=6,
    ),
    Rule(
        "error-report",
        "error-report",
        r"^(?:if you (?:have )?(?:found|find|spot(?:ted)?|notice[d]?|see|saw) "
        r"(?:an? |any )?(?:error|mistake|typo|inaccurac(?:y|ies))s?\b"
        r"|(?:found|spotted|see) (?:an? )?(?:error|mistake|typo)\?? (?:let us know|tell us|"
        r"report it|contact us))",
        note="invitation to report an error",
        max_words=40,
    ),
    Rule(
        "error-prompt",
        "error-report",
        r"^(?:were we wrong|did we get (?:it|this|something) wrong|anything wrong)\s*\??$",
        note="question that introduces an error-report footer",
        before="error-report",
    ),
    # -- aggregator headers
    Rule(
        "trending-header",
        "aggregator",
        r"\btrending\b.*\b\d+\b" + _NO_TERMINAL,
        note="aggregator badge: 'Trending 3 hours ago 12'",
        scope="head",
        max_words=10,
    ),
    Rule(
        "relative-age",
        "aggregator",
        r"^(?:posted |updated )?(?:\d+|an?|one)\s+(?:" + TIME_UNITS + r")\s+(?:" + AGO + r")$",
        note="stand-alone relative age: '5 hours ago'",
    ),
    # -- inline related-article links
    Rule(
        "related-inline",
        "link",
        r"^(?!.*\b(?:" + _alt(SPEECH_VERBS) + r")\b[^:]*:)"
        r"[A-Z][\w'’-]*(?: [\w'’-]+){0,3}: [A-Z][^:“”\"]{8,140}" + _NO_TERMINAL,
        flags=0,
        note="short 'Topic: Headline' link line inside the text (never the headline)",
        scope="body",
        max_words=16,
    ),
    # -- masthead (metadata line)
    Rule(
        "masthead",
        "masthead",
        MASTHEAD_PATTERN,
        flags=0,
        note="outlet name printed above the article",
        scope="head",
        max_words=6,
    ),
)

RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}

#: A byline ("By Jane Roe and John Doe"): an outlet-name line right after it is the
#: author's agency credit ("By JANE ROE / Associated Press"), not the site's masthead.
BYLINE_PATTERN = r"\b[Bb][Yy][ \t]+[A-Z][\w.'’-]+(?:[ \t]+(?:[A-Z][\w.'’-]+|and|&))*[ \t]*,?[ \t]*$"
BYLINE_MAX_WORDS = 14

#: Byline placeholders: a credit that names neither a person nor an outlet ("By Staff
#: Reporter", "Our Correspondent", "News Desk"). Compared lower-case after "By", "The",
#: "Our" and punctuation are stripped. Never an outlet name, even where "Reporter" or
#: "News" looks like the end of one ("The Portvale Reporter" still is one).
BYLINE_PLACEHOLDERS: frozenset[str] = frozenset(
    {"staff", "staff reporter", "staff reporters", "staff writer", "staff writers",
     "staff correspondent", "special correspondent", "correspondent", "reporter",
     "a correspondent", "a staff reporter", "news desk", "newsdesk", "web desk", "online desk",
     "digital desk", "city desk", "foreign desk", "news service desk", "desk", "newsroom",
     "news room", "editorial", "editorial board", "editorial staff", "editorial team",
     "editorial desk", "editor", "editors", "the editors", "admin", "administrator",
     "agencies", "agency", "wires", "wire reports", "wire services", "bureau",
     "news bureau", "news team", "team", "web team", "guest author", "guest writer",
     "guest contributor", "contributor", "contributors", "contributing writer",
     "sponsored content", "press release", "news agencies", "reporters",
     "staff and agencies", "reporter and agencies", "staff and wire reports"}
)  # fmt: skip


# ------------------------------------------------------- date pattern pieces
# Shared by the dateline rules (``clean/dates.py``) and the text-date rules
# (``clean/textdates.py``): one spelling of each, so they cannot drift apart.

#: An English month name or its abbreviation, with an optional dot.
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: A weekday name or abbreviation and what follows it before a date ("Sat., ").
WEEKDAY_PATTERN = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)"
#: Time-zone abbreviations news datelines use.
ZONE_PATTERN = r"(?:UTC|GMT|BST|CET|CEST|EET|EEST|MSK|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT)"
