"""Which URLs and network addresses `kg.ingest.fetch` may reach (server-side request forgery guard).

A URL given to `kg ingest --fetch`, a feed's links and every redirect come from people we do not
trust. Fetching them from the machine that runs the tool must not reach what only that machine can
reach: its loopback services, the private network it sits in, a cloud's metadata service at
169.254.169.254. So:

- `check_url` accepts only http and https URLs with a host, no credentials, no zone ids, at most
  `MAX_URL_CHARS`, and gives the parts a request needs (host name in ASCII, path percent-encoded);
- `address_problem` says why an IP address is refused: unspecified, loopback, link-local,
  multicast, private, shared (carrier-grade NAT), documentation, benchmarking or otherwise not
  globally routable; IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
  IPv4-compatible, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`, Teredo) are judged by that address too.
  Python 3.11's `is_global` alone lets multicast, 6to4 and site-local through, so the blocked
  networks are listed here;
- `numeric_host` reads a literal address in any form the C library accepts ("127.1",
  "0x7f.0.0.1", "2130706433", "[::1]") without a DNS query, so that such spellings are judged
  as the addresses they are.

The fetcher connects to the very address it checked (no second DNS lookup that could be rebound).
"""
from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from kg.errors import InputError

MAX_URL_CHARS = 8192
DEFAULT_PORTS = {"http": 80, "https": 443}
# Ports fetched unless private addresses are allowed: the web's own. Other ports on a public address
# (this machine's own public address among them) are where databases and admin consoles listen.
ALLOWED_PORTS = frozenset({80, 443, 8080, 8443})
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # kept as they are in a path or query; the rest is percent-encoded

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NETS: list[tuple[str, str]] = [
    # (network, kind) in the order they are tried; the first that contains the address names it.
    ("0.0.0.0/8", "unspecified"), ("::/128", "unspecified"),
    ("127.0.0.0/8", "loopback"), ("::1/128", "loopback"),
    ("169.254.0.0/16", "link-local"), ("fe80::/10", "link-local"),
    ("224.0.0.0/4", "multicast"), ("ff00::/8", "multicast"),
    ("10.0.0.0/8", "private"), ("172.16.0.0/12", "private"), ("192.168.0.0/16", "private"),
    ("fc00::/7", "private"), ("fec0::/10", "private"),  # unique-local; deprecated site-local
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),
    ("192.0.2.0/24", "documentation"), ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"), ("2001:db8::/32", "documentation"),
    ("198.18.0.0/15", "benchmarking"),
    ("192.0.0.0/24", "reserved"), ("240.0.0.0/4", "reserved"), ("100::/64", "reserved"),
]
_BLOCKED = [(ipaddress.ip_network(net), kind) for net, kind in _NETS]
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


@dataclass(frozen=True)
class Target:
    """One URL, checked: what a request to it needs."""

    url: str  # the URL as fetched (no fragment, path and query percent-encoded)
    scheme: str  # "http" or "https"
    host: str  # ASCII host name (IDNA) or literal address, without brackets
    port: int
    path: str  # path and query, starting with "/"

    @property
    def origin(self) -> tuple[str, str, int]:
        return (self.scheme, self.host, self.port)

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if DEFAULT_PORTS[self.scheme] == self.port else f"{host}:{self.port}"


def check_url(url: str) -> Target:
    """The parts of an http(s) URL, or InputError naming the URL and what is wrong with it."""
    shown = url if len(url) <= 200 else url[:200] + "…"
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"URL longer than {MAX_URL_CHARS} characters", shown)
    if not url.isprintable() or any(c.isspace() for c in url):
        raise InputError("URL with spaces or control characters", repr(shown))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise InputError(f"not a valid URL ({e})", shown) from e
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InputError("only http:// and https:// URLs are fetched", shown)
    if "@" in parts.netloc:
        # Not repeated: the user name and password would end up in logs.
        raise InputError("credentials in a URL are refused", f"{scheme}://…@{parts.netloc.rpartition('@')[2]}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InputError("URL without a host", shown)
    if "%" in host:
        raise InputError("IPv6 zone ids (fe80::1%eth0) are refused", shown)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as e:
        raise InputError(f"host name {host!r} is not valid ({e})", shown) from e
    if port == 0:
        raise InputError("port 0 is not a port", shown)
    path = quote(parts.path or "/", safe=_PATH_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_PATH_SAFE + "?")
    port = port or DEFAULT_PORTS[scheme]
    netloc_host = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    netloc = netloc_host if port == DEFAULT_PORTS[scheme] else f"{netloc_host}:{port}"
    return Target(f"{scheme}://{netloc}{path}", scheme, ascii_host, port, path)


def numeric_host(host: str) -> list[str] | None:
    """The address a literal host stands for ("127.1" -> ["127.0.0.1"]), or None for a host name.

    Asks the C library with AI_NUMERICHOST: it parses, it never queries DNS.
    """
    if not re.fullmatch(r"[0-9a-fA-FxX.:]+", host):
        return None
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM, flags=socket.AI_NUMERICHOST)
    except (socket.gaierror, UnicodeError):
        return None
    return sorted({str(info[4][0]) for info in infos})


def address_problem(address: str, allow_private: bool = False) -> str | None:
    """Why a connection to `address` is refused ("a loopback address 127.0.0.1"), or None.

    With `allow_private` only unspecified and multicast addresses are refused (they are never a
    web server); everything else is then the caller's to trust.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"an address that does not parse ({address!r})"
    kind = _kind(ip)
    if kind is None and isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            inner_kind = _kind(inner)
            if inner_kind is not None:
                return f"an IPv6 address {ip} that carries the {inner_kind} IPv4 address {inner}"
    if kind is None or (allow_private and kind not in ("unspecified", "multicast")):
        return None
    article = "an" if kind[0] in "aeiou" else "a"
    return f"{article} {kind} address {ip}"


def _kind(ip: IPAddress) -> str | None:
    for net, kind in _BLOCKED:
        if ip.version == net.version and ip in net:
            return kind
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return None  # judged by the IPv4 address it carries
    if not ip.is_global:
        return "not globally routable"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo client), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None
