"""The portal's settings plus the proposals of bench/load/proposed.py (the "propuesto" run only)."""

from config.settings import *  # noqa: F403

SESSION_SAVE_EVERY_REQUEST = False
ROOT_URLCONF = "bench.load.proposed_urls"
