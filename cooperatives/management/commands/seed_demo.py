from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from benefits.demo import benefits_demo_seed
from benefits.demo_requests import demo_requests_seed
from cooperatives.demo import DEMO_PASSWORD, demo_logins, demo_seed
from cooperatives.models import Cooperative


class Command(BaseCommand):
    help = "Writes the demo data of the four cooperatives (idempotent) and prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args, quiet_logins=False, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo crea usuarios de demostración: no se ejecuta en producción."
            )
        today = timezone.localdate()
        report = demo_seed(today=today)
        benefits_report = benefits_demo_seed(today=today)
        requests = 0
        for cooperative in Cooperative.objects.order_by("slug"):
            with transaction.atomic():
                requests += demo_requests_seed(cooperative=cooperative, today=today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Datos de demostración listos: {report}; {benefits_report}; {requests} solicitudes nuevas."
            )
        )
        if not quiet_logins:
            self.stdout.write(f"\nIngresos de demostración (contraseña de todos: {DEMO_PASSWORD}):")
            for where, login, what in demo_logins():
                self.stdout.write(f"  {where:<14} {login:<22} {what}")
