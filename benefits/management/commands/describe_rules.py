"""`manage.py describe_rules`: write docs/rules/<slug>.md, the staff document of each rule set.

--check compares instead of writing and fails when a committed document is
out of date (the test suite runs the same comparison).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def documents() -> dict[str, str]:
    """{slug: markdown} for every cooperative with a rule set."""
    from benefits.rules import cooperatives
    from benefits.rules.describe import render

    return {slug: render(slug) for slug in cooperatives()}


class Command(BaseCommand):
    help = "Genera docs/rules/<cooperativa>.md desde los reglamentos del motor de reglas."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "docs" / "rules"),
            help="Carpeta de salida.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="No escribe: falla si algún documento está desactualizado.",
        )

    def handle(self, *args, **options):
        folder = Path(options["output"])
        stale = []
        for slug, text in documents().items():
            path = folder / f"{slug}.md"
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            if options["check"]:
                stale.append(str(path))
                continue
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Escrito {path}")
        if stale:
            raise CommandError(
                "Documentos desactualizados (ejecute manage.py describe_rules): " + ", ".join(stale)
            )
