"""An HTTP exchange within limits (kg.ingest.fetch): the body read up to a size counted after
decompression, and a watchdog that cuts a request off when its total time is up.

gzip (several members too) and deflate (zlib-wrapped or raw) are decoded a chunk at a time, each
decompression asked for no more than the room left under the limit: a compression bomb stops
there, having cost the limit in memory and no more.
"""
from __future__ import annotations

import http.client
import socket
import threading
import time
import zlib
from typing import Any

from kg.errors import InputError

CHUNK = 65536


class Watchdog:
    """Cuts a request's socket off when its total time is up (a server dripping bytes never times out)."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            self._shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)  # the blocked recv returns at once
        except OSError:
            pass  # already closed or never connected: there is nothing left to cut off

    def cancel(self) -> None:
        self._timer.cancel()


def read_body(resp: http.client.HTTPResponse, limit: int, truncate: bool, asked: str) -> bytes:
    """The body, decoded from gzip or deflate; InputError past `limit` bytes (or cut there if `truncate`)."""
    encoding = (resp.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise InputError(f"unsupported Content-Encoding {encoding!r}", asked)
    decoder = _Decoder(encoding) if encoding != "identity" else None
    out = bytearray()
    received = 0
    while True:
        chunk = resp.read1(CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > limit and not truncate:  # compressed size alone already over
            raise InputError(f"too large (over {limit} bytes)", asked)
        out += decoder.feed(chunk, limit + 1 - len(out), asked) if decoder else chunk
        if len(out) > limit or (decoder is not None and decoder.over):
            if truncate:
                return bytes(out[:limit])
            after = " after decompression" if decoder else ""
            raise InputError(f"too large (over {limit} bytes{after})", asked)
    if decoder is not None:
        out += decoder.finish(asked)
        if len(out) > limit:
            if truncate:
                return bytes(out[:limit])
            raise InputError(f"too large (over {limit} bytes after decompression)", asked)
    return bytes(out)


class _Decoder:
    """gzip (several members too) or deflate (zlib-wrapped or raw), never producing more than asked."""

    def __init__(self, encoding: str) -> None:
        self.gzip = encoding != "deflate"
        self._obj: Any = None
        self.over = False  # input left over that would decode past the limit

    def feed(self, data: bytes, room: int, asked: str) -> bytes:
        out = bytearray()
        while data and room > 0:
            if self._obj is None or self._obj.eof:
                if self._obj is not None and (not self.gzip or not data.strip(b"\0")):
                    return bytes(out)  # what follows a deflate stream, or zero padding, is not content
                self._obj = zlib.decompressobj(self._wbits(data))
            try:
                piece = self._obj.decompress(data, room)
            except zlib.error as e:
                raise InputError(f"corrupt {'gzip' if self.gzip else 'deflate'} body ({e})", asked) from e
            out += piece
            room -= len(piece)
            data = self._obj.unconsumed_tail or (self._obj.unused_data if self._obj.eof else b"")
        if data:
            self.over = True
        return bytes(out)

    def _wbits(self, first: bytes) -> int:
        if self.gzip:
            return 16 + zlib.MAX_WBITS
        return zlib.MAX_WBITS if first[:1] and first[0] & 0x0F == 8 else -zlib.MAX_WBITS

    def finish(self, asked: str) -> bytes:
        if self._obj is None:
            return b""
        if not self._obj.eof:
            raise InputError("compressed body cut short", asked)
        return bytes(self._obj.flush())
