"""How long the public request form's proof of work takes in a real browser (terbuka/requests/guard.py).

Loads static/requests/pow.js into Debian's Chromium (headless, Playwright) on a static page, once per fresh
challenge, at 12, 14 and 16 zero bits (16 is the default, TERBUKA_REQUEST_POW_BITS), checks every nonce
with Python's hashlib, and prints min/median/max seconds per challenge. Also times Python's `guard.solve`
(what a scripted client pays) for comparison. Results: docs/benchmarks.md ("Proof of work").

Run: .venv/bin/python bench/pow_bench.py [--runs 10]
"""

from __future__ import annotations

import argparse
import hashlib
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from machine import describe  # noqa: E402

PAGE = (
    '<!doctype html><html><body><form data-pow><input name="pow_challenge" value="{c}">'
    '<input name="pow_nonce"><p data-pow-status data-done="done">…</p><button type="submit">x</button></form>'
    '<script src="pow.js"></script></body></html>'
)


def zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + (8 - byte.bit_length())
    return bits


def python_solve(challenge: str, bits: int) -> str:
    nonce = 0
    while zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    print(f"Machine: {describe()}")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        (Path(tmp) / "pow.js").write_text((ROOT / "static/requests/pow.js").read_text())
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        for bits in (12, 14, 16):
            browser_times, python_times = [], []
            for _ in range(args.runs):
                challenge = f"{bits}.{int(time.time())}.{secrets.token_hex(8)}.bench"
                html = Path(tmp) / "page.html"
                html.write_text(PAGE.format(c=challenge))
                start = time.perf_counter()
                page.goto(html.as_uri())
                page.wait_for_function(
                    "document.querySelector('[data-pow-status]').textContent === 'done'", timeout=300_000
                )
                browser_times.append(time.perf_counter() - start)
                nonce = page.eval_on_selector("[name=pow_nonce]", "e => e.value")
                digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
                assert zero_bits(digest) >= bits, (challenge, nonce)
                start = time.perf_counter()
                python_solve(challenge, bits)
                python_times.append(time.perf_counter() - start)
            print(
                f"{bits} bits: browser min {min(browser_times):.2f} s, median "
                f"{statistics.median(browser_times):.2f} s, max {max(browser_times):.2f} s; "
                f"python median {statistics.median(python_times):.2f} s ({args.runs} challenges)"
            )
        browser.close()


if __name__ == "__main__":
    main()
