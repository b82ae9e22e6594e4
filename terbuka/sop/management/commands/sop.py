"""terbuka sop schema | validate FILE... | remind"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.sop.actions import names
from terbuka.sop.loader import SopFileError, load_definition
from terbuka.sop.schema import SopDefinition


class Command(BaseCommand):
    help = "SOP: skema JSON format berkas, validasi berkas SOP, pengingat tugas."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="sub", required=True)
        sub.add_parser("schema", help="cetak JSON Schema format berkas SOP (terbuka-sop/1)")
        validate = sub.add_parser(
            "validate", help="periksa berkas SOP; status keluar bukan nol bila ada masalah"
        )
        validate.add_argument("files", nargs="+", metavar="FILE")
        sub.add_parser(
            "remind", help="kirim pengingat tugas yang hampir jatuh tempo dan terlambat (untuk cron)"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        sub = opts["sub"]
        if sub == "schema":
            schema = SopDefinition.model_json_schema()
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            schema["title"] = "Berkas SOP Terbuka (terbuka-sop/1)"
            self.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False))
        elif sub == "validate":
            self._validate(opts["files"])
        elif sub == "remind":
            from terbuka.sop.reminders import send_reminders

            send_reminders(stdout=self.stdout)

    def _validate(self, files: list[str]) -> None:
        actions = names()
        bad = 0
        for name in files:
            try:
                with open(name, encoding="utf-8") as fh:
                    text = fh.read()
            except OSError as exc:
                self.stdout.write(f"{name}:1: berkas: tidak dapat dibaca: {exc.strerror}")
                bad += 1
                continue
            try:
                defn = load_definition(text, name, actions)
            except SopFileError as exc:
                for problem in exc.problems:
                    self.stdout.write(str(problem))
                bad += 1
                continue
            self.stdout.write(f"OK {name} ({len(defn.langkah)} langkah)")
        if bad:
            raise CommandError(f"{bad} dari {len(files)} berkas bermasalah", returncode=1)
