"""Reading a roster file: encoding, delimiter, header, and each row's values."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from members.roster.layouts import KIND_LABELS, KINDS, LAYOUTS, Layout, RowError, fold
from members.roster.report import ImportReport


class RosterFileError(ValueError):
    """The file as a whole cannot be imported: unreadable, not UTF-8, or an unknown header."""


def read(file) -> tuple[str, str]:
    """(file name, text) of a path, a text stream or a binary stream (an upload)."""
    try:
        if isinstance(file, str | Path):
            name, data = Path(file).name, Path(file).read_bytes()
        else:
            name, data = Path(getattr(file, "name", "") or "").name, file.read()
        if isinstance(data, bytes):
            data = data.decode("utf-8-sig")
    except OSError as exc:
        raise RosterFileError(f"No se pudo leer el archivo {file}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise RosterFileError(
            "El archivo no está en UTF-8. En Excel, guárdelo como «CSV UTF-8 (delimitado por comas)»."
        ) from exc
    return name, data.removeprefix("\ufeff")


def _detect(header: list[str]) -> str | None:
    if "associate_document_number" in header:
        return (
            "beneficiaries"
            if "relationship" in header
            else "accounts"
            if "number" in header
            else None
        )
    return "associates" if "document_number" in header else None


def _layout_for(header: list[str], kind: str | None) -> Layout:
    detected = _detect(header)
    if kind is None and detected is None:
        expected = "; ".join(f"{KIND_LABELS[k]}: {', '.join(LAYOUTS[k].mandatory)}" for k in KINDS)
        raise RosterFileError(
            f"No se reconoce el encabezado «{', '.join(header)}». Columnas obligatorias — {expected}."
        )
    if kind is not None and detected not in (None, kind):
        raise RosterFileError(
            f"El encabezado es el de un archivo de {KIND_LABELS[detected]}, no de {KIND_LABELS[kind]}."
        )
    layout = LAYOUTS[kind or detected]
    repeated = sorted({name for name in header if header.count(name) > 1})
    unknown = [name or "(sin nombre)" for name in header if name not in layout.names]
    missing = [name for name in layout.mandatory if name not in header]
    problems = []
    if repeated:
        problems.append(f"columnas repetidas: {', '.join(repeated)}")
    if unknown:
        problems.append(f"columnas desconocidas: {', '.join(unknown)}")
    if missing:
        problems.append(f"faltan las columnas: {', '.join(missing)}")
    if problems:
        raise RosterFileError(
            f"El encabezado no corresponde a un archivo de {layout.label}: {'; '.join(problems)}."
        )
    return layout


def parse(text: str, kind: str | None) -> tuple[Layout, list[str], Iterator[tuple[int, list[str]]]]:
    """The layout, the header, and an iterator of the (line number, cells) of each non-blank row."""
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise RosterFileError("El archivo está vacío o su primera línea no es el encabezado.")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [fold(name) for name in next(reader)]
    except csv.Error as exc:
        raise RosterFileError(f"Formato CSV inválido en el encabezado: {exc}.") from exc
    while header and not header[-1]:  # spreadsheets often end lines with a separator
        header.pop()
    return _layout_for(header, kind), header, _records(reader)


def _records(reader) -> Iterator[tuple[int, list[str]]]:
    # One row at a time: a 200 000-row file is never held as lists of cells.
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield line, cells
            line = reader.line_num + 1
    except csv.Error as exc:
        raise RosterFileError(f"Formato CSV inválido cerca de la línea {line}: {exc}.") from exc


def values(
    layout: Layout, header: list[str], records, report: ImportReport
) -> Iterator[tuple[int, dict]]:
    """Each good row as (line, {field: value}); bad ones go to the report."""
    columns = [layout.column(name) for name in header]
    width = len(columns)
    for line, cells in records:
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            report.reject(line, f"la fila tiene {len(cells)} columnas y el encabezado {width}")
            continue
        row, problems = {}, []
        for column, cell in zip(columns, cells, strict=True):
            cell = cell.strip()
            if not cell:
                if column.required:
                    problems.append(f"falta {column.name}")
                else:
                    row[column.name] = column.empty()
                continue
            try:
                row[column.name] = column.parse(cell)
            except RowError as exc:
                problems.append(f"{column.name}: {exc}")
        if problems:
            report.reject(line, "; ".join(problems))
        else:
            yield line, row
