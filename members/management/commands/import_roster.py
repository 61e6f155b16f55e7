from django.core.management.base import BaseCommand, CommandError

from cooperatives.models import Cooperative
from members.roster import KINDS, RosterFileError, roster_import


class Command(BaseCommand):
    help = (
        "Importa el padrón de una cooperativa (asociados, beneficiarios o cuentas de ahorro) "
        "desde el CSV de su sistema. Columnas: docs/roster-import.md. Las filas con errores "
        "se informan con su número de línea y no detienen las demás."
    )

    def add_arguments(self, parser):
        parser.add_argument("cooperative", metavar="coop-slug", help="p. ej. cemcop, san-simon")
        parser.add_argument(
            "file", metavar="file.csv", help="CSV en UTF-8, separado por comas o punto y coma"
        )
        parser.add_argument(
            "--kind",
            choices=KINDS,
            help="tipo de archivo; si se omite, se detecta por el encabezado",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="procesa todo y deshace los cambios: muestra qué pasaría",
        )

    def handle(self, *args, cooperative, file, kind, dry_run, **options):
        coop = Cooperative.objects.filter(slug=cooperative).first()
        if coop is None:
            known = (
                ", ".join(Cooperative.objects.order_by("slug").values_list("slug", flat=True))
                or "ninguna"
            )
            raise CommandError(f"No existe la cooperativa «{cooperative}». Cooperativas: {known}.")
        try:
            report = roster_import(cooperative=coop, file=file, kind=kind, dry_run=dry_run)
        except RosterFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))
