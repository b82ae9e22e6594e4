"""The long schema-driven fuzz of the whole API (issue #7 item 11): `make fuzz`.

Builds a throw-away database (SQLite under bench/out/fuzz/, or PostgreSQL when FUZZ_DATABASE_URL is set),
loads the demo and the calendar, creates a token for an officer, serves the product with gunicorn on a free
loopback port, and runs the Schemathesis CLI against /api/v1/openapi.json with every check, a fixed seed and
many examples per operation. Prints what it covered and exits non-zero on any failure. The short profile of
the same fuzz runs inside `make test` (terbuka/api/tests/test_fuzz.py). Results: docs/security.md.

Run: .venv/bin/python bench/api_fuzz.py [--max-examples 300] [--seed 20261129] [--checks all]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request

from live import BIN, ROOT, demo_env, serving, terbuka

OUT = ROOT / "bench" / "out" / "fuzz"


# Run in `terbuka shell`: a running case, an open task, a draft and a signed letter of Kota Serang, as the
# path parameters of pass 2 (the same objects the short fuzz in `make test` aims at).
REAL_OBJECTS = """
import json
from terbuka.core.models import PublicBody, User
from terbuka.api.tests.test_fuzz import real_objects

class Users(dict):
    def __missing__(self, key):
        self[key] = User.objects.get(username=key)
        return self[key]

print(json.dumps(real_objects(Users(), {b.slug: b for b in PublicBody.objects.all()})))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-examples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--checks", default="all")
    parser.add_argument("--user", default="ppid.kota-serang", help="the officer whose token is used")
    parser.add_argument("--max-time", type=int, default=0, help="seconds; 0 = no time budget")
    opts = parser.parse_args()

    started = time.monotonic()
    env = demo_env(OUT)
    token = terbuka(env, "token", "create", opts.user).strip()
    with serving(env) as base:
        url = f"{base}/api/v1/openapi.json"
        with urllib.request.urlopen(url, timeout=10) as r:
            schema = json.load(r)
        operations = [
            f"{method.upper()} {path}"
            for path, item in schema["paths"].items()
            for method in item
            if method != "parameters"
        ]
        real = json.loads(terbuka(env, "shell", "-c", REAL_OBJECTS).strip().splitlines()[-1])
        (OUT / "aimed").mkdir()
        (OUT / "aimed" / "schemathesis.toml").write_text(
            "[parameters]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in real.items())
        )
        cmd = [
            str(BIN / "schemathesis"), "run", url,
            "--header", f"Authorization: Bearer {token}",
            "--checks", opts.checks,
            "--max-examples", str(opts.max_examples),
            "--seed", str(opts.seed),
            "--workers", "1",
            "--suppress-health-check", "all",
            "--report", "junit,ndjson",
            "--output-sanitize", "true",
        ]  # fmt: skip
        run_env = {**env, "NO_COLOR": "1"}
        if opts.max_time:
            cmd += ["--max-time", str(opts.max_time)]
        print(f"fuzzing {len(operations)} operations as {opts.user}, seed {opts.seed}, "
              f"up to {opts.max_examples} examples each, checks: {opts.checks}")  # fmt: skip
        for op in operations:
            print(f"  {op}")
        sys.stdout.flush()
        print("pass 1: identifiers generated at random")
        sys.stdout.flush()
        rc1 = subprocess.run(
            [*cmd, "--report-dir", str(OUT / "report-random")], cwd=OUT, env=run_env
        ).returncode
        print(f"pass 2: identifiers of real objects {real}")
        sys.stdout.flush()
        rc2 = subprocess.run(
            [*cmd, "--report-dir", str(OUT / "report-aimed")], cwd=OUT / "aimed", env=run_env
        ).returncode
        rc = rc1 or rc2
    print(f"fuzz finished in {time.monotonic() - started:.0f} s with exit code {rc}; reports in {OUT}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
