"""Production installs what runs the site; the test tools come only with the dev file."""

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parents[2]
DEV_TOOLS = {"pytest", "pytest-django", "hypothesis", "time-machine", "ruff", "playwright"}


def pins(name: str) -> dict[str, str]:
    """Every ``name==version`` line of a requirements file, by canonical name."""
    found = {}
    for line in (BASE_DIR / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-r "):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(\[[a-z,]+\])?==([0-9][^ ]*)", line)
        assert match, f"{name}: {line!r} is not pinned as name==version"
        found[canonicalize_name(match[1])] = match[3]
    return found


def closure(names: set[str]) -> set[str]:
    """The packages ``names`` need at run time on this Python, as installed in the venv."""
    todo, seen = list(names), set()
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return seen


def test_the_site_requirements_hold_no_test_tool() -> None:
    site = pins("requirements.txt")
    assert not DEV_TOOLS & site.keys()
    # Nor anything only a test tool pulls in (pytest's pluggy, Playwright's greenlet...).
    dev_only = closure(DEV_TOOLS) - closure(site.keys() - closure(DEV_TOOLS))
    assert not site.keys() & dev_only


def test_the_dev_requirements_add_the_test_tools_on_top_of_the_site() -> None:
    text = (BASE_DIR / "requirements-dev.txt").read_text()
    assert "-r requirements.txt" in text.splitlines()
    dev = pins("requirements-dev.txt")
    assert dev.keys() >= DEV_TOOLS
    assert not dev.keys() & pins("requirements.txt").keys(), "pin each package in one file"


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_every_package_the_file_needs_is_pinned_to_what_the_venv_runs(name: str) -> None:
    pinned = pins("requirements.txt") | pins(name)
    missing = closure(pinned.keys()) - pinned.keys()
    assert not missing, f"{name} leaves these unpinned: {sorted(missing)}"
    for package, version in pinned.items():
        assert metadata.version(package) == version, package


def make_dry_run(target: str) -> str:
    # -B pretends every stamp is stale, -n prints the commands without running them.
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [shutil.which("make") or "make", "-n", "-B", target],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_installs_only_what_runs_the_site() -> None:
    commands = make_dry_run("run")
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["test", "lint", "e2e"])
def test_make_test_lint_and_e2e_install_the_dev_tools(target: str) -> None:
    assert "-r requirements-dev.txt" in make_dry_run(target)
