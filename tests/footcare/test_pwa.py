"""The installable app: manifest, icons, service worker, and clearing the phone at log-out."""

import json
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from tests.factories import PASSWORD


def test_the_manifest_is_served_as_a_web_app_manifest(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"


def test_the_manifest_starts_on_today_as_a_standalone_app(client) -> None:
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert (manifest["name"], manifest["short_name"]) == ("Footcare Journal", "Footcare")
    assert (manifest["start_url"], manifest["display"]) == ("/journal/today/", "standalone")
    assert manifest["theme_color"].startswith("#")


def test_the_installed_app_turns_with_the_phone(client) -> None:
    # No "orientation": the app follows the phone, upright or on its side.
    assert "orientation" not in json.loads(client.get("/manifest.webmanifest").content)


def test_every_page_follows_the_systems_dark_mode(client, db) -> None:
    page = client.get("/").text
    assert '<meta name="color-scheme" content="light dark">' in page
    assert '<script src="/static/js/theme.js"></script>' in page.split("</head>")[0]


@pytest.mark.parametrize(("size", "purpose"), [(192, "any"), (512, "any"), (512, "maskable")])
def test_the_manifest_lists_a_real_png_icon_of_each_size(client, size, purpose) -> None:
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    icon = next(
        i for i in manifest["icons"] if i["sizes"] == f"{size}x{size}" and i["purpose"] == purpose
    )
    path = finders.find(icon["src"].removeprefix("/static/"))
    with open(path, "rb") as file:
        image = Image.open(BytesIO(file.read()))
    assert (image.format, image.size) == ("PNG", (size, size))


def test_a_maskable_icon_fills_its_corners(client) -> None:
    with Image.open(finders.find("icons/icon-maskable-512.png")) as image:
        assert image.convert("RGBA").getpixel((2, 2))[3] == 255


def test_the_service_worker_is_served_from_the_root_as_javascript(client) -> None:
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"


def test_the_service_worker_keeps_the_static_files_and_the_empty_offline_page(client) -> None:
    first_line = client.get("/sw.js").text.splitlines()[0]
    config = json.loads(first_line.removeprefix("self.FOOTCARE = ").removesuffix(";"))
    assert "/static/css/footcare.css" in config["precache"]
    assert config["shell"] == "/journal/offline/"


def test_the_policy_lets_the_app_run_its_own_worker_and_manifest(client, db) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy


def test_every_page_links_the_manifest(client, db) -> None:
    assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get("/").text


def test_logging_out_tells_the_browser_to_clear_what_it_kept(alice) -> None:
    response = alice.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_logging_out_by_get_is_refused(alice) -> None:
    assert alice.get("/accounts/logout/").status_code == 405


def test_the_drafts_key_differs_between_two_people(client_of, user, outsider) -> None:
    def key(person: object) -> str:
        html = client_of(person).get("/exercises/").text
        return html.split('name="footcare-user" content="')[1].split('"')[0]

    assert key(user) != key(outsider)


def test_deleting_the_account_tells_the_browser_to_clear_what_it_kept(alice) -> None:
    response = alice.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
