"""Browser tests: Playwright driving Debian's Chromium against the live server and a real worker.

Never a downloaded browser: the executable is /usr/bin/chromium (installed by
`make setup`). Screenshots of every step go to test-artifacts/e2e/.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        raise pytest.UsageError(
            "Debian's Chromium is missing: run `make setup` (apt-get install chromium)."
        )
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "es-CO",
        "viewport": {"width": 412, "height": 915},
    }  # a phone


# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe (RELIABILITY.md §3.3).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class Shots:
    """Numbered screenshots of a scenario: test-artifacts/e2e/<scenario>/<nn>-<step>.png."""

    def __init__(self, page, scenario: str):
        self.page, self.folder, self.count = page, ARTIFACTS / scenario, 0
        self.folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, step: str):
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.count:02d}-{step}.png"), full_page=True)


@pytest.fixture
def csp_violations(page):
    messages = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return messages


def emailed_path(subject_part: str, to: str) -> str:
    message = next(m for m in reversed(mail.outbox) if subject_part in m.subject and to in m.to)
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
