"""Check a drawing a curator uploads: PNG or WebP decoded and re-encoded, or SVG cut to a
safe subset. Anything else is refused with a sentence that says what is wrong.

Nothing from the upload is stored as it came: a raster image is decoded and written again
(so EXIF, text chunks and anything appended after the image are gone), an SVG is parsed and
written again from the elements and attributes it was allowed to keep.
"""

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_SIDE = 3000  # pixels, either way
MAX_PIXELS = 6_000_000
MAX_SVG_BYTES = 200 * 1024

RASTER_TYPES = {"PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
SVG_TYPE = "image/svg+xml"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Shapes, groups and their descriptions: enough for a line drawing, nothing that runs,
# loads or links.
SVG_ELEMENTS = {
    "svg",
    "g",
    "title",
    "desc",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
}
# Editors' bookkeeping, dropped without a word.
IGNORED_ELEMENTS = {"metadata"}
IGNORED_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
}
GEOMETRY = {
    "x",
    "y",
    "width",
    "height",
    "rx",
    "ry",
    "cx",
    "cy",
    "r",
    "x1",
    "y1",
    "x2",
    "y2",
    "points",
    "d",
    "transform",
    "viewBox",
    "preserveAspectRatio",
}
PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-opacity",
    "opacity",
    "vector-effect",
    "shape-rendering",
    "display",
    "visibility",
}
ACCESSIBILITY = {"role", "aria-label", "aria-hidden"}
SVG_ATTRIBUTES = GEOMETRY | PRESENTATION | ACCESSIBILITY
# Attributes that are harmless but mean nothing without what we removed.
IGNORED_ATTRIBUTES = {"id", "class", "version", "baseProfile", "xml:space", "enable-background"}
# Values that could reach out of the picture: a reference, a script, a style rule.
DANGEROUS_VALUE = re.compile(r"url\s*\(|javascript:|data:|expression\s*\(|@import|&", re.I)
SAFE_VALUE = re.compile(r"^[\w\s#.,%()+\-:;/]*$")


@dataclass(frozen=True)
class CheckedDrawing:
    content: bytes
    content_type: str
    extension: str


def check_upload(name: str, data: bytes) -> CheckedDrawing:
    """The drawing to store, or a ValidationError whose message a curator can act on."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if not data:
        raise ValidationError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; a drawing can be at most 2 MB."
        )
    if extension == "svg":
        return CheckedDrawing(clean_svg(data), SVG_TYPE, "svg")
    if extension not in ("png", "webp"):
        raise ValidationError(
            f"Upload a PNG, WebP or SVG drawing; a .{extension or '(no extension)'} file is "
            "not accepted."
            if extension
            else "Upload a PNG, WebP or SVG drawing; this file name has no extension."
        )
    return clean_raster(data, extension)


def clean_raster(data: bytes, extension: str) -> CheckedDrawing:
    try:
        # open() reads only the header: the size is known before any pixel is decoded, so
        # a small file that would unpack to gigabytes is refused before it can.
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in RASTER_TYPES:
                raise ValidationError(
                    f"This is a {image.format} image; upload a PNG, WebP or SVG drawing."
                )
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise ValidationError(
                    f"The image is {width:,} × {height:,} pixels; a drawing can be at most "
                    f"{MAX_SIDE:,} pixels either way and {MAX_PIXELS // 1_000_000} million "
                    "pixels in all."
                )
            if getattr(image, "n_frames", 1) > 1:
                raise ValidationError("Animated images are not accepted; upload a still one.")
            wanted, content_type = RASTER_TYPES[image.format]
            if extension != wanted:
                raise ValidationError(
                    f"The file is named .{extension} but it is a {image.format} image; "
                    f"rename it to .{wanted} and upload it again."
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
    except Image.DecompressionBombError:
        raise ValidationError(
            "The image has far too many pixels to open safely; a drawing can be at most "
            f"{MAX_SIDE:,} pixels either way."
        ) from None
    except UnidentifiedImageError:
        raise ValidationError(
            "This file is not an image we can read; upload a PNG, WebP or SVG drawing."
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            "The image is damaged or incomplete and cannot be read; save it again and upload "
            "the new file."
        ) from error
    mode = (
        "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info else "RGB"
    )
    out = io.BytesIO()
    # Written anew from the pixels alone: no EXIF, no text chunks, nothing appended.
    if wanted == "png":
        upright.convert(mode).save(out, "PNG", optimize=True)
    else:
        upright.convert(mode).save(out, "WEBP", quality=90, method=4)
    return CheckedDrawing(out.getvalue(), content_type, wanted)


def _parse_svg(data: bytes) -> ET.Element:
    head = data[:2048].decode("utf-8", "replace")
    if "<!DOCTYPE" in head.upper() or "<!ENTITY" in data.decode("utf-8", "replace").upper():
        raise ValidationError(
            "The SVG declares a DOCTYPE or entities, which are not accepted; save it as plain SVG."
        )
    try:
        # Safe here: there is no DOCTYPE (checked above), so no entity to expand, and
        # ElementTree never fetches anything.
        return ET.fromstring(data)  # noqa: S314
    except ET.ParseError as error:
        raise ValidationError(f"The SVG is not well-formed XML ({error}).") from None


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def clean_svg(data: bytes) -> bytes:
    if len(data) > MAX_SVG_BYTES:
        raise ValidationError(
            f"The SVG is {len(data) // 1024} KB; an SVG drawing can be at most "
            f"{MAX_SVG_BYTES // 1024} KB."
        )
    root = _parse_svg(data)
    if _split(root.tag) != (SVG_NS, "svg"):
        raise ValidationError("This is not an SVG image: its outer element is not <svg>.")
    if not root.get("viewBox"):
        raise ValidationError(
            "The SVG has no viewBox, so it cannot be scaled to the screen; add one (for "
            'example viewBox="0 0 320 200").'
        )
    clean = _clean_element(root)
    ET.register_namespace("", SVG_NS)
    return ET.tostring(clean, encoding="utf-8", xml_declaration=False) + b"\n"


def _clean_element(element: ET.Element) -> ET.Element:
    namespace, name = _split(element.tag)
    if namespace != SVG_NS or name not in SVG_ELEMENTS:
        label = name if namespace in (SVG_NS, "") else f"{name} ({namespace})"
        if name == "script":
            raise ValidationError("The SVG contains a script; scripts are not accepted.")
        raise ValidationError(
            f"The SVG contains a <{label}> element; drawings may use only shapes, paths, "
            "groups, a title and a description."
        )
    clean = ET.Element(element.tag)
    for key, value in element.attrib.items():
        attr_ns, attr = _split(key)
        if attr.lower().startswith("on"):
            raise ValidationError(
                f"The SVG has an event handler ({attr}); scripts are not accepted."
            )
        if attr == "href":
            raise ValidationError(
                "The SVG links to another file or address (href); a drawing must be "
                "complete in itself."
            )
        if attr_ns in IGNORED_NAMESPACES or key in IGNORED_ATTRIBUTES or attr in IGNORED_ATTRIBUTES:
            continue
        if attr == "style":
            for prop, prop_value in _style_declarations(value):
                _check_value(prop, prop_value)
                clean.set(prop, prop_value)
            continue
        if attr_ns or attr not in SVG_ATTRIBUTES:
            raise ValidationError(f'The SVG uses the attribute "{attr}", which is not accepted.')
        _check_value(attr, value)
        clean.set(attr, value)
    clean.text = element.text if name in ("title", "desc") else None
    for child in element:
        child_ns, child_name = _split(child.tag)
        if child_ns in IGNORED_NAMESPACES or child_name in IGNORED_ELEMENTS:
            continue
        clean.append(_clean_element(child))
    return clean


def _style_declarations(style: str) -> list[tuple[str, str]]:
    declarations = []
    for part in style.split(";"):
        if not part.strip():
            continue
        prop, _, value = part.partition(":")
        prop = prop.strip().lower()
        if prop not in PRESENTATION:
            if prop.startswith("-inkscape") or prop in ("font-family", "font-size", "font-weight"):
                continue
            raise ValidationError(
                f'The SVG\'s style uses "{prop}", which is not accepted; keep to fill and stroke.'
            )
        declarations.append((prop, value.strip()))
    return declarations


def _check_value(attr: str, value: str) -> None:
    if DANGEROUS_VALUE.search(value) or not SAFE_VALUE.match(value):
        raise ValidationError(
            f'The SVG\'s "{attr}" holds "{value[:40]}", which is not accepted: a drawing '
            "cannot refer to anything outside itself."
        )
