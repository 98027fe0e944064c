"""Page speed under gunicorn, each page against a bare Django view in the same run.

    .venv/bin/python scripts/perf.py          (or: make perf)
    PERF_SECONDS=5 PERF_ROUNDS=3 PERF_CONNECTIONS=8 make perf

Clones nothing and changes nothing in the tree: everything it writes (SQLite file, collected
static files, chart cache) goes to a temporary folder that is removed at the end. It starts
gunicorn (2 sync workers) with the production settings (DEBUG off, a throw-away secret key,
hashed static files through WhiteNoise, the file cache) on a free port of 127.0.0.1. The only
differences are the benchmark's own settings module `scripts/perf_site` (which adds the bare
`HttpResponse("ok")` view to its own URLconf) and, because wrk speaks plain HTTP on the
loopback, the HTTPS redirect and proxy header switched off through their environment
variables.

It logs the demo account in through the running server (a session made under other
settings would not be valid: its pages would answer 302), checks that every page answers 200
(the revalidation 304), then drives each page with Debian's `wrk -t2 -cN` for PERF_SECONDS,
PERF_ROUNDS times, the pages interleaved so that a burst of load elsewhere on the machine
hits them all alike. It prints the load average first, then for every page the median
req/s, p50 and p99 over the rounds and the share of the bare view's median, then worker
memory after drawing every chart and the first response after a cold start (three fresh
starts, from compiled bytecode as a deployment runs). Exits 1 if any response was not the
expected status.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The production tests' servers: the same gunicorn command line, client and Redis.
from tests.production.servers import (
    Client,
    Gunicorn,
    benchmark_environment,
    free_port,
    spawn_gunicorn,
    start_redis,
)

BASE_DIR = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("PERF_SECONDS", "5"))
ROUNDS = int(os.environ.get("PERF_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("PERF_CONNECTIONS", "8"))
WORKERS = 2
COLD_STARTS = 3
DEMO = {"username": "demo", "password": "footcare-demo"}

# Counts the responses whose status is not the expected one: wrk itself counts a 302 (an
# invalid session sent to the login page) as a success.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0; expected = tonumber(args[1]) end
function response(status, headers, body)
  if status ~= expected then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("unexpected: %d\\n", total))
end
"""


@dataclass
class Page:
    name: str
    path: str
    expect: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    runs: list[tuple[float, float, float]] = field(default_factory=list)  # req/s, p50, p99


def loopback_client(port: int) -> Client:
    """A browser's cookies against the server, over plain HTTP on the loopback."""
    return Client(f"http://127.0.0.1:{port}")


def environment(workdir: Path) -> dict[str, str]:
    env = benchmark_environment(workdir)
    # A deployment runs from compiled bytecode. Some machines (this sandbox among them) set
    # PYTHONDONTWRITEBYTECODE, and then every cold worker compiles the app's modules from
    # source (~150 ms of CPU); the bytecode goes to the temporary folder, not into the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def prepare(env: dict[str, str]) -> None:
    python = sys.executable
    manage = str(BASE_DIR / "manage.py")
    run = {"cwd": BASE_DIR, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([python, manage, "migrate", "--noinput"], env=env, **run)  # noqa: S603
    subprocess.run([python, manage, "collectstatic", "--noinput"], env=env, **run)  # noqa: S603
    # setup_demo refuses to run without DEBUG (it publishes a password); the data it writes
    # is the same either way, and the server below runs without DEBUG.
    subprocess.run(  # noqa: S603
        [python, manage, "setup_demo"], env={**env, "DJANGO_DEBUG": "true"}, **run
    )


def start(env: dict[str, str], workdir: Path, name: str = "gunicorn") -> Gunicorn:
    # No access log: a line written per request would be part of every figure.
    return spawn_gunicorn(
        env, workdir, port=free_port(), workers=WORKERS, name=name, access_log=False
    )


def first_response(server: Gunicorn) -> float:
    """Seconds from starting gunicorn to the first answer of the login page."""
    started = time.perf_counter()
    client = loopback_client(server.port)
    while time.perf_counter() - started < 60:
        if server.process.poll() is not None:
            raise SystemExit(f"gunicorn exited early:\n{server.log_text()[-3000:]}")
        try:
            status = client.get("/accounts/login/").status
        except OSError:
            time.sleep(0.02)
            continue
        if status == 200:
            return time.perf_counter() - started
        raise SystemExit(f"the login page answered {status}")
    raise SystemExit(f"gunicorn did not answer:\n{server.log_text()[-3000:]}")


def cold_starts(env: dict[str, str], workdir: Path) -> tuple[list[float], list[float]]:
    """The first response after each of COLD_STARTS fresh gunicorn starts, wall and CPU
    seconds: one start alone moves by a few hundred milliseconds with the machine."""
    walls, cpus = [], []
    for _ in range(COLD_STARTS):
        server = start(env, workdir)
        try:
            walls.append(first_response(server))
            cpus.append(max(worker_cpu_seconds(server)))
        finally:
            server.stop()
    return walls, cpus


def log_in(client: Client) -> None:
    answer = client.post("/accounts/login/", DEMO)
    if answer.status != 302 or answer.location != "/journal/today/":
        raise SystemExit(
            f"logging in the demo account answered {answer.status} {dict(answer.headers)}"
        )


def find(pattern: str, html: str, what: str) -> str:
    match = re.search(pattern, html)
    if not match:
        raise SystemExit(f"no {what} found on the page")
    return match.group(1).replace("&amp;", "&")


def discover_pages(client: Client) -> list[Page]:
    """The pages to drive, with the links (hashed CSS, chart URLs) their HTML names."""
    login = client.get("/accounts/login/").text
    css = find(r'href="(/static/[^"]+\.css)"', login, "stylesheet")
    catalog = client.get("/exercises/").text
    exercise = find(r'href="(/exercises/[\w-]+/)"', catalog, "exercise link")
    reports = client.get("/journal/reports/?range=90").text
    chart = find(r'<img[^>]+src="(/journal/reports/charts/trend\.png\?[^"]+)"', reports, "chart")
    pdf = find(r'href="(/journal/reports/doctor\.pdf\?[^"]+)"', reports, "PDF link")
    etag = client.get(chart).headers.get("ETag", "")
    if not etag:
        raise SystemExit("the chart has no ETag to revalidate")
    past_day = time.strftime("%Y-%m-%d", time.localtime(time.time() - 3 * 86400))
    return [
        Page("bare Django view", "/perf/bare/"),
        Page("static CSS (WhiteNoise)", css),
        Page("Exercises list", "/exercises/"),
        Page("an exercise page", exercise),
        Page("Today", "/journal/today/"),
        Page("a past day", f"/journal/day/{past_day}/"),
        Page("History", "/journal/history/"),
        Page("Routine", "/journal/routine/"),
        Page("Reports, 90 days", "/journal/reports/?range=90"),
        Page("Reports, 365 days", "/journal/reports/?range=365"),
        Page("Your data", "/accounts/data/"),
        Page("trend chart PNG, cached", chart),
        Page("doctor's PDF, cached", pdf),
        Page("chart revalidated (304)", chart, 304, {"If-None-Match": etag}),
    ]


def check_pages(client: Client, pages: list[Page]) -> list[str]:
    """Every page's status and first-response time; the first request also warms it."""
    problems = []
    for page in pages:
        started = time.perf_counter()
        status = client.get(page.path, headers=page.headers).status
        elapsed = time.perf_counter() - started
        print(f"  {page.name:<26} {status}  first response {elapsed * 1000:7.1f} ms")
        if status != page.expect:
            problems.append(f"{page.name}: {page.path} answered {status}, not {page.expect}")
    return problems


def draw_every_chart(client: Client) -> None:
    """Every chart in every format and the PDF, for several ranges (the cache is cold)."""
    for choice in ("30", "90", "365", "all"):
        html = client.get(f"/journal/reports/?range={choice}").text
        pattern = r'"(/journal/reports/(?:charts/[^"]+|doctor\.pdf\?[^"]+))"'
        for link in dict.fromkeys(re.findall(pattern, html)):
            answer = client.get(link.replace("&amp;", "&"))
            if answer.status == 429:
                # The app limits uncached drawing per person; wait as it asks, as a browser would.
                time.sleep(int(answer.headers.get("Retry-After", "60")))
                answer = client.get(link.replace("&amp;", "&"))
            if answer.status != 200:
                raise SystemExit(f"{link} answered {answer.status}")


def workers(server: Gunicorn) -> list[str]:
    pid = server.process.pid
    return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()


def worker_cpu_seconds(server: Gunicorn) -> list[float]:
    """CPU time each worker has used so far: unlike wall time, not stretched by the load."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = []
    for pid in workers(server):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds.append((int(fields[11]) + int(fields[12])) / ticks)  # utime + stime
    return seconds


def worker_rss_mb(server: Gunicorn) -> list[float]:
    sizes = []
    for pid in workers(server):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def parse_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk_command(port: int, page: Page, cookie: str, script: Path, connections: int) -> list[str]:
    command = [
        "wrk",
        "-t2" if connections > 1 else "-t1",
        f"-c{connections}",
        f"-d{SECONDS:g}s",
        "--latency",
        "--timeout=30s",
        "-s",
        str(script),
    ]
    for name, value in {"Cookie": cookie, **page.headers}.items():
        command += ["-H", f"{name}: {value}"]
    return [*command, f"http://127.0.0.1:{port}{page.path}", "--", str(page.expect)]


def read_wrk(page: Page, output: str) -> tuple[tuple[float, float, float], str | None]:
    """(req/s, p50 ms, p99 ms) of one wrk run, and a problem or None."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = parse_ms(re.search(r"\s50%\s+(\S+)", output).group(1))
    p99 = parse_ms(re.search(r"\s99%\s+(\S+)", output).group(1))
    unexpected = int(re.search(r"unexpected: (\d+)", output).group(1))
    errors = re.search(r"Socket errors: (.*)", output)
    problem = None
    if unexpected:
        problem = f"{page.name}: {unexpected} responses were not {page.expect}"
    elif errors:
        problem = f"{page.name}: socket errors ({errors.group(1)})"
    return (rate, p50, p99), problem


def drive(port: int, page: Page, cookie: str, script: Path) -> str | None:
    """One wrk run of the page; returns a problem, or None."""
    command = wrk_command(port, page, cookie, script, CONNECTIONS)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    run, problem = read_wrk(page, output)
    page.runs.append(run)
    return problem


def drive_rounds(pages: list[Page], drive_page: Callable[[Page], str | None]) -> list[str]:
    """Every page once a round, ``ROUNDS`` rounds; returns the problems met."""
    problems = []
    for _ in range(ROUNDS):
        for page in pages:
            problem = drive_page(page)
            if problem:
                problems.append(problem)
    return problems


def drive_pair(ports: tuple[int, int], page: Page, cookie: str, script: Path) -> str | None:
    """The page on both servers at once, half the connections each: their sum is the pair's
    rate, the slower server's p50 and p99 its latency."""
    half = max(1, CONNECTIONS // 2)
    runs = [
        subprocess.Popen(  # noqa: S603
            wrk_command(port, page, cookie, script, half), stdout=subprocess.PIPE, text=True
        )
        for port in ports
    ]
    results = [read_wrk(page, run.communicate()[0]) for run in runs]
    page.runs.append(
        (
            sum(run[0] for run, _ in results),
            max(run[1] for run, _ in results),
            max(run[2] for run, _ in results),
        )
    )
    return next((problem for _, problem in results if problem), None)


def print_table(pages: list[Page]) -> None:
    bare = statistics.median(run[0] for run in pages[0].runs)
    print(f"\n{'page':<26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'of bare':>8}")
    for page in pages:
        rate = statistics.median(run[0] for run in page.runs)
        p50 = statistics.median(run[1] for run in page.runs)
        p99 = statistics.median(run[2] for run in page.runs)
        print(f"{page.name:<26} {rate:>8.0f} {p50:>8.1f} {p99:>8.1f} {rate / bare:>8.1%}")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("make perf needs wrk: apt-get install -y wrk")
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    run = {"": benchmark, "--pair": pair_benchmark}[mode]
    workdir = Path(tempfile.mkdtemp(prefix="footcare-perf-"))
    try:
        return run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def logged_in_client(port: int) -> Client:
    client = loopback_client(port)
    log_in(client)
    return client


# --- two app servers on one PostgreSQL and one Redis (`make perf`'s second run)


def pair_benchmark(workdir: Path) -> int:
    """The same pages against two gunicorns (2 workers each) sharing PostgreSQL (DATABASE_URL,
    as scripts/with-postgres sets it) and a Redis started here, both driven at once."""
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith("postgres"):
        raise SystemExit("perf.py --pair needs DATABASE_URL: scripts/with-postgres perf.py --pair")
    print(f"Load average before: {load_average()} (1, 5, 15 min; {os.cpu_count()} cores)")
    redis = start_redis(workdir / "redis")
    servers = []
    try:
        env = {**environment(workdir), "DATABASE_URL": database, "DJANGO_CACHE_URL": redis.url}
        prepare(env)
        servers += [start(env, workdir, name) for name in ("a", "b")]
        for server in servers:
            first_response(server)
        client = logged_in_client(servers[0].port)
        pages = discover_pages(client)
        problems = check_pages(client, pages)
        print(
            f"Two gunicorns, {WORKERS} sync workers each, PostgreSQL and Redis, production "
            f"settings; wrk -c{max(1, CONNECTIONS // 2)} on each at once, {SECONDS:g} s per "
            f"page, median of {ROUNDS} rounds: req/s is the pair's sum."
        )
        if problems:
            print("\n".join(["", *problems, "PERF FAILED"]))
            return 1
        cookie = client.cookie_header()
        script = workdir / "count.lua"
        script.write_text(WRK_SCRIPT)
        ports = (servers[0].port, servers[1].port)
        problems += drive_rounds(pages, lambda page: drive_pair(ports, page, cookie, script))
    finally:
        for server in servers:
            server.stop()
        redis.stop()
    print(f"\nLoad average after: {load_average()}")
    print_table(pages)
    print("\n".join(["", *problems, "PERF FAILED" if problems else "PERF DONE"]))
    return 1 if problems else 0


def benchmark(workdir: Path) -> int:
    print(f"Load average before: {load_average()} (1, 5, 15 min; {os.cpu_count()} cores)")
    env = environment(workdir)
    prepare(env)
    script = workdir / "count.lua"
    script.write_text(WRK_SCRIPT)
    cold, cold_cpu = cold_starts(env, workdir)
    server = start(env, workdir)
    port = server.port
    try:
        first_response(server)
        client = loopback_client(port)
        log_in(client)
        pages = discover_pages(client)
        print(
            f"gunicorn, {WORKERS} sync workers, production settings, SQLite, the demo account; "
            f"wrk -t2 -c{CONNECTIONS}, {SECONDS:g} s per page, median of {ROUNDS} rounds."
        )
        print(
            f"First response after a cold start (login page), median of {COLD_STARTS}: "
            f"{statistics.median(cold) * 1000:.0f} ms wall "
            f"({', '.join(f'{s * 1000:.0f}' for s in cold)}); the busier worker had used "
            f"{statistics.median(cold_cpu) * 1000:.0f} ms of CPU to boot and answer"
        )
        problems = check_pages(client, pages)
        draw_every_chart(client)
        rss = worker_rss_mb(server)
        if problems:
            print("\n".join(["", *problems, "PERF FAILED"]))
            return 1
        cookie = client.cookie_header()
        problems += drive_rounds(pages, lambda page: drive(port, page, cookie, script))
    finally:
        server.stop()
    print(f"\nLoad average after: {load_average()}")
    print_table(pages)
    print(f"\nWorker RSS after drawing every chart: {', '.join(f'{mb:.0f} MB' for mb in rss)}")
    errors = [line for line in server.log_text().splitlines() if "Traceback" in line]
    problems += [f"gunicorn log: {line}" for line in errors[:5]]
    print("\n".join(["", *problems, "PERF FAILED" if problems else "PERF DONE"]))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
