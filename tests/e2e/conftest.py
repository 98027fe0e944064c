"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

Playwright's own browser download does not work offline, so the tests launch the `chromium`
package. Without it they skip on a developer's machine and fail in CI (`CI` set).
"""

import datetime
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

CHROMIUM_PATHS = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 640}
LAPTOP = {"width": 1366, "height": 768}
# A 1366 x 768 laptop at 200% zoom: half as many CSS pixels each way, two device pixels each.
LAPTOP_ZOOMED = {"width": 683, "height": 384}
# Context options of a phone held in the hand: touch, and its screen's density.
TOUCH = {"has_touch": True, "is_mobile": True, "device_scale_factor": 3}
AXE = Path(__file__).parent / "vendor" / "axe-core-4.11.4" / "axe.min.js"

# Until the app sends its own Content-Security-Policy, the tests add a strict one to every
# page, so that an inline script or style shows up as a console error here and now.
STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# How long `expect` waits for what it expects before failing (it returns as soon as it holds):
# on a 2-core machine busy with other work a page load alone took over 5 s, Playwright's default.
expect.set_options(timeout=15_000)

_artifacts: list[Path] = []
_browsers: list[str] = []


def chromium_path() -> str | None:
    # Another Chromium (an older or newer build than the one apt installed) for one run.
    override = os.environ.get("FOOTCARE_CHROMIUM")
    if override:
        if not os.access(override, os.X_OK):
            raise pytest.UsageError(f"FOOTCARE_CHROMIUM={override} is not an executable file")
        return override
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("chromium")


def chromium_version(path: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603 (the path is ours or the tester's own)
            [path, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    return result.stdout.strip() or f"unknown (exit {result.returncode})"


def browser_header() -> str:
    # Debian's Chromium version moves from one day to the next: every run says which it uses.
    path = chromium_path()
    if path is None:
        return "browser tests: no Chromium found"
    return f"browser tests: {chromium_version(path)} at {path}"


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        message = "Chromium is not installed: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{message}. CI must run the browser tests.", pytrace=False)
        pytest.skip(f"Browser tests skipped: {message} (they always run in CI).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, so Django would
    # refuse ORM calls from the test; the flag is set only while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
            _browsers.append(f"Chromium {chromium.version} at {path}")
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("FOOTCARE_ARTIFACTS")
    # test-artifacts/ in the project (gitignored), where CI keeps them, unless told otherwise.
    path = Path(folder) if folder else Path(__file__).resolve().parents[2] / "test-artifacts"
    path.mkdir(parents=True, exist_ok=True)
    _artifacts.append(path)
    return path


def pytest_terminal_summary(terminalreporter: object) -> None:
    for browser in dict.fromkeys(_browsers):
        terminalreporter.write_line(f"Browser tests ran on {browser}")
    for path in _artifacts:
        terminalreporter.write_line(f"Browser screenshots: {path}")


def add_strict_csp(route: object) -> None:
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch(max_redirects=0)
    headers = dict(response.headers)
    headers.setdefault("content-security-policy", STRICT_CSP)
    route.fulfill(response=response, headers=headers)


@dataclass
class Console:
    """Errors the page logged; a test that expects one (a 404) says so with `allow`."""

    errors: list[str]
    allowed: list[re.Pattern[str]]

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def console() -> Console:
    return Console(errors=[], allowed=[])


def page_in_new_context(
    browser: object,
    live_server: object,
    console: Console,
    contexts: list[object],
    user: object = None,
    viewport: dict[str, int] = DESKTOP,
    *,
    strict_csp: bool = True,
    **options: object,
) -> object:
    """A page in a browser context of its own (added to ``contexts`` for closing), logged in
    as ``user`` when given, whose errors go to ``console``."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
    contexts.append(context)
    if strict_csp:
        context.route("**/*", add_strict_csp)
    if user is not None:
        log_in(context, user, live_server.url)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and console.errors.append(m.text))
    page.on("pageerror", lambda error: console.errors.append(str(error)))
    return page


@pytest.fixture
def new_page(browser: object, live_server: object, console: Console) -> Iterator[object]:
    contexts = []

    def open_page(
        user: object = None, viewport: dict[str, int] = DESKTOP, **options: object
    ) -> object:
        # options: Playwright's context options, e.g. color_scheme="dark", has_touch=True.
        return page_in_new_context(
            browser, live_server, console, contexts, user, viewport, **options
        )

    yield open_page
    for context in contexts:
        context.close()
    assert console.unexpected() == [], "the browser logged errors"


def log_in(context: object, user: object, url: str) -> None:
    # A session made on the server, not the login form: the form is tested once, in the
    # sign-up journey, and a login-lockout library must not count the rest.
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": url}])


@pytest.fixture
def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


SETTLE_TRANSITIONS = """() => Promise.all(
  document.getAnimations()
    .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map((a) => a.finished.catch(() => null))
)"""


def run_axe(page: object) -> list[dict[str, object]]:
    # Evaluated, not added as a <script>: the page's CSP would refuse a script tag.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    # A click leaves the pointer over the control, and Bootstrap eases a button into its
    # hover colours over 0.15 s: measured mid-way, the colours fail contrast that they
    # pass once settled (CI failed on it once). Measure what a person sees after it.
    page.evaluate(SETTLE_TRANSITIONS)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


# Controls a thumb must hit: buttons, links styled as buttons, fields, and the labels
# of checkboxes and radios (those inputs are small or hidden behind their label).
MEASURE_CONTROLS = """() => {
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 1 && box.height > 1 && style.visibility !== 'hidden';
  };
  const controls = [...document.querySelectorAll(
    'button, a.btn, a.nav-link, a.page-link, a.tab-link, a.day-cell, select, textarea, '
    + 'input:not([type=hidden]):not([type=checkbox]):not([type=radio])'
  )];
  for (const input of document.querySelectorAll('input[type=checkbox], input[type=radio]')) {
    const label = input.id && document.querySelector(`label[for="${input.id}"]`);
    if (label) controls.push(label);
  }
  return controls.filter(shown)
    .map((el) => ({
      tag: el.tagName.toLowerCase(),
      text: (el.innerText || el.name || el.id || '').trim().slice(0, 40),
      height: Math.round(el.getBoundingClientRect().height * 10) / 10,
    }))
    .filter((c) => c.height < 44);
}"""

HORIZONTAL_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def catalog_loaded(transactional_db: None) -> None:
    import io

    from django.core.management import call_command

    call_command("load_catalog", stdout=io.StringIO())
