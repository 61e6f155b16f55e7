"""Reading the upload's container safely, in memory.

Recognises a ZIP or an XML by its first bytes (never by its name) and walks ZIPs,
annex ZIPs inside them included, under the limits: upload size, entries, nesting
depth, uncompressed total, compression ratio, time. Entry names are only ever
used as labels; nothing is written anywhere.
"""

from __future__ import annotations

import io
import lzma
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from .errors import ReaderError, human_bytes
from .limits import Deadline, Limits

# Everything zipfile and its decompressors are known to raise on hostile input
# (RELIABILITY §1.3; zlib.error and lzma.LZMAError were found by fuzzing).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    lzma.LZMAError,
    struct.error,
    IndexError,
    KeyError,
    OverflowError,
    TypeError,
)  # bz2 would raise OSError/ValueError, but only STORED and DEFLATED are read

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
CENTRAL_DIR_SIGNATURE = b"PK\x01\x02"
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)*[ \t\r\n]*<")
_UTF16_XML = (b"\xff\xfe<\x00", b"\xfe\xff\x00<")


def looks_like_zip(data: bytes) -> bool:
    return data[:4] in ZIP_MAGICS


def looks_like_xml(data: bytes) -> bool:
    """A document that starts with '<', after any BOM and blanks (also UTF-16 with a BOM)."""
    head = data[:4096]
    return bool(_XML_START.match(head)) or head[:4] in _UTF16_XML


@dataclass
class XmlEntry:
    name: str
    data: bytes
    depth: int


@dataclass
class Collected:
    """What a container holds: the XML-looking entries and the names of everything kept."""

    xml: list[XmlEntry] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)


def display_name(name: str) -> str:
    """A ZIP entry name made harmless for JSON output and logs-free display."""
    return _CONTROL.sub("?", name)[:200]


def unsafe_name(raw_name: str) -> bool:
    """Absolute, drive, `..` or NUL-bearing names. Checked on every entry, junk included."""
    if "\x00" in raw_name:
        return True
    name = raw_name.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or ":" in name:
        return True
    return ".." in name.split("/")


def is_junk(name: str) -> bool:
    """macOS resource forks and desktop metadata that zip tools add."""
    parts = name.replace("\\", "/").split("/")
    base = parts[-1]
    return parts[0] == "__MACOSX" or base.startswith("._") or base.lower() in JUNK_NAMES


class _Walk:
    """One walk over an upload's ZIP and its annex ZIPs, sharing one budget."""

    def __init__(self, upload_size: int, limits: Limits, deadline: Deadline):
        self.limits = limits
        self.deadline = deadline
        self.upload_size = upload_size
        self.entries = 0
        self.inflated = 0
        self.out = Collected()

    # --- refusals -----------------------------------------------------------
    def _bomb_total(self) -> ReaderError:
        limit = self.limits.max_uncompressed_bytes
        return ReaderError(
            "zip_bomb",
            limit="uncompressed_bytes",
            limit_value=limit,
            shown_limit=human_bytes(limit),
        )

    def _bomb_ratio(self) -> ReaderError:
        ratio = self.limits.max_ratio
        return ReaderError(
            "zip_bomb", variant="ratio", limit="ratio", limit_value=ratio, shown_limit=str(ratio)
        )

    def _too_many(self) -> ReaderError:
        limit = self.limits.max_entries
        return ReaderError(
            "too_many_entries", limit="entries", limit_value=limit, shown_limit=str(limit)
        )

    # --- walking ------------------------------------------------------------
    def walk(self, data: bytes, prefix: str, depth: int) -> None:
        limits = self.limits
        if depth > limits.max_depth:
            raise ReaderError(
                "nested_too_deep",
                limit="depth",
                limit_value=limits.max_depth,
                shown_limit=str(limits.max_depth),
            )
        self.deadline.check()
        # Every central-directory record starts with this signature, so this bounds
        # how many ZipInfo objects zipfile would build before we could count them.
        if self.entries + data.count(CENTRAL_DIR_SIGNATURE) > limits.max_entries:
            raise self._too_many()
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            infos = archive.infolist()
        except ZIP_ERRORS as exc:
            raise ReaderError("corrupt_zip") from exc
        self.entries += len(infos)
        if self.entries > limits.max_entries:
            raise self._too_many()

        wanted = self._vet(infos)
        for info in wanted:
            self.deadline.check()
            try:
                content = self._read(archive, info)
            except ZIP_ERRORS as exc:
                raise ReaderError("corrupt_zip") from exc
            name = prefix + display_name(info.filename)
            self.out.attachments.append(name)
            if looks_like_zip(content):
                self.walk(content, name + "!", depth + 1)
            elif looks_like_xml(content):
                self.out.xml.append(XmlEntry(name=name, data=content, depth=depth))

    def _vet(self, infos: list[zipfile.ZipInfo]) -> list[zipfile.ZipInfo]:
        """Refuse the archive on any dangerous entry; return the entries worth reading."""
        limits = self.limits
        wanted = []
        declared_total = 0
        for info in infos:
            if unsafe_name(info.orig_filename) or unsafe_name(info.filename):
                raise ReaderError("unsafe_entry")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ReaderError("unsafe_entry")
            if info.flag_bits & 0x1 or info.flag_bits & 0x40:
                raise ReaderError("encrypted_zip")
            if info.is_dir() or is_junk(info.filename):
                continue
            if info.compress_type not in ALLOWED_METHODS:
                raise ReaderError("corrupt_zip", variant="method")
            declared_total += info.file_size
            if (
                info.file_size > limits.ratio_floor_bytes
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)
            ):
                raise self._bomb_ratio()
            wanted.append(info)
        if self.inflated + declared_total > limits.max_uncompressed_bytes:
            raise self._bomb_total()
        return wanted

    def _read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
        """The entry's bytes, read in chunks under every cap (declared sizes may lie)."""
        limits = self.limits
        remaining = limits.max_uncompressed_bytes - self.inflated
        ratio_cap = max(limits.max_ratio * info.compress_size, limits.ratio_floor_bytes)
        overall_cap = limits.max_ratio * self.upload_size + limits.ratio_floor_bytes
        cap = min(remaining, ratio_cap)
        chunks = []
        size = 0
        with archive.open(info) as handle:
            while True:
                self.deadline.check()
                chunk = handle.read(min(CHUNK, cap + 1 - size))
                if not chunk:
                    break
                size += len(chunk)
                if size > cap:
                    raise self._bomb_total() if cap == remaining else self._bomb_ratio()
                if self.inflated + size > overall_cap:
                    raise self._bomb_ratio()
                chunks.append(chunk)
        self.inflated += size
        return b"".join(chunks)


def collect_zip(data: bytes, limits: Limits, deadline: Deadline) -> Collected:
    """Walk a ZIP upload; ReaderError on anything outside the limits or unsafe."""
    walk = _Walk(len(data), limits, deadline)
    walk.walk(data, "", 1)
    return walk.out
