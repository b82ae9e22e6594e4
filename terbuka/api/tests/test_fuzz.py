"""Schema-driven fuzz of the whole API (issue #7 item 11): the short profile that runs in `make test`.

Schemathesis reads /api/v1/openapi.json from a live test server with the demo data, and for every operation
generates requests with a fixed seed: schema-valid ones with random identifiers, schema-valid ones aimed at
real objects (a SOP, a running case, an open task, a drafted and a signed letter), and schema-violating ones.
All go out with an officer's token. Every answer must be below 500; answers the schema describes must
match it. The long run of the same fuzz is `make fuzz` (bench/api_fuzz.py, docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import re

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from terbuka.core import services as core_services
from terbuka.documents import services as document_services
from terbuka.documents.signoff import Signer
from terbuka.documents.tests.helpers import required_only
from terbuka.sop import lanes
from terbuka.sop import services as sop_services
from terbuka.sop.demo import adopt_all
from terbuka.sop.models import Sop, Task

SEED = 20261129
EXAMPLES_PER_OPERATION = 16  # x 3 strategies' worth of cases over ~22 operations: a few hundred requests


def real_objects(users, bodies) -> dict[str, object]:
    """Path parameters that point at real objects of Kota Serang, so generated requests reach the logic."""
    body = bodies["kota-serang"]
    adopt_all()  # the demo's SOPs
    sop = Sop.objects.filter(body=body, current_version__isnull=False).order_by("pk").first()
    assert sop is not None
    assert sop.current_version is not None
    defn = sop.current_version.definition
    starter = lanes.lane_holders(body, lanes.first_role(defn))[0]
    case = sop_services.case_start(actor=starter, sop=sop, title="Proses uji fuzz")
    task = Task.objects.filter(case=case, status=Task.Status.OPEN).first()
    head = users["kepala-dinas.kota-serang"]
    draft = document_services.generate_document(
        actor=users["ppid.kota-serang"],
        body=body,
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(users["ppid.kota-serang"], "ppid", kind="paraf"), Signer(head, "kepala_dinas")],
    )
    signed = document_services.generate_document(
        actor=head,
        body=body,
        kind="nota_dinas",
        day=dt.date(2026, 3, 16),
        context=required_only("nota_dinas"),
        signers=[Signer(head, "kepala_dinas")],
        sign_now=True,
    )
    assert task is not None and draft.document is not None and signed.document is not None
    return {
        "sop_id": sop.pk,
        "case_id": case.pk,
        "task_id": task.pk,
        "document_id": draft.document.pk,
        "slug": body.slug,
        "token": signed.document.verify_token,
    }


def fuzz_operation(strategy: st.SearchStrategy, token: str) -> int:
    """Send EXAMPLES_PER_OPERATION generated requests; raises on a server error or a schema violation."""
    sent = 0

    @hypothesis.seed(SEED)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @hypothesis.given(case=strategy)
    def check(case: schemathesis.Case) -> None:
        nonlocal sent
        sent += 1
        response = case.call(headers={"Authorization": f"Bearer {token}"}, timeout=30)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    check()
    return sent


@pytest.mark.django_db(transaction=True)
def test_api_fuzz_finds_no_server_error(live_server, users, bodies, settings):
    settings.TERBUKA_DOCUMENTS_PDF = False  # letters signed by the fuzz would start LibreOffice
    real = real_objects(users, bodies)
    _, token = core_services.token_create(actor=None, user=users["ppid.kota-serang"])
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    failures: list[str] = []
    counts: dict[str, int] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        names = re.findall(r"{(\w+)}", operation.path)
        aimed = {n: real[n] for n in names if n in real}
        strategy = st.one_of(
            operation.as_strategy(),
            operation.as_strategy(path_parameters=aimed) if aimed else operation.as_strategy(),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        )

        try:
            counts[operation.label] = fuzz_operation(strategy, token)
        except Exception as exc:  # collect every operation's failure, not only the first
            failures.append(f"{operation.label}:\n{exc}")
    total = sum(counts.values())
    print(f"API fuzz: {len(counts)} operations, {total} requests, seed {SEED}")
    assert len(counts) >= 20, sorted(counts)
    assert total >= 300, counts
    assert not failures, "\n\n".join(failures)
