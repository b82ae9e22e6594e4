"""Templates are data, never code (issue #7 item 1).

A PPID's own template is refused at upload, before anything is rendered, when an expression goes beyond the
kind's declared fields; every render runs in the sandbox, so a template that never passed the gate raises
SecurityError instead of running; the context a template sees is plain data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from jinja2.exceptions import SecurityError

from terbuka.core.models import Event
from terbuka.documents import kinds, rendering, sandbox, services
from terbuka.documents.models import BodyTemplate
from terbuka.documents.signoff import Signer

from .helpers import docx_text
from .helpers import template_docx as _template

pytestmark = pytest.mark.django_db


def _popen(marker: Path) -> str:
    """The reported chain: from any string to subprocess.Popen, running a command."""
    return (
        "{% for c in badan.__class__.__mro__[1].__subclasses__() %}{% if c.__name__ == 'Popen' %}"
        f"{{{{ c(['touch', '{marker}']).wait() }}}}"
        "{% endif %}{% endfor %}"
    )


MRO = "{{ badan.__class__.__mro__ }}"

# (template text, the expression the refusal must name)
PAYLOADS = [
    (MRO, "badan.__class__"),
    ("{{ badan|attr('__class__') }}", "badan|attr('__class__')"),
    ("{% set x = badan.__class__ %}{{ x }}", "{% set x = badan.__class__ %}"),
    ("{% set x = badan %}{{ x }}", "{% set x = badan %}"),
    ("{{ cycler.__init__.__globals__.os }}", "cycler.__init__"),
    ("{{ joiner() }}", "joiner()"),
    ("{{ namespace(a=1) }}", "namespace(a=1)"),
    ("{{ lipsum(1000000) }}", "lipsum(1000000)"),
    ("{{ range(10**9)|length }}", "range(10 ** 9)"),
    ("{{ badan.upper() }}", "badan.upper()"),
    ("{{ '%s'|format(badan) }}", "'%s'|format(badan)"),
    ("{{ badan * 100000000 }}", "badan * 100000000"),
    ("{{ 9 ** 9 ** 9 }}", "9 ** 9 ** 9"),
    ("{{ ttd['__class__'] }}", "ttd['__class__']"),
    ("{{ ttd[badan] }}", "ttd[badan]"),
    ("{{ badan|safe }}", "badan|safe"),
    ("{{ ttd|join(attribute='nama') }}", "ttd|join(attribute='nama')"),
    ("{{ {'a': 1} }}", "{'a': 1}"),
    ("{{ loop.index }}", "loop"),
    ("{% for p in paraf %}{{ loop.cycle('a', 'b') }}{% endfor %}", "loop.cycle"),
    ("{% macro m() %}x{% endmacro %}", "{% macro %}"),
    ("{% include 'x.xml' %}", "{% include %}"),
    ("{% autoescape false %}{{ hal }}{% endautoescape %}", "{% autoescape %}"),
    ("{% for a, b in paraf %}{% endfor %}", "{% for (a, b) in … %}"),
    (
        "{% for a in paraf %}{% for b in paraf %}{% for c in paraf %}{% endfor %}{% endfor %}{% endfor %}",
        "{% for c in paraf %}",
    ),
]


def _upload(users, bodies, upload, data: bytes, kind: str = "nota_dinas") -> BodyTemplate:
    return services.template_upload(
        actor=users["ppid.kota-serang"], body=bodies["kota-serang"], kind=kind, file=upload("t.docx", data)
    )


def _nothing_stored(media_tmp: Path) -> None:
    assert not BodyTemplate.objects.exists()
    assert not Event.objects.filter(action="documents.template_uploaded").exists()
    assert not (media_tmp / "templat").exists()


@pytest.mark.parametrize(("text", "expression"), PAYLOADS)
def test_expression_beyond_the_declared_fields_is_refused_at_upload(
    users, bodies, upload, media_tmp, text, expression
):
    with pytest.raises(ValidationError) as err:
        _upload(users, bodies, upload, _template("Nomor {{ nomor }}", text))
    message = " ".join(err.value.messages)
    assert message.startswith("Templat ditolak: ungkapan `")
    assert f"`{expression}`" in message
    _nothing_stored(media_tmp)


def test_code_execution_chain_is_refused_before_anything_runs(users, bodies, upload, media_tmp, tmp_path):
    marker = tmp_path / "pwned"
    with pytest.raises(ValidationError, match=r"ungkapan `badan.__class__` tidak diizinkan"):
        _upload(users, bodies, upload, _template(_popen(marker)))
    assert not marker.exists()
    _nothing_stored(media_tmp)


def test_refused_even_when_the_template_also_has_an_unknown_field(users, bodies, upload, media_tmp, tmp_path):
    """The reported upload was refused for an unknown field, yet the payload had already run."""
    marker = tmp_path / "pwned"
    with pytest.raises(ValidationError):
        _upload(users, bodies, upload, _template("{{ tidak_ada }}", _popen(marker)))
    assert not marker.exists()
    _nothing_stored(media_tmp)


@pytest.mark.parametrize("where", ["header", "title"])
def test_every_rendered_part_is_checked(users, bodies, upload, media_tmp, where):
    """docxtpl renders headers, footers, footnotes and core properties too: the gate reads them all."""
    data = _template("{{ nomor }}", **{where: MRO})
    with pytest.raises(ValidationError, match=r"`badan.__class__`"):
        _upload(users, bodies, upload, data)
    _nothing_stored(media_tmp)


def test_sandbox_refuses_a_template_that_skipped_the_gate(tmp_path):
    """A template stored before the gate existed (or any bypass) cannot run code when a letter is made."""
    kind = kinds.get("nota_dinas")
    marker = tmp_path / "pwned"
    with pytest.raises(SecurityError):
        rendering.render_docx(kind, kind.sample, template=_template(MRO))
    with pytest.raises(SecurityError):
        rendering.render_docx(kind, kind.sample, template=_template(_popen(marker)))
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    [
        "{{ badan.upper() }}",
        "{{ ttd.items() }}",
        "{{ '{0.__class__}'.format(badan) }}",
        "{{ badan * 1000000 }}",
        "{{ tahun ** tahun }}",
        "{{ ttd['__class__'] }}",
    ],
)
def test_sandbox_refuses_calls_attributes_and_amplifiers(text):
    kind = kinds.get("nota_dinas")
    with pytest.raises(SecurityError):
        rendering.render_docx(kind, kind.sample, template=_template(text))


@pytest.mark.parametrize("text", ["{{ range(3)|length }}", "{{ lipsum() }}", "{{ badan|attr('upper') }}"])
def test_sandbox_has_no_globals_and_no_dangerous_filters(text):
    import jinja2

    kind = kinds.get("nota_dinas")
    with pytest.raises(jinja2.TemplateError):
        rendering.render_docx(kind, kind.sample, template=_template(text))


def test_the_template_language_that_remains_works(users, bodies, upload):
    """Filters, tests, conditions, loops with their counters, `or` and `~`: accepted and printed."""
    body = bodies["kota-serang"]
    data = _template(
        "{{ badan|upper }} / {{ hal|default('-') }} / {{ nomor_register or nomor }}",
        "{% for p in isi %}{{ loop.index }}. {{ p|truncate(30) }} {% endfor %}",
        "{% for x in paraf %}{% if loop.first %}{{ x.jabatan ~ ' ' ~ x.nama|title }}{% endif %}{% endfor %}",
        "{% if ttd.nip is defined and ttd.nip %}NIP {{ ttd.nip }}{% else %}-{% endif %}",
        "{{ (paraf|first).nama }} {{ isi[0][:5] }} {{ ttd['nama'] }} {{ tembusan|join(', ') }}",
    )
    _upload(users, bodies, upload, data, kind="nota_dinas")
    kadis, ppid = users["kepala-dinas.kota-serang"], users["ppid.kota-serang"]
    stored = services.generate_document(
        actor=kadis,
        body=body,
        kind="nota_dinas",
        context={"yth": "Sekda", "dari": "Kadis", "hal": "Uji", "isi": ["Paragraf satu.", "Dua."]},
        signers=[Signer(ppid, "ppid", kind="paraf", performed_by=ppid), Signer(kadis, "kepala_dinas")],
        sign_now=True,
    )
    with default_storage.open(stored.file.name, "rb") as fh:
        text = docx_text(fh.read())
    assert "PEMERINTAH KOTA SERANG / Uji / " + stored.document.number in text
    assert "1. Paragraf satu. 2. Dua." in text
    assert f"{ppid.display_name()} Parag {kadis.display_name()}" in text


def test_unknown_fields_are_all_named_including_nested_ones(users, bodies, upload):
    data = _template("{{ penerima }}", "{{ ttd.gelar }}", "{% for x in paraf %}{{ x.pangkat }}{% endfor %}")
    with pytest.raises(ValidationError) as err:
        _upload(users, bodies, upload, data)
    message = " ".join(err.value.messages)
    assert ": paraf[].pangkat, penerima, ttd.gelar. Isian yang tersedia" in message


def test_context_is_plain_data_only(users, bodies):
    """No model instance reaches a template: render_docx refuses one; a signed letter's context is plain."""
    kind = kinds.get("nota_dinas")
    with pytest.raises(TypeError, match="badan"):
        rendering.render_docx(kind, {**kind.sample, "badan": bodies["kota-serang"]})
    kadis = users["kepala-dinas.kota-serang"]
    stored = services.generate_document(
        actor=kadis,
        body=bodies["kota-serang"],
        kind="nota_dinas",
        context={"yth": "Sekda", "dari": "Kadis", "hal": "Uji", "isi": ["Paragraf."]},
        signers=[Signer(users["ppid.kota-serang"], "ppid", kind="paraf"), Signer(kadis, "kepala_dinas")],
    )
    services.document_paraf(actor=users["ppid.kota-serang"], document=stored.document)
    services.document_sign(actor=kadis, document=stored.document)
    context = services.document_context(stored.document)
    assert sandbox.plain_context(context) == context
