"""Settings for `make perf` only: the production settings plus the benchmark's own URLconf.

gunicorn finds this module through `--pythonpath scripts`; nothing in the product imports
it, so the bare view never exists outside the benchmark.
"""

import os

from footcare.settings import *  # noqa: F403 - the production settings, unchanged

ROOT_URLCONF = "perf_site.urls"
# collectstatic writes into the benchmark's temporary folder, never into the tree.
STATIC_ROOT = os.environ["PERF_STATIC_ROOT"]

# `{% load cache %}` loads the benchmark's own tag, which can leave chosen fragments uncached.
TEMPLATES[0]["OPTIONS"]["libraries"] = {"cache": "perf_site.fragments"}  # noqa: F405
# The benchmark's tag is meant to take the name of Django's.
SILENCED_SYSTEM_CHECKS = ["templates.W003"]
