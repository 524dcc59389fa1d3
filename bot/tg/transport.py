"""AiohttpRequest: python-telegram-bot's HTTP transport on aiohttp, errors free of the token.

Why not PTB's HTTPXRequest: under load httpx/httpcore spent more CPU per request than the
whole core, its connection-pool bookkeeping growing with the requests in flight
(benchmarks/throughput.py); aiohttp's pool and C HTTP parser cost a fraction of that.

The Bot API URL holds the bot token, and aiohttp puts the URL into some of its exception
texts ("Connection timeout to host <url>", "Can not write request body for <url>"). So errors
are described from their type and the OS error code only, and raised with no aiohttp
exception chained (not even as __context__): neither the message nor a traceback shows the URL.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote, urlsplit

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """Sends Bot API requests through one aiohttp session with a bounded connection pool.

    Timeouts (seconds, None for none) mean what they mean for HTTPXRequest: `connect_timeout`
    to open a connection, `pool_timeout` to wait for a free one when all `connection_pool_size`
    are busy, `read_timeout` between two reads of the answer, `write_timeout` (or
    `media_write_timeout` when files are uploaded) to send the request. aiohttp has no write
    timeout of its own, so the request as a whole is also bounded by the sum of the four.
    Proxies from the environment are not used (httpx would; the bot never configures one).
    """

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool_size",
        "_pool_timeout",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The read timeout used when a request does not pass its own."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Open the session and its connection pool (aiohttp needs the running loop)."""
        if self._session is not None and not self._session.closed:
            return
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0),
            headers={"User-Agent": self.USER_AGENT},
            cookie_jar=aiohttp.DummyCookieJar(),  # the Bot API sets no cookies
        )

    async def shutdown(self) -> None:
        """Close every connection; `initialize` opens a new session."""
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; the HTTP status and the body of the answer."""
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        body: Any = None
        headers: dict[str, str] | None = None
        files = request_data.multipart_data if request_data is not None else None
        if files:
            assert request_data is not None
            body = _multipart(request_data.json_parameters, files)
        elif request_data is not None:
            # A JSON body (the Bot API takes one for everything but uploads): the C encoder,
            # where a form body quotes every character in Python.
            body, headers = json.dumps(request_data.parameters).encode(), _JSON
        if isinstance(write_timeout, DefaultValue):
            write_timeout = self._media_write_timeout if files else self._write_timeout
        timeout = _client_timeout(
            self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout,
            write_timeout,
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout,
            self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout,
        )
        failure: NetworkError
        try:
            async with session.request(
                method,
                url,
                data=body,
                headers=headers,
                timeout=timeout,
                allow_redirects=False,  # as httpx: the Bot API does not redirect
            ) as response:
                return response.status, await response.read()
        except (TimeoutError, aiohttp.ServerTimeoutError) as error:
            failure = TimedOut(_scrub(_timeout_text(error), url))
        except (aiohttp.ClientError, OSError) as error:
            failure = NetworkError(_scrub(_error_text(error), url))
        # Raised outside the except clause: not even __context__ keeps aiohttp's error.
        raise failure


def _client_timeout(
    read: float | None, write: float | None, connect: float | None, pool: float | None
) -> aiohttp.ClientTimeout:
    """aiohttp's timeouts for PTB's four: its `connect` covers waiting for the pool too."""
    to_connect = None if connect is None or pool is None else connect + pool
    total = None
    if to_connect is not None and write is not None and read is not None:
        total = to_connect + write + read
    return aiohttp.ClientTimeout(
        total=total, connect=to_connect, sock_connect=connect, sock_read=read
    )


def _multipart(parameters: dict[str, str], files: dict[str, Any]) -> aiohttp.FormData:
    """The parameters and the files to upload as one multipart/form-data body."""
    form = aiohttp.FormData()
    for name, value in parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form


def _timeout_text(error: BaseException) -> str:
    if isinstance(error, aiohttp.ConnectionTimeoutError):
        return "Timed out connecting to the Bot API (or waiting for a free pooled connection)"
    if isinstance(error, aiohttp.SocketTimeoutError):
        return "Timed out waiting for the Bot API's answer"
    return "Timed out: the Bot API request took too long"


def _error_text(error: BaseException) -> str:
    """What went wrong, from the error's type and OS error code: never its own text, which
    can quote the URL."""
    name = f"aiohttp.{type(error).__name__}"
    if isinstance(error, aiohttp.ClientConnectorError):
        cause = error.os_error
        reason = cause.strerror or type(cause).__name__
        return f"{name}: cannot connect to {error.host}:{error.port} ({reason})"
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return f"{name}: the server closed the connection without an answer"
    if isinstance(error, aiohttp.ClientPayloadError):
        return f"{name}: the answer was cut off"
    if isinstance(error, aiohttp.ClientResponseError):
        return f"{name}: unreadable answer (HTTP {error.status})"
    if isinstance(error, OSError) and error.errno:
        # ClientOSError's strerror can be aiohttp's own text with the URL; the code cannot.
        return f"{name}: {os.strerror(error.errno)}"
    if isinstance(error, aiohttp.ClientConnectionError):
        return f"{name}: the connection failed while sending the request or reading the answer"
    return name


def _scrub(text: str, url: str) -> str:
    """`text` without the URL or its path segments (`bot<token>`), however encoded; a second
    line of defence, as the texts above never quote the error."""
    parts = urlsplit(url)
    secrets = {url, parts.path, quote(parts.path)}
    for segment in parts.path.split("/")[:-1]:
        if len(segment) >= 8:
            secrets |= {segment, quote(segment, safe="")}
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return text
