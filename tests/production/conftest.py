"""The production lane: the app as deployed, on the test run's own database.

One collectstatic per test run (the manifest storage, into a temporary folder) and one
gunicorn (production settings, DEBUG off, a random secret key, the file cache) behind a
front that does what the README's nginx does, on free loopback ports. The server reads and
writes the test database itself, so a test makes its data with the ORM and then asks the
server, and the browser tests of tests/e2e run here unchanged (this folder's `live_server`
is the production server).
"""

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings

# The browser and its helpers, exactly as tests/e2e uses them.
from tests.e2e.conftest import browser, catalog_loaded, console  # noqa: F401

from .servers import Front, Gunicorn, collect_static, production_environment, start_gunicorn


@dataclass
class ProductionSite:
    folder: Path
    env: dict[str, str]
    gunicorn: Gunicorn
    front: Front
    _log_seen: int = 0
    _errors: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The address a browser uses: the front, as nginx in a deployment."""
        return self.front.url

    @property
    def secret_key(self) -> str:
        return self.env["DJANGO_SECRET_KEY"]

    def __post_init__(self) -> None:
        # pytest-django enables this around every test that uses `live_server`. With the
        # server's key, a session, token or signed link made in the test is valid there.
        self._live_server_modified_settings = override_settings(SECRET_KEY=self.secret_key)

    def clear_cache(self) -> None:
        # Each test starts from an empty shared cache, as tests/conftest.py empties the
        # test process's own: ids and catalog versions begin again after a flush.
        cache = Path(self.env["DJANGO_CACHE_URL"].removeprefix("file://"))
        shutil.rmtree(cache, ignore_errors=True)

    def new_log_errors(self) -> list[str]:
        """The errors the server logged since the last call: Django's 500s and gunicorn's own
        (a refused 403 is logged with its traceback too, as a warning)."""
        text = self.gunicorn.log_text()
        fresh, self._log_seen = text[self._log_seen :], len(text)
        return [
            line
            for line in fresh.splitlines()
            if line.startswith("Internal Server Error") or re.search(r"\[(ERROR|CRITICAL)\]", line)
        ]


def database_url() -> str:
    """The test database, as DATABASE_URL names it for the server."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="session")
def production_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="session")
def static_root(production_folder: Path) -> Path:
    """collectstatic once per run, with the production storage (hashed names, manifest)."""
    root = production_folder / "static"
    collect_static(
        production_environment(
            database_url=f"sqlite:///{production_folder / 'unused.sqlite3'}",
            cache_url="locmem://",
            static_root=root,
        )
    )
    return root


@pytest.fixture(scope="session")
def production_site(
    production_folder: Path, static_root: Path, django_db_setup: None
) -> Iterator[ProductionSite]:
    front = Front(upstream_port=0)
    env = production_environment(
        database_url=database_url(),
        cache_url=f"file://{production_folder / 'cache'}",
        static_root=static_root,
        origin=front.url,
    )
    server = start_gunicorn(env, production_folder)
    front.upstream_port = server.port
    site = ProductionSite(production_folder, env, server, front)
    try:
        yield site
    finally:
        # Before the test database is dropped: PostgreSQL refuses while the server is connected.
        front.stop()
        server.stop()


@pytest.fixture
def live_server(production_site: ProductionSite) -> ProductionSite:
    production_site.clear_cache()
    return production_site
