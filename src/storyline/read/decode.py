"""Bytes to text without guessing wildly.

Offsets downstream index into the decoded text, so decoding must be exact
and reproducible: a BOM decides, then strict UTF-8, then (only when
charset-normalizer is confident) a legacy 8-bit encoding. Anything else is
refused rather than turned into mojibake that would silently poison entity
names and quotes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from . import reasons

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# When charset-normalizer finds several equally good legacy encodings (it
# often cannot tell cp1250 from cp1252 on a short French text), prefer the
# ones news text is most often in.
PREFERRED_LEGACY: tuple[str, ...] = ("cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r")

#: Python text codecs that are not character sets (``codecs.lookup`` names).
NOT_CHARSETS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "utf-7"}
)

MAX_CHAOS = 0.1  # charset-normalizer "mess" ratio; above this the text is garbled
MIN_COHERENCE = 0.2  # language-model fit; garbage bytes score 0.0

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)


class DecodeError(ValueError):
    """Bytes that cannot be turned into text with confidence; ``str()`` is the user reason."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def bom_encoding(data: bytes) -> str | None:
    """The codec a leading byte-order mark announces, if any."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def has_nul(data: bytes) -> bool:
    """NUL bytes without a UTF-16/32 BOM mean a binary file (or headless UTF-16)."""
    return b"\x00" in data and bom_encoding(data) in (None, "utf-8-sig")


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is a charset the container states (HTML meta, HTTP).

    The BOM wins over a declaration (browsers agree), a declaration wins
    over sniffing. A leading BOM is removed; nothing else is changed.
    """
    if encoding := bom_encoding(data):
        try:
            return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
        except UnicodeDecodeError as exc:
            raise DecodeError(
                reasons.BOM_MISMATCH.format(encoding=encoding.replace("-sig", ""), offset=exc.start)
            ) from None
    if declared:
        codec = _codec(declared)
        if codec:
            try:
                return Decoded(data.decode(codec), codec)
            except (UnicodeError, LookupError):
                pass  # the declaration lies; fall back to sniffing
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc
    guess = _confident_guess(data)
    if guess is None:
        raise DecodeError(_undecodable(first_error))
    return guess


def html_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag in its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(name: str) -> str | None:
    """Python's codec for a declared charset name, or None if unknown.

    ``latin-1`` / ``iso-8859-1`` declarations mean windows-1252 in practice
    (the WHATWG encoding standard says so too).
    """
    try:
        info = codecs.lookup(name.strip().lower())
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        return None
    codec = info.name
    # Python also has codecs that are no character set a page can be in
    # ("hex", "base64", "undefined", "punycode"): a page declaring one is
    # read as if it declared nothing.
    if not getattr(info, "_is_text_encoding", True) or codec in NOT_CHARSETS:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _confident_guess(data: bytes) -> Decoded | None:
    matches = [
        m for m in charset_normalizer.from_bytes(data) if m.chaos <= MAX_CHAOS and m.encoding
    ]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    if best.coherence < MIN_COHERENCE:
        return None
    tied = [
        m for m in matches if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 0.02
    ]
    for preferred in PREFERRED_LEGACY:
        for m in tied:
            if preferred == m.encoding or preferred in m.could_be_from_charset:
                try:
                    return Decoded(data.decode(preferred), preferred)
                except UnicodeDecodeError:
                    continue
    try:
        return Decoded(data.decode(best.encoding), best.encoding)
    except UnicodeDecodeError:
        return None


def _undecodable(exc: UnicodeDecodeError) -> str:
    bad = exc.object[exc.start : exc.start + 1].hex()
    return reasons.UNDECODABLE.format(byte=f"0x{bad}", offset=exc.start)


def decode_document(data: bytes, declared: str | None = None) -> str:
    """Decode a whole document, refusing one that is blank: every reader starts here.

    Raises ``DecodeError`` with the user-facing reason.
    """
    text = decode(data, declared).text
    if not text.strip():
        raise DecodeError(reasons.BLANK)
    return text
