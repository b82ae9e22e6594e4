"""Every schema class of the API has its own name (issue #7 item 11).

django-ninja names OpenAPI components after the class: two classes called ``StepOut`` (a SOP step, a
letter's sign-off step) became one component, so the published schema described GET /sops with the
sign-off step's fields and every client (and the fuzz) saw valid answers as schema violations.
"""

from ninja import Schema


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out.append(sub)
        out.extend(_subclasses(sub))
    return out


def test_every_api_schema_class_has_a_unique_name():
    import terbuka.api.urls  # noqa: F401  (mounts every router, importing every schema)

    where: dict[str, set[str]] = {}
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("terbuka."):
            where.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: mods for name, mods in where.items() if len(mods) > 1} == {}


def test_published_components_are_the_classes_used():
    from terbuka.api.urls import api

    schema = api.get_openapi_schema()
    sops = schema["paths"]["/api/v1/sops/{sop_id}"]["get"]["responses"][200]["content"]["application/json"]
    sop_out = schema["components"]["schemas"][sops["schema"]["$ref"].rsplit("/", 1)[1]]
    step = sop_out["properties"]["langkah"]["items"]["$ref"].rsplit("/", 1)[1]
    assert "kegiatan" in schema["components"]["schemas"][step]["properties"]
