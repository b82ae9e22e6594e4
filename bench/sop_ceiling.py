"""The raw-SQL ceiling of a task completion: the statements a completion must issue, through psycopg alone.

One completion is, in one transaction (as ``services.task_complete`` does it):

1. lock the task row (``SELECT … FOR UPDATE``);
2. update it (done, by whom, when, on time);
3. insert the next step's task (with its due date and deadline);
4. insert the timeline rows (completed + opened) in one statement;
5. lock the audit chain's head row;
6. insert the hash-linked audit event (the SHA-256 of its content, computed here in Python too);
7. update the chain head.

Run beside ``sop_bench.py`` in the same process run (it imports this), so both figures come from the same
machine state: ``ratio = terbuka / ceiling``. Each worker process walks its own cases in its own body, as
``sop_bench`` does.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from typing import Any

import psycopg


def _dsn() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} dbname={db['NAME']} user={db['USER']}"


def _walk(args: tuple[str, int, int, int, int]) -> tuple[int, float]:
    dsn, case_id, body_id, user_id, steps = args
    done = 0
    with psycopg.connect(dsn) as conn:
        started = time.perf_counter()
        for _ in range(steps):
            with conn.transaction():
                row = conn.execute(
                    "SELECT id, step_no, case_id, due_at FROM sop_task "
                    "WHERE case_id = %s AND status = 'open' ORDER BY id LIMIT 1 FOR UPDATE",
                    (case_id,),
                ).fetchone()
                if row is None:
                    break
                task_id, step_no, _case, due_at = row
                conn.execute(
                    "UPDATE sop_task SET status = 'done', completed_at = now(), completed_by_id = %s, "
                    "decision = NULL, note = '', on_time = (now() <= %s) WHERE id = %s",
                    (user_id, due_at, task_id),
                )
                new_id = conn.execute(
                    "INSERT INTO sop_task (case_id, step_no, phase, lane, role, status, opened_at, "
                    "received_on, due_date, due_at, acting_kind, note, late) "
                    "VALUES (%s, %s, '', 'petugas', 'petugas', "
                    "'open', now(), current_date, current_date + 1, now() + interval '1 day', '', '', false) "
                    "RETURNING id",
                    (case_id, step_no + 1),
                ).fetchone()[0]  # type: ignore[index]
                conn.execute(
                    "INSERT INTO sop_caseevent (case_id, task_id, kind, actor_id, acting_label, step_no, "
                    "note, created_at) VALUES (%s, %s, 'completed', %s, '', %s, '', now()), "
                    "(%s, %s, 'opened', NULL, '', %s, '', now())",
                    (case_id, task_id, user_id, step_no, case_id, new_id, step_no + 1),
                )
                chain = f"ceiling:{body_id}"
                head = conn.execute(
                    "SELECT id, seq, hash FROM core_chainhead WHERE chain = %s FOR UPDATE", (chain,)
                ).fetchone()
                assert head is not None
                head_id, seq, prev = head
                payload: dict[str, Any] = {
                    "chain": chain,
                    "seq": seq + 1,
                    "action": "sop.task.complete",
                    "object_id": str(task_id),
                    "new": {"status": "done", "step": step_no, "opened": [new_id]},
                    "prev_hash": prev,
                }
                digest = hashlib.sha256(
                    json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
                ).hexdigest()
                conn.execute(
                    "INSERT INTO core_event (chain, seq, body_id, actor_id, acting_kind, action, "
                    "object_type, object_id, object_repr, old, new, note, created_at, prev_hash, hash) "
                    "VALUES (%s, %s, %s, %s, '', 'sop.task.complete', 'sop.task', %s, '', NULL, %s, '', "
                    "now(), %s, %s)",
                    (
                        chain,
                        seq + 1,
                        body_id,
                        user_id,
                        str(task_id),
                        json.dumps(payload["new"]),
                        prev,
                        digest,
                    ),
                )
                conn.execute(
                    "UPDATE core_chainhead SET seq = %s, hash = %s WHERE id = %s", (seq + 1, digest, head_id)
                )
            done += 1
        return done, time.perf_counter() - started


def ceiling(cases: list[tuple[int, int, int]], steps: int, workers: int) -> float:
    """Completions per second of the raw statements: ``cases`` are (case id, body id, user id), one per
    worker, each walked ``steps`` times."""
    dsn = _dsn()
    with psycopg.connect(dsn, autocommit=True) as conn:
        for _case, body_id, _user in cases:
            conn.execute(
                "INSERT INTO core_chainhead (chain, seq, hash) VALUES (%s, 0, %s) "
                "ON CONFLICT (chain) DO NOTHING",
                (f"ceiling:{body_id}", "0" * 64),
            )
    jobs = [(dsn, c, b, u, steps) for c, b, u in cases[:workers]]
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        out = pool.map(_walk, jobs)
    done = sum(d for d, _ in out)
    busy = max(s for _, s in out)
    return done / busy


if __name__ == "__main__":
    raise SystemExit("Run bench/sop_bench.py: it runs the ceiling beside the engine in the same run.")
