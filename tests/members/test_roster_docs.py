from pathlib import Path

from members.roster import LAYOUTS

DOC = Path(__file__).resolve().parents[2] / "docs" / "roster-import.md"


def test_the_documentation_describes_every_column_of_every_layout():
    text = DOC.read_text(encoding="utf-8")

    for layout in LAYOUTS.values():
        for column in layout.columns:
            assert f"| `{column.name}` |" in text, f"{layout.kind}.{column.name} is not documented"
