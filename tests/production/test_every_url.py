"""Every URL of the site, as deployed: gunicorn, production settings, collectstatic.

The URLs come from the URLconf, so a new one is fetched without being listed anywhere
(with arguments from samples.py when it has parameters), as a visitor and as the person
whose journal it shows; then every static file a page or stylesheet names, the web app
manifest and its icons, and the service worker and the files it keeps.
"""

import json
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import reverse

from .routes import Route, all_routes
from .samples import (
    PASSWORD,
    SAMPLES,
    Expect,
    Sample,
    World,
    admin_samples,
    expect_for,
    make_world,
)
from .servers import Client, Response, manage

pytestmark = pytest.mark.django_db(transaction=True)

# What a 200 must be, by the path's suffix; anything else is a page.
CONTENT_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".ico": "image/",
    ".txt": "text/plain",
}
# collectstatic's manifest storage names each file after its content: cached for a year.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.\w+$")
LINKED = re.compile(r'(?:src|href)="([^"#]+)"')
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+?)['\"]?\s*\)")
SERVICE_WORKER_CONFIG = re.compile(r"^self\.FOOTCARE = (\{.*\});$", re.MULTILINE)


def expected_type(path: str) -> str:
    suffix = PurePosixPath(urlsplit(path).path).suffix
    return CONTENT_TYPES.get(suffix, "text/html")


def login_pages() -> set[str]:
    return {reverse("login"), reverse("admin:login")}


def _is_login(url: str) -> bool:
    return urlsplit(url).path in login_pages()


@dataclass
class Sweep:
    clients: dict[str, Client]
    problems: list[str] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # path -> HTML, for what it links
    requests: int = 0
    answers: list[str] = field(default_factory=list)  # printed with FOOTCARE_LANE_SHOW=1

    def fetch(self, who: str, path: str, expected: int | None, content_type: str = "") -> None:
        answers = self.clients[who].follow(path, stop_at=login_pages())
        self.requests += len(answers)
        first, last = answers[0], answers[-1]
        self.answers.append(f"{who:<10} {first.status} {last.status} {path}")
        failed = [a for a in answers if a.status >= 500]
        if failed:
            self.problems.append(f"{who}: GET {failed[0].url} answered {failed[0].status}")
        elif expected is not None and first.status != expected:
            where = f" -> {first.location}" if first.location else ""
            self.problems.append(
                f"{who}: GET {path} answered {first.status}{where}, not {expected}"
            )
        elif last.status in {301, 302, 303}:
            # Not followed to the login page, which is asked for as a URL of its own.
            if who == "anonymous" and not _is_login(last.location):
                self.problems.append(f"{who}: GET {path} went to {last.location}, not to log in")
        elif first.status in {301, 302, 303} and last.status != 200:
            self.problems.append(f"{who}: GET {path} ended on {last.url}, {last.status}")
        elif last.status == 200:
            self.check_type(who, last, content_type or expected_type(last.url))

    def check_type(self, who: str, answer: Response, content_type: str) -> None:
        if not answer.content_type.startswith(content_type):
            self.problems.append(
                f"{who}: GET {answer.url} is {answer.content_type!r}, not {content_type}"
            )
        elif answer.content_type.startswith("text/html"):
            self.pages.setdefault(answer.url, answer.text)


def samples_for(route: Route, world: World) -> list[Sample] | None:
    if not route.params:
        return [Sample({})]
    if route.key in SAMPLES:
        return SAMPLES[route.key](world)
    if route.is_admin:
        return admin_samples(route.key, route.params, world)
    return None


def audiences(route: Route, sample: Sample, expect: Expect) -> Iterator[tuple[str, int | None]]:
    """Who asks for the URL, and the first status each must get."""
    yield "anonymous", expect.anonymous
    if route.is_admin:
        yield "curator", expect.staff
        if expect.owner is not None:
            yield sample.owner, expect.owner
        return
    yield sample.owner, expect.owner
    if expect.outsider is not None:
        yield "outsider", expect.outsider


def logged_in_clients(url: str, world: World) -> dict[str, Client]:
    clients = {"anonymous": Client(url)}
    for username in world.people:
        clients[username] = Client(url)
        # The login form itself, as a person uses it: Argon2, axes, secure cookies, CSRF.
        clients[username].log_in(username, PASSWORD)
    return clients


def sweep_urls(sweep: Sweep, world: World) -> None:
    # Two at a time, as the server's two workers answer: the drawing is most of the time.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in pool.map(lambda job: sweep.fetch(*job), url_jobs(sweep, world)):
            pass


def url_jobs(sweep: Sweep, world: World) -> Iterator[tuple[str, str, int | None, str]]:
    for route in all_routes():
        samples = samples_for(route, world)
        if samples is None:
            sweep.problems.append(
                f"{route.key} ({route.route}) has no sample arguments: add them to SAMPLES "
                "in tests/production/samples.py"
            )
            continue
        expect = expect_for(
            route.key, is_admin=route.is_admin, named=route.name is not None, params=route.params
        )
        for sample in samples:
            path = route.path(sample.kwargs) + (f"?{sample.query}" if sample.query else "")
            for who, status in audiences(route, sample, expect):
                yield who, path, status, expect.content_type


def named_static_files(sweep: Sweep) -> set[str]:
    """What the pages link under /static/, the manifest's icons and the worker's list."""
    static = reverse("home") + "static/"
    named = {
        link.replace("&amp;", "&")
        for html in sweep.pages.values()
        for link in LINKED.findall(html)
        if link.startswith(static)
    }
    manifest = json.loads(sweep.clients["anonymous"].get(reverse("manifest")).body)
    named |= {icon["src"] for icon in manifest["icons"]}
    worker = sweep.clients["anonymous"].get(reverse("service_worker")).text
    config = SERVICE_WORKER_CONFIG.search(worker)
    if config is None:
        sweep.problems.append("/sw.js does not start with its configuration")
    else:
        named |= set(json.loads(config.group(1))["precache"])
    return named


def check_static_files(sweep: Sweep) -> int:
    client = sweep.clients["anonymous"]
    queue, done = sorted(named_static_files(sweep)), set()
    while queue:
        path = queue.pop()
        if path in done:
            continue
        done.add(path)
        answer = client.get(path)
        sweep.requests += 1
        if answer.status != 200:
            sweep.problems.append(f"static: GET {path} answered {answer.status}")
            continue
        sweep.check_type("static", answer, expected_type(path))
        if not HASHED_NAME.search(path):
            sweep.problems.append(f"static: {path} is not a hashed name from the manifest")
        elif "immutable" not in answer.headers.get("Cache-Control", ""):
            sweep.problems.append(f"static: {path} is not cached as immutable")
        if path.endswith(".css"):
            for url in CSS_URL.findall(answer.text):
                if not url.startswith(("data:", "http:", "https:", "#")):
                    queue.append(urlsplit(urljoin(path, url)).path)
    return len(done)


def test_every_url_answers_as_expected_in_production(live_server) -> None:
    world = make_world()
    sweep = Sweep(logged_in_clients(live_server.url, world))
    sweep_urls(sweep, world)
    files = check_static_files(sweep)
    if os.environ.get("FOOTCARE_LANE_SHOW"):
        # What each audience got (first and last status): to write a new URL's EXPECT line.
        print("\n".join(sorted(sweep.answers, key=lambda line: line.split()[-1])))
    assert sweep.problems == [], "\n".join(["", *sweep.problems])
    assert live_server.new_log_errors() == []
    # What the sweep covered, so that a shrinking sweep shows in the test's output.
    print(f"production lane: {sweep.requests} requests, {len(sweep.pages)} pages, {files} files")


def test_the_lanes_configuration_passes_check_deploy(live_server) -> None:
    result = manage(live_server.env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
