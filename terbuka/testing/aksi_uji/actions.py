"""``catat_jumlah``: count something at a step (with a unit given in the SOP file and a minimum), start a
statutory clock when the step opens, record the count as the step's output, withdraw it when undone."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from terbuka.sop import actions

# What the hooks did, for the tests to read (a registry app would write its own rows instead).
LOG: list[tuple[str, Any]] = []


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    satuan: str = Field(min_length=1)
    minimum: int = 0


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")
    jumlah: int = Field(title="Jumlah", description="berapa yang dihitung")
    keterangan: str = Field(default="", title="Keterangan", json_schema_extra={"widget": "textarea"})


@actions.register
class CatatJumlah(actions.Action):
    name = "catat_jumlah"
    aliases: ClassVar[tuple[str, ...]] = ("hitung_jumlah",)  # the old name of pinned SOP versions
    label = "Catat jumlah"
    description = "Tuliskan jumlah yang dihitung pada langkah ini."
    Params = Params
    Input = Input
    owns_outputs = True

    def opened(self, ctx: actions.ActionContext) -> None:
        LOG.append(("opened", ctx.task.pk))
        ctx.start_clock("pemberitahuan_tertulis", at=ctx.task.opened_at)

    def check(self, ctx: actions.ActionContext, data: BaseModel | None) -> list[str]:
        assert isinstance(data, Input)
        minimum = self.params.minimum  # type: ignore[attr-defined]
        if data.jumlah < minimum:
            return [f"Jumlah paling sedikit {minimum} {self.params.satuan}."]  # type: ignore[attr-defined]
        return []

    def perform(self, ctx: actions.ActionContext, data: BaseModel | None) -> dict[str, Any]:
        assert isinstance(data, Input)
        LOG.append(("perform", data.jumlah))
        for name in ctx.engine.outputs_to_make(ctx.definition, ctx.step):
            ctx.record_output(name, summary=f"{data.jumlah} {self.params.satuan}")  # type: ignore[attr-defined]
        return {"jumlah": data.jumlah, "satuan": self.params.satuan}  # type: ignore[attr-defined]

    def undo(self, ctx: actions.ActionContext, reason: str) -> None:
        LOG.append(("undo", ctx.task.pk))

    def state(self, ctx: actions.ActionContext) -> list[str]:
        return [f"Satuan: {self.params.satuan}"]  # type: ignore[attr-defined]
