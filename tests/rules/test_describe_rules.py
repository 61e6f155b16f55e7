"""docs/rules/<slug>.md are generated from the rule sets and committed: they must be up to date."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from benefits.management.commands.describe_rules import documents
from benefits.rules import cooperatives, rule_sets

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"


@pytest.mark.parametrize("slug", cooperatives())
def test_the_committed_staff_document_matches_the_rule_set(slug):
    committed = (DOCS / f"{slug}.md").read_text(encoding="utf-8")
    assert committed == documents()[slug], (
        "Run `python manage.py describe_rules` and commit docs/rules/."
    )


def test_each_document_lists_every_benefit_its_amounts_and_the_readings():
    docs = documents()
    for rule_set in rule_sets():
        text = docs[rule_set.cooperative]
        for spec in rule_set.benefits:
            assert f"### `{spec.code}` — {spec.name}" in text
        for reading in rule_set.readings:
            assert reading in text
    assert "| Más de 73 meses (desde 73) | 50 % de un SMMLV |" in docs["san-simon"]
    assert "| Más de 20 años | 12 SMMLV |" in docs["coprocenva"]


def test_the_command_writes_the_documents_and_check_mode_catches_a_stale_one(tmp_path):
    call_command("describe_rules", "--output", str(tmp_path), stdout=io.StringIO())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{slug}.md" for slug in cooperatives()
    )
    call_command("describe_rules", "--output", str(tmp_path), "--check")
    (tmp_path / "cemcop.md").write_text("viejo", encoding="utf-8")
    with pytest.raises(CommandError, match="desactualizados"):
        call_command("describe_rules", "--output", str(tmp_path), "--check")
