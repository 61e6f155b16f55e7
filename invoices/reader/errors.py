"""The one exception the reader raises, and the Spanish messages for each refusal.

Messages are fixed texts: they may mention our own limits, never anything taken
from the file (not its names, not its text), because they are shown to the
associate and written to logs.
"""

from __future__ import annotations

ERROR_CODES = (
    "empty",
    "not_zip_or_xml",
    "corrupt_zip",
    "encrypted_zip",
    "zip_too_large",
    "zip_bomb",
    "too_many_entries",
    "nested_too_deep",
    "unsafe_entry",
    "no_xml",
    "several_documents",
    "xml_malformed",
    "xml_forbidden",
    "not_an_einvoice",
)

# Keyed by (code, variant). The default variant is "".
MESSAGES = {
    ("empty", ""): (
        "El archivo está vacío. Descarga de nuevo la factura del correo del proveedor y súbela otra vez."
    ),
    ("not_zip_or_xml", ""): (
        "El archivo no es un ZIP ni un XML. Sube el ZIP que te envió el proveedor por correo "
        "o el XML de la factura electrónica; el PDF solo no sirve."
    ),
    ("corrupt_zip", ""): (
        "El archivo ZIP está dañado o incompleto. Descárgalo de nuevo del correo del proveedor "
        "y vuelve a subirlo."
    ),
    ("corrupt_zip", "method"): (
        "El ZIP usa un método de compresión que no se admite. Sube el ZIP original del proveedor "
        "o comprímelo de nuevo con la opción estándar (Deflate)."
    ),
    ("encrypted_zip", ""): (
        "El ZIP está protegido con contraseña. Sube el ZIP original, sin contraseña, tal como "
        "lo envió el proveedor."
    ),
    ("zip_too_large", ""): (
        "El archivo pesa más de {limit}, el máximo permitido. Sube solo el ZIP o el XML de la factura."
    ),
    ("zip_bomb", ""): (
        "El archivo comprimido es demasiado grande al descomprimirlo (límite {limit}). "
        "Sube solo el ZIP de la factura que envió el proveedor."
    ),
    ("zip_bomb", "ratio"): (
        "El archivo comprimido crece de forma anormal al descomprimirlo (más de {limit} veces "
        "su tamaño). Sube solo el ZIP original de la factura que envió el proveedor."
    ),
    ("zip_bomb", "elements"): (
        "El XML tiene demasiados elementos para ser una factura (límite {limit}). Sube solo el XML "
        "o el ZIP de la factura que envió el proveedor."
    ),
    ("zip_bomb", "time"): (
        "El archivo tomó demasiado tiempo en leerse (límite {limit}). Sube solo el ZIP o el XML "
        "de la factura que envió el proveedor."
    ),
    ("too_many_entries", ""): (
        "El ZIP contiene más de {limit} archivos. Sube solo el ZIP de la factura (XML, PDF y anexos)."
    ),
    ("nested_too_deep", ""): (
        "El ZIP contiene otros ZIP anidados en más de {limit} niveles. Sube el ZIP de la factura "
        "sin volver a comprimirlo."
    ),
    ("unsafe_entry", ""): (
        "El ZIP contiene rutas o enlaces que no se permiten. Sube el ZIP original que envió el proveedor."
    ),
    ("no_xml", ""): (
        "El ZIP no contiene el XML de la factura electrónica. Pide al proveedor el ZIP completo "
        "con el XML (no solo el PDF) y súbelo."
    ),
    ("several_documents", ""): (
        "El archivo contiene más de una factura o nota distinta. Sube cada documento por separado."
    ),
    ("xml_malformed", ""): (
        "El XML está dañado o incompleto. Descárgalo de nuevo del correo del proveedor y vuelve a subirlo."
    ),
    ("xml_forbidden", ""): (
        "El XML contiene declaraciones que no se permiten (DTD o entidades) y no se procesó por "
        "seguridad. Pide al proveedor el XML original de la factura electrónica."
    ),
    ("not_an_einvoice", ""): (
        "El XML no es una factura electrónica de la DIAN (factura, nota crédito o nota débito). "
        "Sube el ZIP o el XML de la factura, no la respuesta de la DIAN ni un evento."
    ),
}


class ReaderError(Exception):
    """A refusal of the upload: one contract error code and a safe Spanish message.

    ``limit`` names the limit that was exceeded (``"upload_bytes"``, ``"seconds"`` ...)
    when the refusal comes from one; ``limit_value`` is its configured value.
    """

    def __init__(
        self,
        code: str,
        *,
        variant: str = "",
        limit: str | None = None,
        limit_value: int | float | None = None,
        shown_limit: str = "",
    ):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown reader error code {code!r}")
        self.code = code
        self.variant = variant
        self.limit = limit
        self.limit_value = limit_value
        self.message = MESSAGES[(code, variant)].format(limit=shown_limit)
        super().__init__(f"{code}: {self.message}")


def human_bytes(size: int) -> str:
    """20971520 -> '20 MB'; used only to show our own limits."""
    mb = size / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"
