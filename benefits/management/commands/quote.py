"""`manage.py quote FILE`: evaluate benefit requests without filing them.

Contract: ../shared/contracts/quote.md. FILE holds one JSON case or an array of
them ("-" reads stdin); the output is one JSON array, one result per case in
input order, and the exit status is 0 even when cases are ineligible. A
malformed case gets {"error": "..."} in its slot and the others still
evaluate. Parameters a case does not carry come from the database, read once
per cooperative (SMMLV rows, the cooperative's parameters over the rule set's
defaults) together with the holiday calendar.
"""

import json
import sys
import traceback

from django.core.management.base import BaseCommand, CommandError


def quote_cases(raw_cases: list, *, stderr=None) -> list[dict]:
    """One result per raw case: the Decision's JSON or {"error": message}."""
    from benefits import rules
    from benefits.parameters import parameters_for
    from core.models import HolidayOverride

    parameters_by_slug = {}
    calendar = None
    results = []
    for index, raw in enumerate(raw_cases):
        try:
            if not isinstance(raw, dict):
                raise rules.CaseError("Cada caso debe ser un objeto JSON.")
            slug = raw.get("cooperative")
            if not isinstance(slug, str) or not slug.strip():
                raise rules.CaseError("Falta cooperative.")
            slug = slug.strip()
            rules.versions_of(slug)  # an unknown cooperative fails before touching the database
            if slug not in parameters_by_slug:
                parameters_by_slug[slug] = parameters_for(slug)
            if calendar is None:
                calendar = HolidayOverride.calendar()
            case = rules.case_from_json(
                raw, base_parameters=parameters_by_slug[slug], calendar=calendar
            )
            results.append(rules.evaluate(case).to_json())
        except rules.RuleError as exc:
            results.append({"error": str(exc)})
        except Exception as exc:  # one broken case must not hide the others' answers
            if stderr is not None:
                stderr.write(f"Caso {index}: error interno\n{traceback.format_exc()}")
            results.append(
                {"error": f"Error interno al evaluar el caso: {type(exc).__name__}: {exc}"}
            )
    return results


class Command(BaseCommand):
    help = "Evalúa solicitudes de auxilio (JSON) sin radicarlas: elegibilidad, monto, quién aprueba y la traza."
    requires_system_checks = []  # a quote must answer fast; `check` runs in CI

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help='Archivo JSON con un caso o una lista de casos; "-" lee la entrada estándar.',
        )

    def handle(self, *args, **options):
        path = options["file"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
        except OSError as exc:
            raise CommandError(f"No se pudo leer {path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(f"{path} no es JSON válido: {exc}") from None
        if isinstance(data, dict):
            cases = [data]
        elif isinstance(data, list):
            cases = data
        else:
            raise CommandError("La entrada debe ser un objeto JSON (un caso) o una lista de casos.")
        results = quote_cases(cases, stderr=self.stderr)
        self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
