"""Control characters made visible in the rendered pages (never in ``dossier.json``).

Article text is stored exactly as read (offsets index into it), so a NUL, an
ESC or a right-to-left override (U+202E) in a title, a name or a quote is in
the dossier too. Written raw into a page they do harm: NUL and other C0
controls are invalid in HTML and garble Markdown viewers, and the bidi
embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) can
flip how the rest of a line displays, so a page could show a quote or a name
other than the one in the text. ``visible_controls`` runs over each finished
page: C0 controls (but tab, newline, carriage return) and DEL become their
Unicode "control pictures" (U+2400-U+2421, e.g. ``␀``), and each bidi
control becomes a visible ``‹U+202E›``, so none can take effect, balanced or
lone. Left alone: the bidi *marks* (LRM, RLM, ALM), which only act as one
strong letter and which right-to-left text needs. A page built from text
without these characters is unchanged byte for byte.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\u2039U+{code:04X}\u203a"


def visible_controls(page: str) -> str:
    """``page`` with C0 controls, DEL and bidi controls shown instead of acting."""
    return _CONTROLS.sub(_visible, page)
