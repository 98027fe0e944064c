import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from exercises.models import Drawing, Exercise
from tests.factories import make_user

from .test_admin import CHANGE_URL, change_form_data

SVG_HEAD = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'


@pytest.fixture
def curator(db: None, client_of) -> Client:
    return client_of(make_user("curator", is_staff=True, is_superuser=True))


def png(width: int = 64, height: int = 40, **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG", **save)
    return out.getvalue()


def webp_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "The curator's phone"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    out = io.BytesIO()
    Image.new("RGB", (64, 40), "white").save(out, "WEBP", exif=exif.tobytes())
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says width x height: a decompression bomb's first bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024, 9)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def upload(curator: Client, name: str, content: bytes, phase: int = 1, **extra: object):
    exercise = Exercise.objects.get(slug="toe-presses")
    data = change_form_data(exercise)
    index = phase - 1
    data[f"drawings-{index}-replace_with"] = SimpleUploadedFile(name, content)
    data.update(extra)
    return curator.post(CHANGE_URL.format(pk=exercise.pk), data)


def drawing(phase: int = 1) -> Drawing:
    return Drawing.objects.get(exercise__slug="toe-presses", phase=phase)


def test_a_curator_replaces_a_drawing_with_a_png(curator, catalog) -> None:
    response = upload(curator, "press.png", png())
    assert response.status_code == 302
    saved = drawing()
    assert saved.upload_type == "image/png"
    assert Image.open(io.BytesIO(saved.upload)).size == (64, 40)


def test_an_uploaded_webp_loses_its_exif(curator, catalog) -> None:
    original = webp_with_exif()
    assert Image.open(io.BytesIO(original)).getexif()  # the test file does carry EXIF
    assert upload(curator, "press.webp", original).status_code == 302
    stored = Image.open(io.BytesIO(drawing().upload))
    assert stored.format == "WEBP"
    assert not stored.getexif()
    assert b"curator's phone" not in bytes(drawing().upload)


def test_a_clean_svg_is_accepted_and_stored_as_rewritten(curator, catalog) -> None:
    svg = SVG_HEAD + b'<!-- made by hand --><rect width="4" height="4" fill="#000"/></svg>'
    assert upload(curator, "press.svg", svg).status_code == 302
    stored = bytes(drawing().upload)
    assert drawing().upload_type == "image/svg+xml"
    assert b"<rect" in stored
    assert b"made by hand" not in stored


REFUSED = [
    (
        "a script inside an SVG",
        "press.svg",
        SVG_HEAD + b"<script>alert(document.cookie)</script></svg>",
        "scripts are not accepted",
    ),
    (
        "an onload attribute",
        "press.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" onload="alert(1)"/>',
        "event handler (onload)",
    ),
    (
        "an external href",
        "press.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink" '
        b'viewBox="0 0 9 9"><path d="M0 0" x:href="https://example.com/x.png"/></svg>',
        "links to another file or address",
    ),
    (
        "a reference in a fill",
        "press.svg",
        SVG_HEAD + b'<path d="M0 0" fill="url(https://example.com/#g)"/></svg>',
        "cannot refer to anything outside itself",
    ),
    (
        "an embedded HTML page",
        "press.svg",
        SVG_HEAD + b"<foreignObject><p xmlns='http://www.w3.org/1999/xhtml'>hi</p>"
        b"</foreignObject></svg>",
        "drawings may use only shapes",
    ),
    (
        "entities",
        "press.svg",
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaa">]>' + SVG_HEAD + b"<title>&a;&a;</title></svg>",
        "DOCTYPE or entities",
    ),
    ("a 30,000 x 30,000 PNG", "bomb.png", png_claiming(30_000, 30_000), "far too many pixels"),
    ("a 4,000 x 4,000 PNG", "big.png", png_claiming(4_000, 4_000), "4,000 × 4,000 pixels"),
    ("a file that is not an image", "press.png", b"Dear curator, " * 40, "not an image"),
    ("a truncated image", "press.png", png(400, 300)[:120], "damaged or incomplete"),
    ("a wrong extension", "press.webp", png(), "named .webp but it is a PNG image"),
    ("an SVG named .png", "press.png", SVG_HEAD + b"</svg>", "not an image"),
    ("a JPEG", "photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, "a .jpg file is not accepted"),
    ("an empty file", "press.png", b"", "The submitted file is empty."),
    ("broken XML", "press.svg", SVG_HEAD + b"<rect", "not well-formed XML"),
    ("no viewBox", "press.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "viewBox"),
]

WHAT = [what for what, *_rest in REFUSED]


@pytest.mark.parametrize(("what", "name", "content", "message"), REFUSED, ids=WHAT)
def test_the_admin_refuses_a_bad_file_with_a_clear_message_and_keeps_the_drawing(
    curator, catalog, what, name, content, message
) -> None:
    response = upload(curator, name, content)
    assert response.status_code == 200
    assert message in response.text
    assert drawing().upload_type == ""
    assert drawing().default_file.endswith("toe-presses-pressed.svg")


def test_a_curator_can_go_back_to_the_original_drawing(curator, catalog) -> None:
    upload(curator, "press.png", png())
    exercise = Exercise.objects.get(slug="toe-presses")
    data = change_form_data(exercise, **{"drawings-0-use_original": "on"})
    assert curator.post(CHANGE_URL.format(pk=exercise.pk), data).status_code == 302
    assert drawing().upload_type == ""
    assert drawing().upload is None


def test_the_admin_shows_the_picture_now_in_use(curator, catalog) -> None:
    page = curator.get(CHANGE_URL.format(pk=Exercise.objects.get(slug="toe-presses").pk)).text
    assert 'src="/static/exercises/drawings/toe-presses-pressed.svg"' in page
    assert "shipped with the app" in page
