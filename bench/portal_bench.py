"""Portal throughput with 10,000 public items in one body, against a trivial Django view in the same run.

Run (PostgreSQL, as the target is stated):
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/terbuka_portal_bench \\
        .venv/bin/python bench/portal_bench.py [--seconds 10] [--connections 32] [--items 10000]

It (re)creates that database, migrates, loads the demo (every body gets its DIP through the services), adds
``--items`` synthetic public items to Kabupaten Serang (``terbuka dip generate``), starts gunicorn with 2
workers x 4 threads (as ``terbuka serve``), and drives each URL for ``--seconds`` with ``--connections``
keep-alive connections from a Python asyncio load generator (``wrk`` is not installed here; each
connection keeps its cookies like a browser), after a one-second warm-up per URL, in interleaved
3-second rounds. Prints req/s, p50/p99 latency, the ratio to the trivial view, and the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from typing import Any
from urllib.parse import urlsplit

import live  # bench/ is the script folder (as in matrix_pdf_bench.py)
import machine

BODY = "kabupaten-serang"
URLS = [
    ("trivial view", "/bench/trivial/"),
    ("body home", f"/badan/{BODY}/"),
    ("DIP page", f"/badan/{BODY}/dip/"),
    ("search", f"/badan/{BODY}/cari/?q=laporan+keuangan"),
]


async def _conn(
    host: str, port: int, path: str, deadline: float, lat: list[float], errors: list[str]
) -> None:
    """One visitor on one keep-alive connection. Like a browser, it keeps the cookies it is given (the CSRF
    cookie of the language switcher): a returning visitor, not a new one on every request."""
    reader, writer = await asyncio.open_connection(host, port)
    cookies: dict[str, str] = {}
    try:
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
            extra = f"Cookie: {cookie}\r\n" if cookie else ""
            req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}Connection: keep-alive\r\n\r\n".encode()
            writer.write(req)
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = lines[0].split(" ")[1]
            length = 0
            chunked = False
            for line in lines[1:]:
                k, _, v = line.partition(":")
                if k.lower() == "content-length":
                    length = int(v.strip())
                elif k.lower() == "transfer-encoding" and "chunked" in v.lower():
                    chunked = True
                elif k.lower() == "set-cookie":
                    name, _eq, value = v.strip().split(";", 1)[0].partition("=")
                    cookies[name] = value
            if chunked:
                while True:
                    size = int((await reader.readline()).strip(), 16)
                    await reader.readexactly(size + 2)
                    if size == 0:
                        break
            else:
                await reader.readexactly(length)
            lat.append(time.perf_counter() - t0)
            if status != "200":
                errors.append(status)
            if any(line.lower() == "connection: close" for line in lines):
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
    finally:
        writer.close()


async def load(base: str, path: str, seconds: float, connections: int) -> dict[str, Any]:
    parts = urlsplit(base)
    lat: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *[
            _conn(parts.hostname or "127.0.0.1", parts.port or 80, path, deadline, lat, errors)
            for _ in range(connections)
        ]
    )
    took = time.perf_counter() - start
    n = len(lat)
    return {"requests": n, "took": took, "errors": len(errors), "latencies": lat}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set BENCH_DATABASE_URL=postgres://... (the target is stated for PostgreSQL).")
    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'], check=True)
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    out = live.ROOT / "bench" / "out" / "portal_bench"
    t0 = time.perf_counter()
    env = live.demo_env(out)
    print(live.terbuka(env, "dip", "generate", "--body", BODY, "--count", str(args.items)).strip())
    print(f"setup {time.perf_counter() - t0:.0f} s")
    env["DJANGO_SETTINGS_MODULE"] = "bench.portal_settings"
    results: dict[str, dict[str, float]] = {}
    lat_all: dict[str, list[float]] = {label: [] for label, _p in URLS}
    with live.serving(env) as base:
        for _label, path in URLS:
            asyncio.run(load(base, path, 1, 4))  # warm-up (fills the page cache, imports, connections)
        # interleaved rounds, so that the other load on a shared machine falls on every URL alike
        rounds = max(1, round(args.seconds / 3))
        took: dict[str, float] = dict.fromkeys(lat_all, 0.0)
        for _ in range(rounds):
            for label, path in URLS:
                r = asyncio.run(load(base, path, args.seconds / rounds, args.connections))
                lat_all[label] += r.pop("latencies")
                took[label] += r["took"]
                results.setdefault(label, {"errors": 0.0})["errors"] += r["errors"]
        for label, lat in lat_all.items():
            lat.sort()
            n = len(lat)
            results[label].update(
                requests=n,
                rps=n / took[label],
                p50=lat[n // 2] * 1000,
                p99=lat[min(n - 1, int(n * 0.99))] * 1000,
            )
    base_rps = results["trivial view"]["rps"]
    print(f"\n{machine.describe()}")
    print(
        f"gunicorn 2 workers x 4 threads, PostgreSQL, {args.connections} connections, "
        f"{args.seconds:.0f} s per URL,"
    )
    print(f"Python asyncio load generator (bench/portal_bench.py), {args.items} items in {BODY}\n")
    print(f"{'page':<14} {'req/s':>8} {'x trivial':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for label, r in results.items():
        print(
            f"{label:<14} {r['rps']:>8.0f} {r['rps'] / base_rps:>10.2f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
            f"{r['errors']:>7.0f}"
        )


if __name__ == "__main__":
    main()
