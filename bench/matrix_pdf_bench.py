"""Benchmark: the public SOP matrix PDF under 16 anonymous clients (issue #7 item 5).

Before: every request rendered the PDF with WeasyPrint (0.7-1.3 s CPU each) and 16 clients slowed the other
public pages from 8 ms to 8.9 s. Now the PDF is rendered once per version and served from storage. This
starts the product (gunicorn, 2 workers x 4 threads, demo data), lets 16 threads fetch the PDF for 20 s and
meanwhile times another public page, then prints the latencies, the answers and how many renders happened.

Run: .venv/bin/python bench/matrix_pdf_bench.py [--seconds 20] [--clients 16]
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

from live import ROOT, demo_env, serving, terbuka
from machine import describe

OUT = ROOT / "bench" / "out" / "matrix-pdf"


def fetch(url: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            r.read()
            status = r.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
    return status, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    opts = parser.parse_args()
    env = demo_env(OUT)
    with serving(env) as base:
        page = f"{base}/badan/kota-serang/"
        pdf = f"{base}/badan/kota-serang/sop/usulan-dik/matriks.pdf"
        idle = [fetch(page)[1] for _ in range(20)]
        stop = time.monotonic() + opts.seconds
        answers: Counter[int] = Counter()
        pdf_times: list[float] = []
        lock = threading.Lock()

        def client() -> None:
            while time.monotonic() < stop:
                status, took = fetch(pdf)
                with lock:
                    answers[status] += 1
                    pdf_times.append(took)
                if status == 503:
                    time.sleep(1)

        threads = [threading.Thread(target=client) for _ in range(opts.clients)]
        for t in threads:
            t.start()
        loaded = []
        while time.monotonic() < stop:
            loaded.append(fetch(page)[1])
            time.sleep(0.1)
        for t in threads:
            t.join()
    renders = terbuka(
        env,
        "shell",
        "-c",
        "from terbuka.sop.matrix_files import MatrixFile; print(MatrixFile.objects.count())",
    ).split()[-1]  # the shell may print a banner first

    def ms(xs: list[float], q: float) -> str:
        xs = sorted(xs)
        return f"{1000 * xs[min(len(xs) - 1, int(q * len(xs)))]:.0f} ms"

    print(f"machine: {describe()}")
    print(f"public page alone: median {1000 * statistics.median(idle):.0f} ms")
    print(
        f"public page while {opts.clients} clients fetch the matrix PDF for {opts.seconds:.0f} s: "
        f"median {ms(loaded, 0.5)}, p95 {ms(loaded, 0.95)}, max {ms(loaded, 1.0)} ({len(loaded)} loads)"
    )
    print(
        f"PDF answers: {dict(answers)}; PDF latency median {ms(pdf_times, 0.5)}, p95 {ms(pdf_times, 0.95)}; "
        f"files rendered: {renders}"
    )


if __name__ == "__main__":
    main()
