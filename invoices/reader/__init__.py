"""The safe invoice reader: DIAN e-invoice uploads (ZIP or XML) to facts, in memory.

Pure Python: no models, no database, no disk. The pipeline and ``manage.py
parse_invoice`` call ``read_upload``; see ``../shared/contracts/parse_invoice.md``.
"""

from .errors import ERROR_CODES, ReaderError
from .limits import Limits
from .reader import ReadResult, read_upload

__all__ = ["ERROR_CODES", "Limits", "ReadResult", "ReaderError", "read_upload"]
