"""The exercise drawings, drawn by code: ``python -m exercises.art`` writes them all.

The SVG files in static/exercises/drawings/ are this package's output, committed; a test
checks that they are exactly what it draws, so a change to a picture is a change here.
"""

from pathlib import Path

from exercises.drawing_texts import DEFAULT_DRAWINGS

from .pictures import PICTURES, svg

OUTPUT = Path(__file__).resolve().parents[2] / "static" / "exercises" / "drawings"


def render(name: str) -> str:
    """The SVG text of the drawing ``name``, its title the drawing's text alternative."""
    alt = next(drawing.alt for drawing in DEFAULT_DRAWINGS if drawing.name == name)
    return svg(alt, PICTURES[name]())


def write_all(out: Path = OUTPUT) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for drawing in DEFAULT_DRAWINGS:
        path = out / f"{drawing.name}.svg"
        path.write_text(render(drawing.name), encoding="utf-8")
        written.append(path)
    return written
