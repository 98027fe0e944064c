"""Each {% cache %} fragment's gain, as a paired A/B under gunicorn.

    .venv/bin/python scripts/perf_fragments.py          (or: make perf-fragments)
    PERF_FRAGMENTS=nav,entry_form make perf-fragments   (only those)

Server A runs the code as it is; server B the same code with one fragment rendered afresh on
every request (`scripts/perf_site/fragments.py` reads PERF_FRAGMENTS_OFF). Both use the
production settings of `scripts/perf.py`, whose helpers this script shares; the figures are
kept in docs/performance.md.
"""

import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from perf import (
    BASE_DIR,
    ROUNDS,
    WRK_SCRIPT,
    Page,
    discover_pages,
    drive,
    environment,
    first_response,
    load_average,
    logged_in_client,
    loopback_client,
    prepare,
    start,
)

# The page each fragment is measured on. The frame's fragments (head, nav) on the catalog,
# where the frame is most of the work.
FRAGMENT_PAGES = {
    "base_head": "/exercises/",
    "nav": "/exercises/",
    "exercise_list": "/exercises/",
    "exercise_detail": "{exercise}",
    "entry_form": "/journal/today/",
    "rating_field": "/journal/today/",
    "history_month": "/journal/history/",
    "history_list": "/journal/history/",
    "routine_list": "/journal/routine/",
    "report_body": "/journal/reports/?range=90",
    "your_data_actions": "/accounts/data/",
}
FRAGMENT_TAG = re.compile(r"{%\s*cache\s+\S+\s+(\w+)")


def fragments_in_templates() -> list[str]:
    names = {
        name
        for path in BASE_DIR.glob("**/templates/**/*.html")
        if ".venv" not in path.parts
        for name in FRAGMENT_TAG.findall(path.read_text())
    }
    return sorted(names)


def fragments_benchmark(workdir: Path) -> int:
    """Each fragment as a paired A/B: server A has every fragment, server B the same code with
    one fragment rendered afresh on every request; the page is driven on A and on B in
    turn, PERF_ROUNDS times (the order alternating), so that load elsewhere on the machine
    falls on both alike. Prints the median req/s of each and their ratio."""
    names = fragments_in_templates()
    chosen = [name for name in os.environ.get("PERF_FRAGMENTS", "").split(",") if name]
    names = [name for name in names if name in chosen] if chosen else names
    unmapped = [name for name in names if name not in FRAGMENT_PAGES]
    if unmapped:
        raise SystemExit(f"add the page to measure {unmapped} on to FRAGMENT_PAGES in perf.py")
    print(f"Load average before: {load_average()} (1, 5, 15 min; {os.cpu_count()} cores)")
    # PERF_FRAGMENTS_ALSO_OFF leaves fragments uncached on both sides: a fragment nested in
    # another (rating_field in entry_form) is measured on the outer one's misses that way.
    also_off = os.environ.get("PERF_FRAGMENTS_ALSO_OFF", "")
    env = {**environment(workdir), "PERF_FRAGMENTS_OFF": also_off}
    prepare(env)
    script = workdir / "count.lua"
    script.write_text(WRK_SCRIPT)
    server_a = start(env, workdir, "a")
    port_a = server_a.port
    rows, problems = [], []
    try:
        first_response(server_a)
        client = logged_in_client(port_a)
        cookie = client.cookie_header()
        exercise = discover_pages(client)[3].path
        for name in names:
            path = FRAGMENT_PAGES[name].format(exercise=exercise)
            off = ",".join(filter(None, [also_off, name]))
            server_b = start({**env, "PERF_FRAGMENTS_OFF": off}, workdir, "b")
            port_b = server_b.port
            try:
                first_response(server_b)
                with_it, without = Page(f"{name} on", path), Page(f"{name} off", path)
                for port in (port_a, port_b):
                    # The same session on both (one database, one cache), warm and answering.
                    browser = loopback_client(port)
                    browser.cookies = dict(client.cookies)
                    status = browser.get(path).status
                    if status != 200:
                        problems.append(f"{path} answered {status} on port {port}")
                for round_number in range(ROUNDS):
                    pair = [(with_it, port_a), (without, port_b)]
                    for page, port in pair if round_number % 2 == 0 else pair[::-1]:
                        problem = drive(port, page, cookie, script)
                        if problem:
                            problems.append(problem)
                rows.append((name, path, with_it, without))
            finally:
                server_b.stop()
    finally:
        server_a.stop()
    print(f"\nLoad average after: {load_average()}")
    print_fragment_table(rows)
    print("\n".join(["", *problems, "PERF FAILED" if problems else "PERF DONE"]))
    return 1 if problems else 0


def print_fragment_table(rows: list[tuple[str, str, Page, Page]]) -> None:
    print(
        f"\n{'fragment':<18} {'page':<28} {'with req/s':>10} {'without':>8} {'ratio':>6} "
        f"{'p50 with':>9} {'without':>8}   runs with / without (req/s)"
    )
    for name, path, with_it, without in rows:
        rate_on = statistics.median(run[0] for run in with_it.runs)
        rate_off = statistics.median(run[0] for run in without.runs)
        p50_on = statistics.median(run[1] for run in with_it.runs)
        p50_off = statistics.median(run[1] for run in without.runs)
        runs = " ".join(f"{run[0]:.0f}" for run in with_it.runs)
        runs_off = " ".join(f"{run[0]:.0f}" for run in without.runs)
        print(
            f"{name:<18} {path[:28]:<28} {rate_on:>10.0f} {rate_off:>8.0f} "
            f"{rate_on / rate_off:>6.2f} {p50_on:>9.1f} {p50_off:>8.1f}   {runs} / {runs_off}"
        )


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("make perf-fragments needs wrk: apt-get install -y wrk")
    workdir = Path(tempfile.mkdtemp(prefix="footcare-perf-"))
    try:
        return fragments_benchmark(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
