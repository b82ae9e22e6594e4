"""Zip archives from users, judged by their central directory before any member is read (issue #7 item 2).

Every OOXML file (DOCX, XLSX) is a zip archive. A 1 MB upload can inflate to gigabytes (a "zip bomb"), hold
thousands of members, nest other archives, or carry member names meant to escape a directory. ``check_zip``
refuses all of these with an Indonesian ``ValidationError`` and reads nothing but the central directory
(plus, once sizes are known to be sane, the first bytes of each member to spot a nested archive):

* the member count (from the end-of-central-directory record, before Python builds its member list);
* the total uncompressed size, as the central directory declares it (``TERBUKA_ZIP_MAX_TOTAL_MB``);
* the compression ratio of each member and of the whole archive (``TERBUKA_ZIP_MAX_RATIO``), counted only
  for members (and archives) above ``RATIO_FLOOR``, since tiny XML parts compress well and harm nobody;
* nested archives (zip/ooxml/gzip/... inside, by name or by their first bytes);
* path tricks: absolute names, ``..``, backslashes, drive letters, control characters, duplicate names
  (two parsers may pick different ones), symbolic links; encrypted members and unknown compression methods.

The declared sizes can be trusted because every reader in Terbuka (python-docx, docxtpl, openpyxl) reads
through Python's ``zipfile``, which never inflates a member beyond its declared size (a lying member ends
in a CRC error). Call ``check_zip`` wherever user bytes are unzipped; ``checked_stream`` returns a checked
stream for readers that take a file (``openpyxl.load_workbook(safezip.checked_stream(data))``).
Limits: docs/settings.md.
"""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MB = 1024 * 1024
RATIO_FLOOR = 1 * MB  # compression ratios are judged only for members/archives inflating beyond this
NESTED_EXTENSIONS = (
    ".zip", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".xltx", ".pptx", ".pptm", ".odt", ".ods", ".odp",
    ".jar", ".apk", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".cab",
)  # fmt: skip
NESTED_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!")
_EOCD = b"PK\x05\x06"
_EOCD_SEARCH = 22 + 65535  # the record plus the longest comment


@dataclass(frozen=True)
class Limits:
    max_members: int
    max_total: int  # bytes, uncompressed
    max_ratio: int


def limits() -> Limits:
    return Limits(
        max_members=int(getattr(settings, "TERBUKA_ZIP_MAX_MEMBERS", 1000)),
        max_total=int(getattr(settings, "TERBUKA_ZIP_MAX_TOTAL_MB", 100)) * MB,
        max_ratio=int(getattr(settings, "TERBUKA_ZIP_MAX_RATIO", 100)),
    )


def _refuse(message: str) -> ValidationError:
    return ValidationError(_("Berkas ZIP/Office ditolak: %(why)s") % {"why": message}, code="unsafe_zip")


def _declared_members(data: bytes) -> int:
    """The member count the end-of-central-directory record declares (0xFFFF means zip64)."""
    at = data.rfind(_EOCD, max(0, len(data) - _EOCD_SEARCH))
    if at < 0 or at + 12 > len(data):
        raise ValidationError(_("Berkas ZIP/Office rusak dan tidak dapat dibaca."), code="bad_zip")
    return int.from_bytes(data[at + 10 : at + 12], "little")


def _bad_name(name: str) -> bool:
    if not name or name.startswith(("/", "\\")) or "\\" in name:
        return True
    if len(name) > 1 and name[1] == ":":  # C:...
        return True
    if any(ord(ch) < 32 or ch == "\x7f" for ch in name):
        return True
    return any(part == ".." for part in name.split("/"))


def check_zip(data: bytes, *, bounds: Limits | None = None) -> None:
    """Refuse an unsafe zip/OOXML archive (see the module docstring); reads only the central directory."""
    bounds = bounds or limits()
    declared = _declared_members(data)
    if declared > bounds.max_members:
        raise _refuse(
            _("berisi terlalu banyak bagian (%(n)s; batas %(max)s).")
            % {"n": "≥ 65535" if declared == 0xFFFF else declared, "max": bounds.max_members}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            _check_directory(infos, len(data), bounds)
            _check_nested(zf, infos)
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("Berkas ZIP/Office rusak dan tidak dapat dibaca."), code="bad_zip") from exc
    except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, ValueError, EOFError) as exc:
        raise _refuse(_("struktur arsip tidak didukung.")) from exc


def _check_directory(infos: list[zipfile.ZipInfo], archive_size: int, bounds: Limits) -> None:
    if len(infos) > bounds.max_members:
        raise _refuse(
            _("berisi terlalu banyak bagian (%(n)s; batas %(max)s).")
            % {"n": len(infos), "max": bounds.max_members}
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _bad_name(name) or _bad_name(info.orig_filename):  # zipfile cuts a name at NUL; others may not
            raise _refuse(_("nama bagian tidak aman: %(name)r.") % {"name": name[:100]})
        key = name.lower()
        if key in seen:
            raise _refuse(_("nama bagian ganda: %(name)s.") % {"name": name[:100]})
        seen.add(key)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse(_("berisi tautan simbolik: %(name)s.") % {"name": name[:100]})
        if info.flag_bits & 0x1:
            raise _refuse(_("bagian %(name)s terkunci sandi.") % {"name": name[:100]})
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(_("bagian %(name)s memakai kompresi yang tidak didukung.") % {"name": name[:100]})
        size = info.file_size
        total += size
        if total > bounds.max_total:
            raise _refuse(_("isinya setelah dibuka lebih dari %(max)s MB.") % {"max": bounds.max_total // MB})
        if size > RATIO_FLOOR and size > bounds.max_ratio * max(info.compress_size, 1):
            raise _refuse(
                _("bagian %(name)s memampat %(ratio)s kali (batas %(max)s kali): kemungkinan bom zip.")
                % {"name": name[:100], "ratio": size // max(info.compress_size, 1), "max": bounds.max_ratio}
            )
    if total > RATIO_FLOOR and total > bounds.max_ratio * max(archive_size, 1):
        raise _refuse(
            _("isinya memampat %(ratio)s kali (batas %(max)s kali): kemungkinan bom zip.")
            % {"ratio": total // max(archive_size, 1), "max": bounds.max_ratio}
        )


def _check_nested(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """No archive inside the archive: by name, then by the first bytes of each member (sizes are sane by now,
    and reading a few bytes inflates at most one small block)."""
    for info in infos:
        if info.is_dir():
            continue
        if info.filename.lower().endswith(NESTED_EXTENSIONS):
            raise _refuse(_("berisi arsip lain di dalamnya: %(name)s.") % {"name": info.filename[:100]})
        if info.file_size < 4:
            continue
        with zf.open(info) as member:
            head = member.read(8)
        if head.startswith(NESTED_MAGIC):
            raise _refuse(_("berisi arsip lain di dalamnya: %(name)s.") % {"name": info.filename[:100]})


def checked_stream(data: bytes) -> IO[bytes]:
    """``data`` as a stream, after ``check_zip`` (for readers that take a file: openpyxl, python-docx)."""
    check_zip(data)
    return io.BytesIO(data)
