"""Fetching URLs the user names explicitly (``--fetch``).

This is the only place Storyline touches the network, and only for URLs
given on purpose; links inside documents are never followed. What a server
sends is not trusted any more than a file is:

- the body is bounded by ``settings.max_bytes`` while it streams;
- the whole fetch (connect, redirects, headers, body) must finish within
  ``settings.fetch_deadline`` seconds: a watchdog shuts the socket when the
  time is up, so a server dripping a byte every few seconds cannot hold a run;
- a response whose Content-Type is not text (PDF, images, octet-stream, ...)
  is refused with its type named, before its body is read;
- redirects are followed by hand, and one that leaves the typed URL's
  origin for a loopback, private, link-local or reserved address is refused
  unless ``settings.fetch_private_redirects`` allows it: a public page must
  not make Storyline read the local machine or an intranet. The URL the user
  typed may point anywhere (it is their choice).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..model import RawDocument, ReadError
from ..settings import Settings
from . import formats, reasons

TIMEOUT = 20.0  # seconds per network operation; the overall bound is settings.fetch_deadline
MAX_REDIRECTS = 20
USER_AGENT = "storyline/0.1 (fetching a URL its user named)"
# Content types read although formats.CONTENT_TYPES does not map them: any
# text/*, structured-syntax suffixes, and web archives (read by their magic bytes).
TEXT_SUFFIXES = ("+xml", "+json")
ARCHIVE_TYPES = frozenset({"application/warc", "application/x-warc"})

Reader = Callable[..., Iterator[RawDocument | ReadError]]


def make_client() -> httpx.Client:
    """The HTTP client used for fetching; tests replace it with a MockTransport one.

    Redirects are not followed by the client: ``fetch_url`` follows them
    itself so every hop can be checked.
    """
    return httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers={"User-Agent": USER_AGENT})


def fetch_url(url: str, settings: Settings, read: Reader) -> Iterator[RawDocument | ReadError]:
    """Fetch ``url`` and hand the body to ``read(source, data, format, url=, charset=)``."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- validates the port ("Port out of range")
    except ValueError as exc:
        yield ReadError(url, reasons.FETCH_MALFORMED_URL.format(error=exc))
        return
    if parts.scheme not in ("http", "https"):
        yield ReadError(url, reasons.FETCH_BAD_URL)
        return
    deadline = _Deadline(settings.fetch_deadline)
    try:
        with deadline, make_client() as client:
            got = _get(client, url, settings, deadline)
    except _Refused as exc:
        yield ReadError(url, str(exc))
        return
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        if deadline.expired:
            yield ReadError(url, deadline.reason())
        else:
            error = str(exc) or type(exc).__name__
            yield ReadError(url, reasons.FETCH_NETWORK.format(error=error))
        return
    data, final_url, content_type = got
    fmt = (
        formats.by_content_type(content_type)
        or formats.by_extension(urlsplit(final_url).path)
        or formats.sniff(data)
    )
    yield from read(
        url,
        data,
        fmt,
        url=final_url,
        charset=formats.charset_of(content_type),
        max_bytes=settings.max_bytes,
        max_collection_bytes=settings.max_collection_bytes,
    )


class _Refused(Exception):
    """A reason to give up on this URL, worded for the user."""


def _get(
    client: httpx.Client, url: str, settings: Settings, deadline: _Deadline
) -> tuple[bytes, str, str | None]:
    """(body, final URL, Content-Type) of ``url``, redirects followed and checked."""
    per_operation = httpx.Timeout(min(TIMEOUT, settings.fetch_deadline))
    request = client.build_request(
        "GET", url, timeout=per_operation, extensions={"trace": deadline.trace}
    )
    origin = _origin(request.url)
    for _ in range(MAX_REDIRECTS + 1):
        if _origin(request.url) != origin and not settings.fetch_private_redirects:
            _check_redirect(request.url)
        deadline.check()
        response = client.send(request, stream=True)
        try:
            if response.next_request is not None:
                request = response.next_request
                continue
            if not response.is_success:
                raise _Refused(
                    reasons.FETCH_STATUS.format(
                        status=response.status_code, phrase=response.reason_phrase
                    )
                )
            content_type = response.headers.get("Content-Type")
            refused = _not_text(content_type)
            if refused:
                raise _Refused(refused)
            data = _read_bounded(response, settings.max_bytes, deadline)
            return data, str(response.url), content_type
        finally:
            response.close()
    raise _Refused(reasons.FETCH_TOO_MANY_REDIRECTS.format(limit=MAX_REDIRECTS))


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port


def _not_text(content_type: str | None) -> str | None:
    """Why a response of this Content-Type is not read (None: read it).

    No Content-Type at all is read: the content is sniffed like a file's.
    """
    if not content_type:
        return None
    media = content_type.split(";")[0].strip().lower()
    if (
        formats.by_content_type(media)
        or media.startswith("text/")
        or media.endswith(TEXT_SUFFIXES)
        or media in ARCHIVE_TYPES
    ):
        return None
    return reasons.FETCH_NOT_TEXT.format(type=media or content_type.strip())


def _check_redirect(url: httpx.URL) -> None:
    """Refuse a redirect target that is, or resolves to, a non-public address.

    A name that does not resolve here is left to the request (a proxy may
    resolve it); the check is on the addresses this machine would use.
    """
    host = url.host
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, url.port or 0, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            return
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        kind = _non_public(address)
        if kind:
            raise _Refused(
                reasons.FETCH_PRIVATE_REDIRECT.format(url=str(url), kind=kind, ip=address)
            )


def _non_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """The kind of a non-public address ("loopback", "private", ...), None for a public one."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for kind in ("loopback", "link_local", "unspecified", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "non-public"


class _Deadline:
    """The overall time limit of one fetch, enforced by shutting its sockets.

    Per-operation timeouts cannot bound a server that sends one byte just
    before each timeout; a timer thread can. Sockets are learned from
    httpcore's ``trace`` extension as connections open.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._start = 0.0
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._start = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        self._timer.join()

    def trace(self, name: str, info: dict[str, Any]) -> None:
        if name != "connection.connect_tcp.complete":
            return
        sock = info["return_value"].get_extra_info("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def check(self) -> None:
        """Raise once the time is up (between reads, for transports without sockets)."""
        if self.expired or time.monotonic() - self._start > self.seconds:
            self.expired = True
            raise _Refused(self.reason())

    def reason(self) -> str:
        return reasons.FETCH_DEADLINE.format(seconds=self.seconds)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Wake any thread blocked reading ``sock``: it sees end of stream."""
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def _read_bounded(response: httpx.Response, limit: int, deadline: _Deadline) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _Refused(_too_big(int(declared), limit))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        deadline.check()
        size += len(chunk)
        if size > limit:
            raise _Refused(_too_big(size, limit, more=True))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(size: int, limit: int, more: bool = False) -> str:
    human = reasons.human_size(size)
    return reasons.TOO_BIG.format(
        size=f"over {human}" if more else human, limit=reasons.human_size(limit)
    )
