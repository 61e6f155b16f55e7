"""Limits for reading one upload, and the per-file deadline."""

from __future__ import annotations

import time
from dataclasses import dataclass

from .errors import ReaderError


@dataclass(frozen=True)
class Limits:
    """How much one upload may make the reader do.

    The defaults are the documented ones (also the defaults of the ``INVOICE_MAX_*``
    settings). A real supplier ZIP is 50–500 KB holding 2–5 files; the XML compresses
    10–30×, PDFs barely at all, so these leave two orders of magnitude of room while
    keeping a hostile file to a few tens of MB and well under a second.
    """

    max_upload_bytes: int = 10 * 1024 * 1024
    max_uncompressed_bytes: int = 20 * 1024 * 1024
    max_ratio: int = 100
    max_entries: int = 100
    max_depth: int = 3
    max_seconds: float = 5.0
    # Entries smaller than this are not held to max_ratio: a 5 KB run of blanks
    # compresses 500× and is harmless; everything counts against the total anyway.
    ratio_floor_bytes: int = 256 * 1024
    # Elements per XML document, bounded by counting '<' before parsing: libxml2 spends
    # ~150 bytes per node, so 20 MB of "<b/>" would be a 700 MB tree. A real invoice has
    # ~600 (a 2 000-line one ~90 000); this keeps one tree to about 20 MB.
    max_xml_elements: int = 100_000
    # XMLDSig verification copies and canonicalises the tree (about 4× its memory);
    # larger documents are read but their signature is reported as not verified.
    max_signed_bytes: int = 1024 * 1024

    @classmethod
    def from_settings(cls) -> Limits:
        """The limits from Django settings, or the plain defaults outside Django."""
        try:
            from django.conf import settings

            configured = settings.configured
        except ImportError:  # pragma: no cover - Django is a project dependency
            configured = False
        if not configured:
            return cls()
        default = cls()
        return cls(
            max_upload_bytes=int(
                getattr(settings, "INVOICE_MAX_UPLOAD_BYTES", default.max_upload_bytes)
            ),
            max_uncompressed_bytes=int(
                getattr(settings, "INVOICE_MAX_UNCOMPRESSED_BYTES", default.max_uncompressed_bytes)
            ),
            max_ratio=int(getattr(settings, "INVOICE_MAX_RATIO", default.max_ratio)),
            max_entries=int(getattr(settings, "INVOICE_MAX_ENTRIES", default.max_entries)),
            max_depth=int(getattr(settings, "INVOICE_MAX_DEPTH", default.max_depth)),
            max_seconds=float(getattr(settings, "INVOICE_MAX_SECONDS", default.max_seconds)),
            max_xml_elements=int(
                getattr(settings, "INVOICE_MAX_XML_ELEMENTS", default.max_xml_elements)
            ),
            max_signed_bytes=int(
                getattr(settings, "INVOICE_MAX_SIGNED_BYTES", default.max_signed_bytes)
            ),
        )


class Deadline:
    """A time budget checked between stages and entries (and between read chunks)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self._end:
            shown = f"{self.seconds:g} s"
            raise ReaderError(
                "zip_bomb",
                variant="time",
                limit="seconds",
                limit_value=self.seconds,
                shown_limit=shown,
            )
