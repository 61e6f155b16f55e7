"""Modules read before Django's apps are loaded (the fault scripts' invariants) import on their own."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("module", ["benefits.states", "faults.invariants"])
def test_it_imports_without_django_set_up(module):
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
