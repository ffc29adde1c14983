"""A web site served from the test process (http.server in a thread, on 127.0.0.1) for fetch and watch tests.

    with Site() as site:
        site.page("/a.html", html_page("Titre", "Texte ..."))
        site.route("/slow", lambda handler: ...)       # full control over one answer
        url = site.url("/a.html")                       # http://127.0.0.1:PORT/a.html
        site.requests                                   # [(path, headers)] in the order they came

Nothing here listens beyond loopback or connects anywhere.
"""
from __future__ import annotations

import hashlib
import http.server
import ssl
import threading
from collections.abc import Callable
from email.message import Message
from typing import Any

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class Site:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, Message]] = []
        self.not_modified = 0  # 304 answers sent
        self.lock = threading.Lock()
        site = self

        class _Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 -- http.server's name
                return  # the tests read `site.requests` instead of a log on stderr

            def do_GET(self) -> None:  # noqa: N802 -- http.server's name
                with site.lock:
                    site.requests.append((self.path, self.headers))
                    route = site.routes.get(self.path)
                if route is None:
                    send(self, 404, b"not found", "text/plain")
                else:
                    route(self)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        if tls is not None:  # HTTPS: the handshake happens as each connection is accepted
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.scheme = "https" if tls is not None else "http"
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def __enter__(self) -> "Site":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> None:
        with self.lock:
            self.routes[path] = handler

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
             status: int = 200, headers: dict[str, str] | None = None, etag: bool = False) -> None:
        """Serve `body` at `path`; with `etag`, an ETag of the body and 304 to a request that has it."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        tag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
        extra = {**(headers or {}), **({"ETag": tag} if etag else {})}

        def answer(h: http.server.BaseHTTPRequestHandler) -> None:
            if etag and h.headers.get("If-None-Match") == tag:
                with self.lock:
                    self.not_modified += 1
                send(h, 304, b"", None, {"ETag": tag})
            else:
                send(h, status, data, content_type, extra)
        self.route(path, answer)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.route(path, lambda h: send(h, status, b"", None, {"Location": location}))

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]


def send(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    if content_type:
        handler.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def html_page(title: str, *paragraphs: str, published: str = "2024-03-14") -> str:
    """A news page as sites publish them: a header, a menu, the article, a footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title} - Le Journal</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T09:00:00+01:00">
</head><body>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>Tous droits réservés.</footer>
</body></html>"""


def rss_feed(site: Site, items: list[tuple[str, str]], host: str = "127.0.0.1") -> str:
    """An RSS 2.0 feed whose entries (title, path) link to pages of `site` and carry only a summary."""
    entries = "\n".join(
        f"<item><title>{title}</title><link>{site.url(path, host)}</link>"
        f"<description>Résumé.</description><pubDate>Thu, 14 Mar 2024 09:00:00 +0100</pubDate></item>"
        for title, path in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Le Journal</title><link>{site.url('/', host)}</link>
<language>fr</language><description>Les nouvelles</description>
{entries}
</channel></rss>"""
