"""Safety rules: this stage runs in CI on URLs from untrusted pull requests.

Only ``http`` and ``https``; no request to loopback, private, link-local, multicast or
cloud-metadata addresses unless ``allow_private_hosts``. The URL is checked before any
request (scheme, IP literals, obviously local names), and every resolved address is
checked again when a connection is opened: `GuardedBackend` resolves the name itself,
rejects the host if *any* address is forbidden (a DNS answer that mixes public and private
addresses is a rebinding attempt), and connects to the vetted address. Every redirect hop
opens its connections through the same backend, so a redirect to a private address is
caught too. Replayed responses never reach the backend: no DNS lookup at all.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import httpcore
import httpx

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})

# Cloud metadata endpoints, named so the failure says what was attempted.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "100.100.100.200",  # Alibaba Cloud
        "fd00:ec2::254",  # AWS IPv6
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LEGACY_IPV4_CHARS = frozenset("0123456789abcdefx.")
_LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


class ForbiddenAddressError(Exception):
    """A connection was refused by the address policy; never sent to the network."""

    def __init__(self, host: str, address: str, label: str) -> None:
        self.host = host
        self.address = address
        self.label = label
        where = host if host == address else f"{host} ({address})"
        super().__init__(f"{where} is a {label} address")


class HostNotFoundError(httpcore.ConnectError):
    """The name does not resolve (NXDOMAIN): the link is dead, not the network flaky."""


_NOT_FOUND_ERRNOS = frozenset(
    getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)
)


class OfflineError(Exception):
    """An offline run tried to open a connection: the cassette did not have the request."""


def forbidden_label(ip: IPAddress) -> str | None:
    """Why a request to `ip` is refused by default, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return forbidden_label(embedded)
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_private:
        return "private"
    if ip.is_reserved or not ip.is_global:
        return "non-public"
    return None


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """Which addresses may be contacted. `allow` lists networks exempt from the rules."""

    allow_private: bool = False
    allow: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    def refuses(self, ip: IPAddress) -> str | None:
        """The label of a refused address, or None when the address may be contacted."""
        if self.allow_private or any(ip in net for net in self.allow if ip.version == net.version):
            return None
        return forbidden_label(ip)


def parse_ip(host: str) -> IPAddress | None:
    """`host` as an IP address when it is a literal (brackets and zone ids allowed).

    Legacy IPv4 spellings that resolvers accept ("2130706433", "0x7f.1", "127.1") count
    as literals too, so they are judged without a DNS lookup.
    """
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        pass
    if host and set(host.lower()) <= _LEGACY_IPV4_CHARS:
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def check_url(url: str, policy: AddressPolicy) -> tuple[str, str] | None:
    """Reject a URL before any request: `(reason, detail)` or None when it may be tried.

    Only decides what needs no DNS: the scheme, a missing host, IP literals and local names.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        return "invalid url", f"{url!r}: {exc}"
    if parsed.scheme not in ALLOWED_SCHEMES:
        return "invalid url", f"{url}: only http and https are fetched, not {parsed.scheme or '?'}"
    host = parsed.host
    if not host:
        return "invalid url", f"{url}: no host"
    ip = parse_ip(host)
    if ip is not None:
        label = policy.refuses(ip)
        return ("forbidden address", f"{url}: {host} is a {label} address") if label else None
    name = host.rstrip(".").lower()
    if not policy.allow_private and (name in _LOCAL_NAMES or name.endswith(".localhost")):
        return "forbidden address", f"{url}: {host} is a loopback name"
    return None


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses of `host`, through the system resolver (run off the event loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in seen:
            seen.append(address)
    return seen


def vet_addresses(host: str, addresses: Iterable[str], policy: AddressPolicy) -> list[str]:
    """The addresses to connect to; raises ForbiddenAddressError if any one is refused."""
    vetted = []
    for address in addresses:
        ip = parse_ip(address)
        if ip is None:
            raise ForbiddenAddressError(host, address, "unparseable")
        label = policy.refuses(ip)
        if label is not None:
            raise ForbiddenAddressError(host, address, label)
        vetted.append(str(ip))
    if not vetted:
        raise httpcore.ConnectError(f"{host}: no address")
    return vetted


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that checks every address before it connects.

    TLS still verifies the certificate against the host name: httpcore passes the origin's
    name as SNI to `start_tls`, whatever address the stream was opened to.
    """

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        offline: bool = False,
        resolver: Resolver = system_resolve,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._policy = policy
        self._offline = offline
        self._resolve = resolver
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if self._offline:
            raise OfflineError(f"offline: no connection to {host}:{port}")
        literal = parse_ip(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = await self._resolve(host, port)
            except socket.gaierror as exc:
                if exc.errno in _NOT_FOUND_ERRNOS:
                    raise HostNotFoundError(f"{host} does not resolve: {exc}") from exc
                raise httpcore.ConnectError(f"DNS lookup of {host} failed: {exc}") from exc
            except OSError as exc:
                raise httpcore.ConnectError(f"DNS lookup of {host} failed: {exc}") from exc
        last_error: Exception | None = None
        for address in vet_addresses(host, addresses, self._policy):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:  # try the next address
                last_error = exc
        assert last_error is not None
        raise last_error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenAddressError(path, path, "unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
