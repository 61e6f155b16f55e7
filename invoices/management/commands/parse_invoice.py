"""manage.py parse_invoice FILE [FILE ...] — see ../shared/contracts/parse_invoice.md.

Prints one JSON array, one object per file, in order, and exits 0 whatever the
files contain. Needs no database, broker or network: it never touches a model,
and each file is read into memory (at most the upload limit plus one byte).
"""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from invoices.reader import Limits, read_upload

UNREADABLE_MESSAGE = (
    "No se pudo abrir el archivo. Verifique la ruta y los permisos y vuelva a intentarlo."
)


class Command(BaseCommand):
    help = "Lee facturas electrónicas DIAN (ZIP o XML) y muestra lo que el portal extrae de cada una, en JSON."
    # System checks are skipped so the command runs with no database configured or reachable.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help="ZIP o XML tal como lo envió el proveedor"
        )

    def handle(self, *args, files, **options):
        limits = Limits.from_settings()
        results = []
        unreadable = False
        for path in files:
            name = os.path.basename(path)
            try:
                with open(path, "rb") as handle:
                    # One byte past the limit is enough to refuse an oversized file.
                    data = handle.read(limits.max_upload_bytes + 1)
            except OSError:
                unreadable = True
                results.append(
                    {
                        "file": name,
                        "path": path,
                        "ok": False,
                        "error": {"code": "unreadable", "message": UNREADABLE_MESSAGE},
                    }
                )
                continue
            result = read_upload(data, filename=name, limits=limits).to_json()
            results.append({**result, "path": path})
        encoding = (getattr(self.stdout._out, "encoding", None) or "").lower().replace("-", "")
        self.stdout.write(json.dumps(results, ensure_ascii=encoding != "utf8", indent=2))
        if unreadable:
            # A path that cannot be opened is an operator's mistake, not file content.
            raise CommandError(
                "Uno o más archivos no se pudieron abrir (ver el JSON).", returncode=1
            )
