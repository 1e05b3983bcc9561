"""Text from untrusted input made safe to print on a terminal, as one line.

File names, JSON keys, titles and error reasons come from whoever wrote the
input. Printed raw, an ESC sequence recolours or retitles the terminal, a
newline splits one error into two lines, a bidi control reorders what the
reader sees, and a lone surrogate makes the print itself raise. ``escape``
shows every such character as a visible escape (``\\x1b``, ``\\n``,
``\\u202e``) so one bad input is always one unambiguous line; the CLI prints
the result with Rich markup, emoji codes and highlighting off, so ``[/x]`` or
``[bold]`` in a name is shown as written.
"""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

#: Unicode categories shown escaped: controls (C0, DEL, C1), format
#: characters (bidi embeddings, overrides and isolates, zero-width marks),
#: lone surrogates, private use, line and paragraph separators.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@lru_cache(maxsize=4096)
def _unsafe(ch: str) -> bool:
    return ch == "\\" or unicodedata.category(ch) in UNSAFE_CATEGORIES


def _escape_char(ch: str) -> str:
    """``\\n`` / ``\\x1b`` for ASCII, ``\\u0085`` / ``\\U000e0001`` beyond it, so a
    C1 control never reads like an undecodable file-name byte (``\\xe9``)."""
    code = ord(ch)
    if ch == "\\":
        return "\\\\"
    if ch in _SHORT:
        return _SHORT[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x80:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def escape(value: object) -> str:
    """``value`` as text with every control, format, surrogate and separator
    character shown as a backslash escape, and a backslash doubled (so an
    escape can only come from here): one unambiguous line that cannot change
    the terminal. Ordinary text (accents, CJK, emoji) and Rich markup are
    left as they are: print the result with markup off."""
    text = value if isinstance(value, str) else str(value)
    if text.isprintable() and text.isascii() and "\\" not in text:
        return text  # the common case, fast
    return "".join(_escape_char(c) if _unsafe(c) else c for c in text)


def error_line(source: str, reason: str) -> str:
    """One error as the CLI prints it, ``SOURCE: REASON``, both parts escaped."""
    return f"{escape(source)}: {escape(reason)}"


# In json.dumps(..., ensure_ascii=False) output, anything outside strings is
# ASCII, so any of these characters is inside a string and \\uXXXX is the same
# JSON value.
_JSON_UNSAFE = re.compile(
    r"[\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]"
)


def json_text(data: Any) -> str:
    """``data`` as indented JSON that is safe to write to a terminal or pipe:
    non-ASCII text stays readable, but C1 controls, bidi and zero-width
    characters, line separators and lone surrogates (which would make the
    write raise) are written as ``\\uXXXX`` escapes: the same JSON value."""
    raw = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


def write_stdout(text: str) -> None:
    """Write to stdout, never failing on a character the stream's encoding
    cannot hold (a ``C``/ASCII locale): such characters are backslash-escaped."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.write(text.encode("ascii", "backslashreplace").decode("ascii"))


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``1,204 analyses`` (``many`` for an
    irregular plural)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def highlighted(text: str, spans: Sequence[Sequence[int]], style: str = "bold") -> Any:
    """A Rich ``Text`` of ``text`` with ``spans`` styled, each piece escaped on
    its own (an escape lengthens the text, so escaping first would move the
    spans). Styles are applied as ``Text`` styles, never parsed from markup, so
    ``[bold]`` in an article is shown as written."""
    from rich.text import Text

    out = Text()
    pos = 0
    for start, end in sorted((s[0], s[1]) for s in spans):
        if start < pos or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(escape(text[start:end]), style=style)
        pos = end
    out.append(escape(text[pos:]))
    return out


def render_hits(hits: Sequence[dict[str, Any]], color: bool) -> str:
    """Search hits as the terminal shows them: title; outlet, date and file;
    the snippet with its matches in bold (ANSI only when ``color``)."""
    from rich.console import Console
    from rich.text import Text

    buf = io.StringIO()
    con = Console(
        file=buf,
        force_terminal=color,
        color_system="standard" if color else None,
        soft_wrap=True,
        highlight=False,
        markup=False,
        emoji=False,
    )
    for i, h in enumerate(hits, 1):
        con.print(Text(f"{i}. ").append(escape(h.get("title") or "(no title)"), style="bold"))
        where = [h.get("outlet") or "outlet unknown", h.get("published") or "date unknown"]
        where.append(h.get("file") or h["id"])
        con.print(Text("   " + escape(" · ".join(where))))
        line = Text("   ")
        if h.get("matched") == "repaired":
            line.append("(repaired reading) ", style="italic")
        line.append_text(highlighted(h.get("snippet") or "", h.get("highlights") or []))
        con.print(line)
    return buf.getvalue()


def status_lines(info: dict[str, Any]) -> list[str]:
    """``status`` in words: what the workspace holds and what an ingest would redo."""
    lines = [
        f"Workspace {info['workspace']} (schema version {info['schema_version']})",
        f"{plural(info['documents'], 'document')} from {plural(info['sources'], 'source')}, "
        f"{info['current']:,} analysed with the current pipeline "
        f"(version {info['pipeline_version']})",
    ]
    older = [
        v for v in info["pipeline_versions"] if v["pipeline_version"] != info["pipeline_version"]
    ]
    if older:
        listed = ", ".join(f"{v['pipeline_version']}: {v['analyses']:,}" for v in older)
        lines.append(
            f"{plural(sum(v['analyses'] for v in older), 'analysis', 'analyses')} "
            f"from older pipelines ({listed})"
        )
    if info["stale"]:
        lines.append(
            f"{plural(info['stale'], 'document')} not analysed with the current pipeline "
            "yet: run storyline ingest on the same inputs to update"
        )
    else:
        lines.append("everything is up to date")
    return lines


class ProgressBars:
    """Rich progress bars for the read and analyse stages on ``console`` (silent
    when not ``enabled``: the CLI's ``--json``). Called as a ``Progress``."""

    def __init__(self, console: Any, enabled: bool) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.progress.add_task(stage, total=total)
        self.progress.update(self.tasks[stage], completed=done, total=total)

    def __enter__(self) -> ProgressBars:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.__exit__(None, None, None)
