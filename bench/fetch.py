"""Fetch throughput and memory: N distinct URLs on a loopback server with latency L.

A server process answers every request after a fixed delay L (keep-alive, 512-byte pages).
Each configuration runs `fetch_all` in a fresh client process, which reports its wall time
and its peak resident memory. The ideal wall time is N·L/C for C requests in flight; with
the default politeness (per-host limit and interval) on one host it is
max(N·L/per_host, N·interval).

    python bench/fetch.py [--latencies 0.2,0.5,1.0] [--n 1000] [--sizes 250,1000,4000]

Prints Markdown tables (pasted into docs/benchmarks.md, section "Fetching"). Needs no data
set: the server is synthetic and local.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BODY = (b"<html><body><p>" + b"word " * 95 + b"</p></body></html>")[:512]


# ---------------------------------------------------------------------------
# the server process


async def _serve(latency: float, ready: multiprocessing.connection.Connection) -> None:
    response = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
        + str(len(BODY)).encode()
        + b"\r\n\r\n"
        + BODY
    )

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if not head:
                    break
                await asyncio.sleep(latency)
                writer.write(response)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    ready.send(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


def _server_main(latency: float, ready: multiprocessing.connection.Connection) -> None:
    asyncio.run(_serve(latency, ready))


# ---------------------------------------------------------------------------
# the client process


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _client_main(args: argparse.Namespace) -> None:
    from verifier.fetch import fetch_all
    from verifier.options import FetchOptions

    options = FetchOptions(
        concurrency=args.concurrency,
        per_host_concurrency=args.per_host,
        host_interval=args.interval,
        allow_private_hosts=True,
        archive=False,
        max_retries=0,
    )
    urls = [f"http://127.0.0.1:{args.port}/page/{i}" for i in range(args.n)]
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_before = _cpu()
    started = time.perf_counter()
    if args.bare:
        statuses = asyncio.run(_bare(urls, options, stock=args.bare == "stock"))
        ok = sum(status == 200 for status in statuses)
    else:
        results = asyncio.run(fetch_all(urls, options))
        ok = sum(r.ok for r in results.values())
    wall = time.perf_counter() - started
    cpu = _cpu() - cpu_before
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "ok": ok,
                "base_rss_kb": base_rss,
                "peak_rss_kb": peak_rss,
            }
        )
    )


async def _bare(urls: list[str], options: Any, *, stock: bool) -> list[int]:
    """The same GETs with a bare httpx client: the floor our fetch layer is measured against.

    `stock`: httpx's own transport and httpcore's own pool; else our guarded transport.
    """
    import httpx

    from verifier.fetch.client import build_client

    client = (
        httpx.AsyncClient(limits=httpx.Limits(max_connections=options.concurrency))
        if stock
        else build_client(options)
    )
    slots = asyncio.Semaphore(options.concurrency)

    async def one(url: str) -> int:
        async with slots:
            return (await client.get(url)).status_code

    async with client:
        return list(await asyncio.gather(*(one(url) for url in urls)))


def _run_client(
    port: int, n: int, concurrency: int, per_host: int, interval: float, bare: str
) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--client",
        f"--port={port}",
        f"--n={n}",
        f"--concurrency={concurrency}",
        f"--per-host={per_host}",
        f"--interval={interval}",
        f"--bare={bare}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# ---------------------------------------------------------------------------


def _start_server(latency: float) -> tuple[multiprocessing.Process, int]:
    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.Process(target=_server_main, args=(latency, send), daemon=True)
    server.start()
    return server, int(receive.recv())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--latencies", default="0.2,0.5,1.0", help="L values in seconds, comma-separated"
    )
    parser.add_argument("--n", type=int, default=1000, help="N for the latency rows")
    parser.add_argument(
        "--sizes", default="250,1000,4000", help="N values for the memory rows (at L=0.5 s)"
    )
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--polite-n", type=int, default=100, help="N for the politeness row")
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--per-host", type=int, default=4, help=argparse.SUPPRESS)
    parser.add_argument("--interval", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--bare", default="", help=argparse.SUPPRESS)
    parser.add_argument(
        "--baseline-n", type=int, default=500, help="N for the bare-httpx rows (0: skip them)"
    )
    args = parser.parse_args()
    if args.client:
        _client_main(args)
        return

    from verifier.options import FetchOptions

    defaults = FetchOptions()
    c = args.concurrency
    # client, L, N, concurrency, per host, interval, bare
    rows: list[tuple[str, float, int, int, int, float, str]] = []
    rows += [("fetch_all", float(lat), args.n, c, c, 0.0, "") for lat in args.latencies.split(",")]
    rows += [
        ("fetch_all", 0.5, int(n), c, c, 0.0, "") for n in args.sizes.split(",") if int(n) != args.n
    ]
    rows.append(
        ("fetch_all, default politeness", 0.2, args.polite_n, c,
         defaults.per_host_concurrency, defaults.host_interval, "")
    )  # fmt: skip
    if args.baseline_n:
        rows.append(("bare httpx, our transport", 0.2, args.baseline_n, c, c, 0.0, "ours"))
        rows.append(("bare httpx, stock pool", 0.2, args.baseline_n, c, c, 0.0, "stock"))
    print(
        f"One loopback server (one host), 512-byte pages; {platform.python_implementation()} "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at start.\n"
    )
    print(
        "| client | L | N | concurrency | per host | interval | ideal s | wall s | wall / ideal "
        "| client CPU s | CPU ms / URL | peak RSS MB | RSS growth MB | ok |"
    )
    print("| --- " + "| ---: " * 13 + "|")
    servers: dict[float, tuple[multiprocessing.Process, int]] = {}
    try:
        for what, latency, n, conc, per_host, interval, bare in rows:
            if latency not in servers:
                servers[latency] = _start_server(latency)
            port = servers[latency][1]
            ideal = max(n * latency / min(conc, per_host), n * interval)
            out = _run_client(port, n, conc, per_host, interval, bare)
            print(
                f"| {what} | {latency * 1000:.0f} ms | {n:,} | {conc} | {per_host} "
                f"| {interval * 1000:.0f} ms "
                f"| {ideal:.2f} | {out['wall']:.2f} | {out['wall'] / ideal:.2f}x "
                f"| {out['cpu']:.2f} | {out['cpu'] * 1000 / n:.2f} "
                f"| {out['peak_rss_kb'] / 1024:.1f} "
                f"| {(out['peak_rss_kb'] - out['base_rss_kb']) / 1024:.1f} "
                f"| {out['ok']:,}/{n:,} |",
                flush=True,
            )
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.join(5)


if __name__ == "__main__":
    main()
