from dataclasses import dataclass, field

from members.roster.layouts import KIND_LABELS


@dataclass(frozen=True)
class Rejection:
    line: int  # in the file, the header being line 1
    reason: str

    def __str__(self):
        return f"Línea {self.line}: {self.reason}"


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # 200.000, as Colombians write it


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    kind: str
    cooperative: str
    file_name: str = ""
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def reject(self, line: int, reason: str) -> None:
        self.rejections.append(Rejection(line, reason))

    def __str__(self):
        source = f" (archivo {self.file_name})" if self.file_name else ""
        lines = [f"Importación de {self.kind_label} para {self.cooperative}{source}"]
        if self.dry_run:
            lines.append("SIMULACIÓN: no se guardó ningún cambio.")
        lines += [
            f"  Creados:      {_n(self.created)}",
            f"  Actualizados: {_n(self.updated)}",
            f"  Sin cambios:  {_n(self.unchanged)}",
            f"  Rechazados:   {_n(self.rejected)}",
        ]
        if self.rejections:
            lines.append("Filas rechazadas:")
            lines += [f"  {rejection}" for rejection in self.rejections]
        return "\n".join(lines)
