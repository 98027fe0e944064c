"""The app as deployed, for tests and benchmarks: collectstatic, gunicorn with the production
settings, a front that does what the README's nginx does, Redis, and a small HTTP client.

Nothing here imports pytest or Django's settings: `make perf` uses it too.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
START_SECONDS = 90
# Headers that belong to one connection, never passed on by a proxy (RFC 9110, 7.6.1).
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(
    *,
    database_url: str,
    cache_url: str,
    static_root: Path,
    origin: str = "",
    secret_key: str | None = None,
    **more: str,
) -> dict[str, str]:
    """What a deployment sets, and nothing of the test run's own environment.

    Production's defaults stay on: DEBUG off, HTTPS redirect, secure cookies, HSTS, the proxy
    header. ``origin`` is the address a browser uses to reach the front (plain http on the
    loopback, where a real deployment's browser would say https), so the CSRF check
    accepts its forms.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "FOOTCARE_", "PYTEST_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="footcare.settings",
        DJANGO_SECRET_KEY=secret_key or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DJANGO_CACHE_URL=cache_url,
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONPATH=str(BASE_DIR),
    )
    if origin:
        env.update(DJANGO_CSRF_TRUSTED_ORIGINS=origin, DJANGO_SITE_URL=origin)
    env.update(more)
    return env


def benchmark_environment(workdir: Path) -> dict[str, str]:
    """The production settings through the benchmark's settings module (`scripts/perf_site`:
    its own URLconf beside the product's, STATIC_ROOT in ``workdir``), on a SQLite file and
    the file cache in ``workdir``, served over plain HTTP on the loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="perf_site.settings",
        PYTHONPATH=os.pathsep.join([str(BASE_DIR), str(BASE_DIR / "scripts")]),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        # Plain HTTP on the loopback (wrk, the tests' requests), with no TLS proxy in front.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_PROXY_SSL_HEADER="",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=f"sqlite:///{workdir / 'perf.sqlite3'}",
        DJANGO_CACHE_URL=f"file://{workdir / 'cache'}",
        PERF_STATIC_ROOT=str(workdir / "static"),
    )
    return env


def manage(env: Mapping[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py, arguments written by the caller
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def collect_static(env: Mapping[str, str]) -> None:
    """collectstatic into the environment's DJANGO_STATIC_ROOT, with the manifest storage."""
    result = manage(env, "collectstatic", "--noinput")
    if result.returncode:
        raise RuntimeError(f"collectstatic failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    log: Path
    access_log: Path | None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stop(self) -> None:
        stop_process_group(self.process)


def spawn_gunicorn(
    env: Mapping[str, str],
    folder: Path,
    *,
    port: int,
    workers: int = 2,
    name: str = "gunicorn",
    access_log: bool = True,
) -> Gunicorn:
    """gunicorn as the README starts it (the project's gunicorn.conf.py applies: it is read
    from the directory gunicorn starts in), returned at once: a benchmark times its cold start
    from here. Without ``access_log`` it writes no line per request, as a deployment that
    leaves access logging to its proxy."""
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / f"{name}.log"
    access = folder / f"{name}.access.log" if access_log else None
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "footcare.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=120",
            *([f"--access-logfile={access}"] if access else []),
        ],
        cwd=BASE_DIR,
        env=dict(env),
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopping it ends the workers too
    )
    return Gunicorn(process, port, log, access)


def start_gunicorn(
    env: Mapping[str, str], folder: Path, *, workers: int = 2, name: str = "gunicorn"
) -> Gunicorn:
    """``spawn_gunicorn`` on a free loopback port, with an access log, once it listens."""
    for _attempt in range(5):
        server = spawn_gunicorn(env, folder, port=free_port(), workers=workers, name=name)
        if wait_until_serving(server):
            return server
        server.stop()
        if "Address already in use" not in server.log_text():
            break
    raise RuntimeError(f"gunicorn did not start:\n{server.log_text()[-4000:]}")


def wait_until_serving(server: Gunicorn) -> bool:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def stop_process_group(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- the front: what the README's nginx does


class _FrontHandler(BaseHTTPRequestHandler):
    server: "Front"

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: value
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP
            and name.lower() not in {"x-forwarded-proto", "x-forwarded-for"}
        }
        # As nginx's `proxy_set_header`: these replace whatever the client sent.
        headers["X-Forwarded-Proto"] = "https"
        headers["X-Forwarded-For"] = self.client_address[0]
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.upstream_port, timeout=120)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            content = response.read()
        except OSError:
            self.send_error(502)
            return
        finally:
            upstream.close()
        self.send_response_only(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    do_GET = do_POST = do_HEAD = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = _forward

    def log_message(self, format: str, *args: object) -> None:
        pass  # gunicorn keeps the access log


class Front(ThreadingHTTPServer):
    """A reverse proxy on a free loopback port in front of one gunicorn.

    Like the README's nginx it overwrites X-Forwarded-Proto (https: TLS ends here in a real
    deployment) and X-Forwarded-For (the address it saw), so the app's production branches
    run as deployed: HTTPS redirect, secure cookies, HSTS, the lockout's client address.
    A browser on http://127.0.0.1 treats the page as a secure context, as over HTTPS.
    """

    daemon_threads = True

    def __init__(self, upstream_port: int) -> None:
        super().__init__(("127.0.0.1", 0), _FrontHandler)
        self.upstream_port = upstream_port
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


# --- Redis, for the servers that share one cache


@dataclass
class Redis:
    process: subprocess.Popen
    port: int
    folder: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self) -> None:
        stop_process_group(self.process)


def redis_server_path() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None
    )


def start_redis(folder: Path) -> Redis:
    """Debian's redis-server on a free loopback port, nothing written to disk."""
    path = redis_server_path()
    if path is None:
        raise RuntimeError("redis-server is not installed: apt-get install redis-server")
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "redis.log"
    for _attempt in range(5):
        port = free_port()
        process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [
                path,
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
                "--protected-mode",
                "yes",
            ],
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(64).startswith(b"+PONG"):
                        return Redis(process, port, folder)
            except OSError:
                time.sleep(0.05)
        stop_process_group(process)
    raise RuntimeError(f"redis-server did not start:\n{log.read_text()[-2000:]}")


# --- a browser's cookies over plain HTTP


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Client:
    """Requests with a cookie jar, as one browser. ``headers`` go with every request (the
    two-server test sends the proxy's headers itself, as a trusted peer)."""

    base_url: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    # The scheme a browser's Origin names: "https" behind TLS (the two-server test says so
    # with X-Forwarded-Proto, as a proxy would).
    scheme: str = "http"

    def request(
        self,
        method: str,
        path: str,
        *,
        form: Mapping[str, str] | list[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        base_url: str | None = None,
    ) -> Response:
        base = base_url or self.base_url
        parts = urlsplit(base)
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            origin = f"{self.scheme}://{parts.netloc}"
            sent.setdefault("Origin", origin)
            sent.setdefault("Referer", urljoin(origin, path))
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Response(response.status, response.headers, content, path)

    def cookie_header(self) -> str:
        """The Cookie header the jar sends now (a benchmark hands it to wrk)."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def get(self, path: str, **kwargs: object) -> Response:
        return self.request("GET", path, **kwargs)

    def follow(
        self, path: str, limit: int = 5, stop_at: Collection[str] = (), **kwargs: object
    ) -> list[Response]:
        """GET and follow same-site redirects, except to a path in ``stop_at``; every answer
        in order."""
        answers = [self.get(path, **kwargs)]
        while answers[-1].status in {301, 302, 303, 307, 308} and len(answers) <= limit:
            target = urlsplit(urljoin(path, answers[-1].location))
            if target.netloc and target.netloc != urlsplit(self.base_url).netloc:
                break
            if target.path in stop_at:
                break
            path = target.path + (f"?{target.query}" if target.query else "")
            answers.append(self.get(path, **kwargs))
        return answers

    def post(
        self,
        path: str,
        form: Mapping[str, str],
        *,
        base_url: str | None = None,
        form_page: str = "",
    ) -> Response:
        """POST ``form`` with the hidden fields (CSRF token, version) of the form on
        ``form_page`` (by default the page at ``path`` itself)."""
        hidden = self.hidden_fields(form_page or path, base_url=base_url)
        return self.request("POST", path, form={**hidden, **form}, base_url=base_url)

    def hidden_fields(self, path: str, *, base_url: str | None = None) -> dict[str, str]:
        """The hidden inputs of the page's forms (which sets the CSRF cookie too)."""
        page = self.get(path, base_url=base_url)
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
        if "csrfmiddlewaretoken" not in fields:
            raise AssertionError(f"no CSRF token on {path} ({page.status})")
        return fields

    def log_in(self, username: str, password: str, *, base_url: str | None = None) -> Response:
        answer = self.post(
            "/accounts/login/", {"username": username, "password": password}, base_url=base_url
        )
        if answer.status != 302:
            raise AssertionError(f"logging in {username} answered {answer.status}")
        return answer
