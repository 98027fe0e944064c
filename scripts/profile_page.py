"""Where one page's time goes: cProfile over repeated requests, in-process, production settings.

    .venv/bin/python scripts/profile_page.py /journal/today/ [--requests 200] [--sort tottime]

Prepares a throw-away SQLite database with the demo data exactly as `make perf` does, logs
the demo account in through Django's test client (under the same settings, so the session
is valid), requests the page once to warm it, then profiles the next N requests and prints
the top functions. Everything lives in a temporary folder that is removed at the end.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

import perf  # noqa: E402 - the benchmark's own environment and data preparation


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--anonymous", action="store_true", help="do not log in")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="footcare-profile-"))
    try:
        env = perf.environment(workdir)
        perf.prepare(env)
        os.environ.clear()
        os.environ.update(env)
        import django

        django.setup()
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        response = client.post("/accounts/login/", perf.DEMO)
        if args.anonymous:
            client.logout()
        elif response.status_code != 302:
            raise SystemExit(f"logging in answered {response.status_code}")
        for path in args.paths:
            status = client.get(path).status_code
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.requests):
                client.get(path)
            profiler.disable()
            print(f"\n===== {path} (status {status}), {args.requests} requests")
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
