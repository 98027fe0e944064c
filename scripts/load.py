"""A load run: the app under gunicorn on 127.0.0.1, simulated people using it at once.

    .venv/bin/python scripts/load.py --users 20 --seconds 30     (or: make load)

Starts gunicorn with production settings (DEBUG off, a generated secret key, hashed static
files) on a free loopback port, on a throw-away SQLite file, or on DATABASE_URL when that is
set (e.g. `scripts/with-postgres make load`). Each simulated person logs in once with the
right password, then until the time is up opens days, saves and re-saves them, and reads
History and Reports (with the chart images Reports links to). Afterwards it stops gunicorn,
prints requests per second and p50/p99 latency per page, and checks in the database that
every save the server acknowledged is stored with the values last acknowledged. Exits 1 when
any response was not 2xx/3xx or not the expected one, or any acknowledged save is missing.

The requests carry X-Forwarded-Proto: https as the TLS proxy in front of production would,
so the HTTPS redirect, secure cookies and CSRF origin checks are the production ones.
"""

import argparse
import datetime
import http.client
import ipaddress
import os
import random
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
# The production tests' starter: the same gunicorn command line as the tests and make perf.
from tests.production.servers import Gunicorn, free_port, spawn_gunicorn  # noqa: E402

PASSWORD = "load-run-" + secrets.token_urlsafe(12)
SAVE_POOL_DAYS = 14  # saves go to the 14 days before today, so people re-save the same days
SEEDED_DAYS = 180  # older history per person, so History and Reports have data to read
REQUEST_TIMEOUT = 60


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    not_ok: int = 0  # responses other than 2xx/3xx
    failures: list[str] = field(default_factory=list)
    # (username, day) -> the values of the last save the server acknowledged
    acknowledged: dict[tuple[str, datetime.date], tuple] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, page: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies[page].append(seconds)
            self.not_ok += not 200 <= status < 400

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)


class Browser:
    """One person's cookies and requests, as a browser behind the TLS proxy would send them."""

    def __init__(self, port: int, stats: Stats, address: str) -> None:
        self.port = port
        self.address = address
        self.stats = stats
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(
        self,
        page: str,
        method: str,
        path: str,
        form: dict[str, object] | None = None,
        expect: int = 200,
        location: str | None = None,
    ) -> tuple[int, str, str]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies["csrftoken"]}, True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        # gunicorn's sync workers close the connection after each response anyway.
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except OSError as error:
            self.stats.fail(f"{page}: {method} {path}: {error!r}")
            raise
        finally:
            connection.close()
        self.stats.record(page, time.perf_counter() - started, response.status)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        got_location = response.getheader("Location", "")
        if response.status != expect or (location is not None and got_location != location):
            self.stats.fail(
                f"{page}: {method} {path} answered {response.status} {got_location!r}, "
                f"expected {expect} {location or ''}"
            )
        return response.status, got_location, text


def simulate(
    browser: Browser,
    username: str,
    days: list[datetime.date],
    exercise_ids: list[int],
    deadline: float,
    seed: int,
) -> None:
    rng = random.Random(seed)
    stats = browser.stats
    _, _, html = browser.request("login form", "GET", "/accounts/login/")
    # The hashed stylesheet collectstatic wrote, served by WhiteNoise as in production.
    for href in re.findall(r'href="(/static/[^"]+\.css)"', html):
        browser.request("static css", "GET", href)
    browser.request(
        "log in",
        "POST",
        "/accounts/login/",
        {"username": username, "password": PASSWORD},
        expect=302,
        location="/journal/today/",
    )
    saves = 0
    while time.monotonic() < deadline and not stats.failures:
        day = rng.choice(days)
        url = f"/journal/day/{day.isoformat()}/"
        browser.request("open a day", "GET", url)
        saves += 1
        values = (
            rng.choice([None, *range(11)]),
            rng.choice([None, *range(11)]),
            rng.choice([None, *range(11)]),
            f"{username} save {saves}: knees, “quotes” and ünïcödé\nsecond line",
            frozenset(rng.sample(exercise_ids, rng.randint(0, len(exercise_ids)))),
        )
        back, hip, knee, note, ticked = values
        status, location, _ = browser.request(
            "save a day",
            "POST",
            url,
            {
                "back": "" if back is None else back,
                "hip": "" if hip is None else hip,
                "knee": "" if knee is None else knee,
                "note": note,
                "exercises": sorted(ticked),
            },
            expect=302,
            location=url,
        )
        if status == 302 and location == url:
            with stats.lock:
                stats.acknowledged[(username, day)] = values
        roll = rng.random()
        if roll < 0.4:
            browser.request("history", "GET", "/journal/history/")
        elif roll < 0.7:
            _, _, html = browser.request("reports", "GET", "/journal/reports/")
            for src in re.findall(r'<img[^>]+src="(/[^"]+)"', html):
                if not src.startswith("/static/"):
                    browser.request("reports chart", "GET", src.replace("&amp;", "&"))


def wait_until_serving(server: Gunicorn) -> None:
    for _ in range(300):
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited early:\n{server.log_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            connection.request(
                "GET",
                "/accounts/login/",
                headers={"Host": f"127.0.0.1:{server.port}", "X-Forwarded-Proto": "https"},
            )
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.1)
    raise SystemExit(f"gunicorn did not answer:\n{server.log_text()[-3000:]}")


def percentile(sorted_values: list[float], fraction: float) -> float:
    # Nearest rank: p99 of 150 samples is the 149th, a latency that really happened.
    rank = max(1, round(fraction * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def print_report(stats: Stats, elapsed: float, users: int, database: str) -> None:
    print(f"\nLoad run: {users} simulated people for {elapsed:.1f} s, {database}, gunicorn ")
    print("with 2 sync workers on 127.0.0.1, production settings.\n")
    print(f"{'page':<14} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    total = 0
    for page, values in stats.latencies.items():
        values = sorted(values)
        total += len(values)
        print(
            f"{page:<14} {len(values):>9} {len(values) / elapsed:>8.1f} "
            f"{percentile(values, 0.50) * 1000:>8.0f} {percentile(values, 0.99) * 1000:>8.0f}"
        )
    every = sorted(v for values in stats.latencies.values() for v in values)
    if not every:
        return
    print(
        f"{'all':<14} {total:>9} {total / elapsed:>8.1f} "
        f"{percentile(every, 0.50) * 1000:>8.0f} {percentile(every, 0.99) * 1000:>8.0f}"
    )


def production_environment(database_url: str, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"https://127.0.0.1:{port}",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
    )
    return env


def prepare_database(users: int, run_id: str) -> tuple[list[str], list[int], list]:
    """Migrate, load the catalog, create the people with a seeded history (in this process)."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.utils import timezone

    from exercises.models import Exercise
    from journal.models import Entry

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_catalog", verbosity=0)
    exercise_ids = list(Exercise.objects.active().values_list("pk", flat=True))
    user_model = get_user_model()
    hashed = make_password(PASSWORD)  # Argon2, as production; one hash serves everyone
    names = [f"load-{run_id}-{n:02d}" for n in range(users)]
    user_model.objects.bulk_create(user_model(username=name, password=hashed) for name in names)
    today = timezone.localdate()
    rng = random.Random(run_id)
    Entry.objects.bulk_create(
        Entry(
            user=user,
            day=today - datetime.timedelta(days=offset),
            back=rng.randint(0, 10),
            hip=rng.randint(0, 10),
            knee=rng.randint(0, 10),
            note="seeded",
        )
        for user in user_model.objects.filter(username__in=names)
        for offset in range(SAVE_POOL_DAYS + 1, SAVE_POOL_DAYS + 1 + SEEDED_DAYS)
    )
    pool = [today - datetime.timedelta(days=offset) for offset in range(1, SAVE_POOL_DAYS + 1)]
    return names, exercise_ids, pool


def verify_saves(stats: Stats, names: list[str], pool: list) -> list[str]:
    from django.db import connections

    from journal.models import Entry

    connections.close_all()  # read what the server wrote, not a cached connection's view
    problems = []
    stored = {
        (entry.user.username, entry.day): (
            entry.back,
            entry.hip,
            entry.knee,
            entry.note,
            frozenset(e.pk for e in entry.exercises.all()),
        )
        for entry in Entry.objects.filter(user__username__in=names, day__in=pool)
        .select_related("user")
        .prefetch_related("exercises")
    }
    for key, values in stats.acknowledged.items():
        if key not in stored:
            problems.append(f"lost write: {key[0]} {key[1]} acknowledged but not stored")
        elif stored[key] != values:
            problems.append(f"lost write: {key[0]} {key[1]} stored {stored[key]} != {values}")
    for key in stored.keys() - stats.acknowledged.keys():
        problems.append(f"unexpected entry: {key[0]} {key[1]} stored but never acknowledged")
    print(
        f"\nDatabase check: {len(stats.acknowledged)} acknowledged (person, day) saves, "
        f"{len(stored)} stored in the save window, {len(problems)} lost or wrong."
    )
    return problems


def remove_load_users(names: list[str]) -> None:
    from axes.models import AccessAttempt, AccessLog
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username__in=names).delete()  # entries go with them
    AccessLog.objects.filter(username__in=names).delete()
    AccessAttempt.objects.filter(username__in=names).delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="footcare-load-"))
    try:
        return load_run(args, workdir)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        shutil.rmtree(workdir, ignore_errors=True)


def load_run(args: argparse.Namespace, workdir: Path) -> int:
    given_database = os.environ.get("DATABASE_URL", "")
    database_url = given_database or f"sqlite:///{workdir / 'load.sqlite3'}"
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite (a fresh file)"
    port = free_port()
    env = production_environment(database_url, port)
    # This process prepares and checks the database with exactly the server's settings.
    os.environ.clear()
    os.environ.update(env, DJANGO_SETTINGS_MODULE="footcare.settings")

    print(f"Preparing {database}: migrate, collectstatic, catalog, {args.users} people ...")
    names, exercise_ids, pool = prepare_database(args.users, secrets.token_hex(3))
    server = spawn_gunicorn(env, workdir, port=port, workers=args.workers, access_log=False)
    try:
        wait_until_serving(server)
        print(f"gunicorn (pid {server.process.pid}) on {server.url}; running {args.seconds:g} s")
        stats, elapsed = run_people(port, names, pool, exercise_ids, args.seconds)
    finally:
        server.stop()
    print_report(stats, elapsed, args.users, database)
    problems = verify_saves(stats, names, pool)
    if given_database:
        remove_load_users(names)  # leave a given database as it was
    errors = [
        line
        for line in server.log_text().splitlines()
        if any(word in line.lower() for word in ("error", "traceback", "exception"))
    ]
    print(f"Responses not 2xx/3xx: {stats.not_ok}")
    print(f"Responses not the expected one or failed requests: {len(stats.failures)}")
    print(f"Errors in the gunicorn log: {len(errors)}")
    for line in [*stats.failures[:10], *problems[:10], *errors[:10]]:
        print("  " + line)
    ok = not (stats.failures or stats.not_ok or problems or errors) and stats.acknowledged
    print("\nLOAD RUN PASSED" if ok else "\nLOAD RUN FAILED")
    return 0 if ok else 1


def run_people(
    port: int, names: list[str], pool: list, exercise_ids: list[int], seconds: float
) -> tuple[Stats, float]:
    stats = Stats()
    started = time.monotonic()
    deadline = started + seconds
    first_address = ipaddress.ip_address("10.0.0.1")
    threads = [
        threading.Thread(
            target=run_person,
            args=(
                Browser(port, stats, str(first_address + n)),
                name,
                pool,
                exercise_ids,
                deadline,
                n,
            ),
        )
        for n, name in enumerate(names)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, time.monotonic() - started


def run_person(
    browser: Browser,
    username: str,
    days: list,
    exercise_ids: list[int],
    deadline: float,
    seed: int,
) -> None:
    try:
        simulate(browser, username, days, exercise_ids, deadline, seed)
    except Exception as error:
        browser.stats.fail(f"{username}: {error!r}")


if __name__ == "__main__":
    sys.exit(main())
