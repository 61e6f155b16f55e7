from django.core.management.base import BaseCommand, CommandError

from benefits.scale import DEFAULT_MIX, LOAD_PASSWORD, ScaleError, scale_seed


def _mix(text: str) -> dict[str, float]:
    """ "cemcop=30,coprocenva=70" → {"cemcop": 30.0, "coprocenva": 70.0}."""
    mix = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        slug, _, share = part.partition("=")
        try:
            mix[slug.strip()] = float(share or 1)
        except ValueError:
            raise CommandError(
                f"«{part}» no es una mezcla válida: escribe cooperativa=porcentaje, "
                "por ejemplo cemcop=30,san-simon=25."
            ) from None
    return mix


class Command(BaseCommand):
    help = (
        "Fills empty cooperatives with a realistic load-test database (associates, families, accounts, "
        "portal users, five years of requests with their events, documents, invoices, decisions, ledger "
        "and emails) using PostgreSQL COPY. Refuses non-empty cooperatives and production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--associates", type=int, default=200_000)
        parser.add_argument("--requests", type=int, default=1_000_000)
        parser.add_argument(
            "--users",
            type=int,
            default=2000,
            help="Associates with a portal login (known password).",
        )
        parser.add_argument(
            "--mix",
            default=",".join(f"{slug}={share}" for slug, share in DEFAULT_MIX.items()),
            help="Cooperatives and their share of the associates, e.g. cemcop=30,san-simon=25.",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same data every run)."
        )

    def handle(self, *args, associates, requests, users, mix, seed, **options):
        try:
            report = scale_seed(
                associates=associates,
                requests=requests,
                users=users,
                mix=_mix(mix),
                seed=seed,
                out=lambda line: self.stdout.write(line),
            )
        except ScaleError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(f"Base de carga lista: {report}."))
        self.stdout.write(
            f"Ingresos (contraseña de todos: {LOAD_PASSWORD}): {report.users} asociados "
            f"(<cooperativa>:<cédula> en members_user) y {', '.join(report.staff)} en /admin/."
        )
