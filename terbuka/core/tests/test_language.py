"""Letters and records are written in Indonesian whatever the officer's screen language (core/language.py)."""

from __future__ import annotations

import threading

from django.utils import translation
from django.utils.translation import gettext

from terbuka.core.language import in_official_language, official_language


def test_official_language_writes_indonesian_under_an_english_screen():
    with translation.override("en"):
        assert gettext("Ruang kerja") == "Workspace"  # the catalogue does translate it
        assert in_official_language(lambda: gettext("Ruang kerja"))() == "Ruang kerja"
        with official_language():
            assert gettext("Ruang kerja") == "Ruang kerja"
        assert gettext("Ruang kerja") == "Workspace"  # and the screen's language comes back


def test_each_use_is_its_own_override_so_threads_do_not_mix():
    seen: dict[str, str] = {}

    @in_official_language
    def letter(name: str) -> None:
        seen[name] = translation.get_language()

    def worker(name: str) -> None:
        with translation.override("en"):
            letter(name)
            seen[name + ":after"] = translation.get_language()

    threads = [threading.Thread(target=worker, args=(f"t{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(seen[f"t{i}"] == "id" and seen[f"t{i}:after"] == "en" for i in range(8))
