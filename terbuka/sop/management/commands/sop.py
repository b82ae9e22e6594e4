"""terbuka sop schema | validate FILE... [--body B] | adopt --body B [--slug S] FILE | remind | expire"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from terbuka.sop.actions import known
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
        validate.add_argument("--body", help="periksa juga peran khusus badan publik ini")
        adopt = sub.add_parser(
            "adopt", help="unggah berkas SOP sebagai versi baru dan setujui (berlaku untuk proses baru)"
        )
        adopt.add_argument("file", metavar="FILE")
        adopt.add_argument("--body", required=True, help="slug badan publik")
        adopt.add_argument("--slug", help="kode SOP (bawaan: nama berkas tanpa .yaml)")
        adopt.add_argument("--draft", action="store_true", help="simpan sebagai konsep saja (menunggu PPID)")
        sub.add_parser("remind", help="kirim pengingat tugas yang hampir jatuh tempo dan terlambat")
        sub.add_parser("expire", help="tutup langkah sebar yang batas waktunya lewat")

    def handle(self, *args: Any, **opts: Any) -> None:
        sub = opts["sub"]
        if sub == "schema":
            schema = SopDefinition.model_json_schema()
            schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            schema["title"] = "Berkas SOP Terbuka (terbuka-sop/1)"
            self.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False))
        elif sub == "validate":
            self._validate(opts["files"], opts.get("body"))
        elif sub == "adopt":
            self._adopt(opts)
        elif sub == "remind":
            from terbuka.sop.reminders import send_reminders

            send_reminders(stdout=self.stdout)
        elif sub == "expire":
            from terbuka.sop.services import sop_expire_fanouts

            moved = sop_expire_fanouts(stdout=self.stdout)
            self.stdout.write(f"{len(moved)} proses dilanjutkan.")

    def _body(self, slug: str | None) -> Any:
        from terbuka.core.models import PublicBody

        if not slug:
            return None
        body = PublicBody.objects.filter(slug=slug).first()
        if body is None:
            raise CommandError(f"badan publik tidak dikenal: {slug}")
        return body

    def _adopt(self, opts: dict[str, Any]) -> None:
        from pathlib import Path

        from terbuka.sop import services

        body = self._body(opts["body"])
        path = Path(opts["file"])
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: tidak dapat dibaca: {exc}") from exc
        slug = opts.get("slug") or path.stem
        try:
            if opts.get("draft"):
                version = services.sop_upload(
                    actor=None, body=body, slug=slug, source=text, filename=path.name
                )
            else:
                version = services.sop_adopt(
                    actor=None, body=body, slug=slug, source=text, filename=path.name
                )
        except services.SopInvalid as exc:
            for line in exc.messages:
                self.stdout.write(line)
            raise CommandError("berkas SOP bermasalah", returncode=1) from exc
        self.stdout.write(f"{body.slug}/{slug}: versi {version.number} ({version.get_status_display()})")

    def _validate(self, files: list[str], body_slug: str | None = None) -> None:
        from terbuka.sop.services import known_roles

        roles = known_roles(self._body(body_slug))
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
                defn = load_definition(text, name, known, roles)
            except SopFileError as exc:
                for problem in exc.problems:
                    self.stdout.write(str(problem))
                bad += 1
                continue
            self.stdout.write(f"OK {name} ({len(defn.langkah)} langkah)")
        if bad:
            raise CommandError(f"{bad} dari {len(files)} berkas bermasalah", returncode=1)
