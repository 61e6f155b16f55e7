"""The portal's settings with the load bench's URLs (bench/load/urls.py): one page more, nothing else."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
