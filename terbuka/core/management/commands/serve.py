"""terbuka serve: run the product (gunicorn + one task worker) and print where to open it.

The worker is supervised (terbuka/core/supervisor.py): restarted with backoff when it exits, the jobs it held
recovered at once, and every TERBUKA_TASKS_RECOVER_EVERY seconds jobs stuck past TERBUKA_TASKS_STUCK_AFTER
are queued again or marked failed (terbuka/core/task_recovery.py).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from terbuka.core.supervisor import Child, Supervisor
from terbuka.core.task_recovery import recover

logger = logging.getLogger("terbuka.serve")


class Command(BaseCommand):
    help = "Jalankan Terbuka (server web dan pekerja tugas latar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        url = f"http://{opts['host']}:{opts['port']}/"
        apply_site_url(opts["host"], opts["port"])
        pw = settings.TERBUKA_DEMO_PASSWORD
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "  Terbuka berjalan di  " + url,
                    "  Ruang kerja petugas: " + url + "kerja/",
                    "  Dokumentasi API:     " + url + "api/v1/docs",
                    "",
                    f"  Login demo (kata sandi semua: {pw}):",
                    "    ppid.kota-serang            PPID Utama Kota Serang",
                    "    petugas.kota-kupang         Petugas PLID Kota Kupang",
                    "    ppid-pembantu.dinkes.kota-serang  PPID Pembantu Dinas Kesehatan",
                    "    pemohon                     pemohon informasi",
                    "    admin                       administrator situs (" + url + "admin/)",
                    "  Pola nama lain: <peran>.<slug-badan>, mis. atasan-ppid.kota-bontang",
                    "",
                    "  Tekan Ctrl+C untuk berhenti.",
                    "",
                ]
            )
        )
        self.stdout.flush()
        bin_dir = os.path.dirname(sys.executable)
        supervisor = Supervisor(on_exit=_recover_after_exit)
        if not opts["no_worker"] and "DatabaseBackend" in settings.TASKS["default"]["BACKEND"]:
            host = socket.gethostname()[:30]
            terbuka = os.path.join(bin_dir, "terbuka")
            supervisor.add(
                "pekerja latar (db_worker)",
                lambda n: [terbuka, "db_worker", "--worker-id", f"serve-{host}-{os.getpid()}-{n}"],
            )
            _recover()  # jobs left running by a worker of an earlier run
            supervisor.every(settings.TERBUKA_TASKS_RECOVER_EVERY, _recover)
        if not opts["no_worker"]:
            # The scheduled jobs (fan-out expiry, reminders, notifications, the registries' monitors): the
            # embedded run needs no cron. Production may run `terbuka jobs run --loop` as its own service.
            terbuka = os.path.join(bin_dir, "terbuka")
            supervisor.add(
                "tugas terjadwal (jobs)", lambda n: [terbuka, "jobs", "run", "--loop", "--interval", "15"]
            )
        web = subprocess.Popen(
            [
                os.path.join(bin_dir, "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"{opts['host']}:{opts['port']}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--chdir",
                str(settings.BASE_DIR),
            ]
        )
        try:
            while web.poll() is None:
                supervisor.step()
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            if web.poll() is None:
                web.send_signal(signal.SIGTERM)
            supervisor.stop()
            try:
                web.wait(timeout=10)
            except subprocess.TimeoutExpired:
                web.kill()


def apply_site_url(host: str, port: int) -> str:
    """Unless SITE_URL was given, the address this run serves at: letters' QR codes and e-mails link to where
    the product runs (`make run PORT=8765` prints http://127.0.0.1:8765/verifikasi/… on letters). The web
    and worker processes started afterwards read it from the environment; production sets SITE_URL itself."""
    if settings.SITE_URL_GIVEN:
        return str(settings.SITE_URL)
    public_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    site_url = f"http://{public_host}:{port}"
    os.environ["SITE_URL"] = site_url
    settings.SITE_URL = site_url
    return site_url


def _recover(dead_workers: tuple[str, ...] = ()) -> None:
    """Queue again (or fail) jobs left running by dead workers; never lets a database hiccup stop serve."""
    from django.db import close_old_connections

    try:
        report = recover(dead_workers=dead_workers)
        if report:
            logger.warning("background jobs recovered: %s", report.summary())
    except Exception:
        logger.exception("recovering background jobs failed")
    finally:
        close_old_connections()


def _recover_after_exit(child: Child, code: int) -> None:
    worker_id = child.current_argv[-1]
    _recover((worker_id,))
