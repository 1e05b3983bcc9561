"""Fetching URLs the user names explicitly (``--fetch``).

This is the only place Storyline touches the network, and only for URLs
given on purpose; links inside documents are never followed. Responses
are bounded by ``settings.max_bytes`` like files are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons

TIMEOUT = 20.0  # seconds; news sites are slow, but a hung fetch must not stall a run
USER_AGENT = "storyline/0.1 (fetching a URL its user named)"

Reader = Callable[..., Iterator[RawDocument | ReadError]]


def make_client() -> httpx.Client:
    """The HTTP client used for fetching; tests replace it with a MockTransport one."""
    return httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": USER_AGENT})


def fetch_url(url: str, settings: Settings, read: Reader) -> Iterator[RawDocument | ReadError]:
    """Fetch ``url`` and hand the body to ``read(source, data, format, url=, charset=)``."""
    if urlsplit(url).scheme not in ("http", "https"):
        yield ReadError(url, reasons.FETCH_BAD_URL)
        return
    try:
        with make_client() as client, client.stream("GET", url) as response:
            if not response.is_success:
                yield ReadError(
                    url,
                    reasons.FETCH_STATUS.format(
                        status=response.status_code, phrase=response.reason_phrase
                    ),
                )
                return
            data = _read_bounded(response, settings.max_bytes)
            final_url = str(response.url)
            content_type = response.headers.get("Content-Type")
    except _TooBig as exc:
        yield ReadError(url, str(exc))
        return
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        yield ReadError(url, reasons.FETCH_NETWORK.format(error=str(exc) or type(exc).__name__))
        return
    fmt = (
        formats.by_content_type(content_type)
        or formats.by_extension(urlsplit(final_url).path)
        or formats.sniff(data)
    )
    yield from read(url, data, fmt, url=final_url, charset=formats.charset_of(content_type))


class _TooBig(Exception):
    pass


def _read_bounded(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooBig(_too_big(int(declared), limit))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _TooBig(_too_big(size, limit, more=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(size: int, limit: int, more: bool = False) -> str:
    human = reasons.human_size(size)
    return reasons.TOO_BIG.format(
        size=f"over {human}" if more else human, limit=reasons.human_size(limit)
    )
