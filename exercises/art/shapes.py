"""Primitives for the exercise drawings: lines, arrows, furniture and a posable person.

Pure functions from coordinates to SVG elements (strings), in a 320 by 200 picture whose
floor is at y = 184. Only presentation attributes: no style, no script, no reference to
anything outside the picture, so the drawings pass the same rules as an upload.
"""

import math
from collections.abc import Callable

W, H = 320, 200
FLOOR = 184

PANEL = "#fbfaf7"
EDGE = "#c9ccd1"
INK = "#1f2933"
FAR = "#6b7785"  # the limbs on the far side of the body
FURNITURE = "#52606d"
FURNITURE_FILL = "#e4e7eb"
ACCENT = "#c2410c"  # the part that moves, and its arrow: 5:1 on the panel
CLOTH = "#2f6690"
WHITE = "#ffffff"

Point = tuple[float, float]
Outline = list[tuple[str, list[Point]]]


# --- primitives ------------------------------------------------------------------------------


def fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pts(points: list[Point]) -> str:
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def line(points: list[Point], width: float, colour: str = INK) -> str:
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return (
            f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" '
            f'stroke="{colour}" stroke-width="{fmt(width)}" stroke-linecap="round"/>'
        )
    return (
        f'<polyline points="{pts(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="{fmt(width)}" stroke-linecap="round" stroke-linejoin="round"/>'
    )


def polygon(points: list[Point], fill: str) -> str:
    return f'<polygon points="{pts(points)}" fill="{fill}"/>'


def circle(c: Point, r: float, fill: str = "none", stroke: str = "", width: float = 0) -> str:
    outline = f' stroke="{stroke}" stroke-width="{fmt(width)}"' if stroke else ""
    return f'<circle cx="{fmt(c[0])}" cy="{fmt(c[1])}" r="{fmt(r)}" fill="{fill}"{outline}/>'


def ellipse(c: Point, rx: float, ry: float, stroke: str, width: float) -> str:
    return (
        f'<ellipse cx="{fmt(c[0])}" cy="{fmt(c[1])}" rx="{fmt(rx)}" ry="{fmt(ry)}" fill="none" '
        f'stroke="{stroke}" stroke-width="{fmt(width)}"/>'
    )


def rect(
    x: float,
    y: float,
    w: float,
    h: float,
    fill: str,
    stroke: str = "",
    width: float = 0,
    rx: float = 0,
) -> str:
    outline = f' stroke="{stroke}" stroke-width="{fmt(width)}"' if stroke else ""
    corner = f' rx="{fmt(rx)}"' if rx else ""
    return (
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(w)}" height="{fmt(h)}"{corner} '
        f'fill="{fill}"{outline}/>'
    )


def curve(a: Point, control: Point, b: Point, width: float, colour: str) -> str:
    d = f"M{fmt(a[0])} {fmt(a[1])}Q{fmt(control[0])} {fmt(control[1])} {fmt(b[0])} {fmt(b[1])}"
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{fmt(width)}" '
        'stroke-linecap="round"/>'
    )


def rotate(p: Point, centre: Point, degrees: float) -> Point:
    """Turn ``p`` about ``centre``; positive is clockwise on screen (y points down)."""
    a = math.radians(degrees)
    x, y = p[0] - centre[0], p[1] - centre[1]
    return (
        centre[0] + x * math.cos(a) - y * math.sin(a),
        centre[1] + x * math.sin(a) + y * math.cos(a),
    )


def along(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def arrow_head(tip: Point, direction: float, size: float, colour: str = ACCENT) -> str:
    """A filled arrow head pointing along ``direction`` (degrees, 0 = right, 90 = down)."""
    corners = [(-size * 1.1, -size * 0.75), (-size * 0.8, 0), (-size * 1.1, size * 0.75)]
    return polygon(
        [tip, *(rotate((tip[0] + x, tip[1] + y), tip, direction) for x, y in corners)], colour
    )


def straight_arrow(start: Point, end: Point, width: float = 5, size: float = 11) -> str:
    direction = math.degrees(math.atan2(end[1] - start[1], end[0] - start[0]))
    stop = rotate((end[0] - size * 0.85, end[1]), end, direction)
    return line([start, stop], width, ACCENT) + arrow_head(end, direction, size)


def turning_arrow(
    centre: Point, r: float, clockwise: bool, width: float = 5, size: float = 11
) -> str:
    """Two arcs round ``centre``, each ending in a head: the direction reads at any size."""
    sign = 1 if clockwise else -1
    parts = []
    for start in (200, 20):
        sweep = 140 * sign
        begin = start if clockwise else start + 140
        angles = [begin + sweep * i / 20 for i in range(21)]
        # Stop the line short of the tip so that its round end hides under the head.
        trim = math.degrees(size * 0.8 / r) * sign
        body = [
            (centre[0] + r * math.cos(math.radians(a)), centre[1] + r * math.sin(math.radians(a)))
            for a in [begin + (sweep - trim) * i / 20 for i in range(21)]
        ]
        end = math.radians(angles[-1])
        tip = (centre[0] + r * math.cos(end), centre[1] + r * math.sin(end))
        direction = math.degrees(end) + 90 * sign
        parts.append(line(body, width, ACCENT) + arrow_head(tip, direction, size))
    return "".join(parts)


def shape(outline: Outline, place: Callable[[Point], Point], fill: str) -> str:
    d = "".join(
        command + " ".join(f"{fmt(x)} {fmt(y)}" for x, y in map(place, points))
        for command, points in outline
    )
    return f'<path d="{d}" fill="{fill}"/>'


# --- the room --------------------------------------------------------------------------------


def floor(x0: float = 12, x1: float = W - 12, y: float = FLOOR) -> str:
    return line([(x0, y), (x1, y)], 3, FURNITURE)


def chair(
    back_x: float,
    seat_to: str,
    seat_y: float = FLOOR - 50,
    top_y: float = FLOOR - 96,
    depth: float = 48,
) -> str:
    """A plain chair seen from the side: its back at ``back_x``, the seat towards ``seat_to``."""
    d = 1 if seat_to == "right" else -1
    front = back_x + d * depth
    return "".join(
        [
            line([(back_x, FLOOR), (back_x, top_y)], 6, FURNITURE),
            line([(back_x, top_y), (back_x, top_y + 18)], 10, FURNITURE),
            line([(back_x, seat_y), (front, seat_y)], 8, FURNITURE),
            line([(front, seat_y), (front, FLOOR)], 6, FURNITURE),
        ]
    )


def worktop(x0: float, x1: float, top: float) -> str:
    return "".join(
        [
            rect(x0, top + 8, x1 - x0, FLOOR - top - 8, "none", EDGE, 2.5),
            line([(x0 + 10, top + 24), (x1 - 10, top + 24)], 2, EDGE),
            rect(x0 - 6, top, x1 - x0 + 12, 9, FURNITURE, rx=2),
        ]
    )


def wall(x: float, side: int, top: float = 12) -> str:
    """A wall seen edge on, hatched on the side away from the person (``side`` +1 = right)."""
    hatch = "".join(
        line([(x, y), (x + 9 * side, y - 9)], 2, FURNITURE)
        for y in range(int(top) + 14, FLOOR + 1, 14)
    )
    return line([(x, top), (x, FLOOR)], 3.5, FURNITURE) + hatch


def bed(post_x: float) -> str:
    """The foot of a bed: a post with a knob, the mattress and frame running off to the right."""
    return "".join(
        [
            rect(post_x, FLOOR - 86, W - post_x, 24, FURNITURE_FILL, FURNITURE, 2.5, rx=6),
            rect(post_x, FLOOR - 64, W - post_x, 14, FURNITURE),
            line([(post_x + 40, FLOOR - 50), (post_x + 40, FLOOR)], 6, FURNITURE),
            line([(post_x, FLOOR), (post_x, FLOOR - 118)], 10, FURNITURE),
            circle((post_x, FLOOR - 124), 8, FURNITURE),
        ]
    )


def pen(a: Point, b: Point) -> str:
    """A pen from its point ``a`` to its end ``b``, outlined so that it reads as a pen."""
    return "".join(
        [
            line([along(a, b, 0.16), b], 10, INK),
            line([along(a, b, 0.26), along(b, a, 0.08)], 4.5, WHITE),
            line([a, along(a, b, 0.16)], 5, INK),
        ]
    )


# --- people ----------------------------------------------------------------------------------

THIGH, SHIN, UPPER_ARM, FOREARM = 42, 40, 30, 29


def bend(a: Point, c: Point, first: float, second: float, forward: bool) -> Point:
    """The middle joint (knee, elbow) between ``a`` and ``c``: forward for a knee, back for an
    elbow."""
    dx, dy = c[0] - a[0], c[1] - a[1]
    d = min(math.hypot(dx, dy), first + second - 0.01)
    base = math.atan2(dy, dx)
    offset = math.acos(max(-1.0, min(1.0, (first**2 + d**2 - second**2) / (2 * first * d))))
    options = [
        (a[0] + first * math.cos(base + s * offset), a[1] + first * math.sin(base + s * offset))
        for s in (1, -1)
    ]
    return max(options, key=lambda p: p[0]) if forward else min(options, key=lambda p: p[0])


def leg(
    hip: Point, ankle: Point, foot: list[Point], colour: str = INK, foot_colour: str = ""
) -> str:
    knee = bend(hip, ankle, THIGH, SHIN, forward=True)
    return line([hip, knee, ankle], 12, colour) + line([ankle, *foot], 8, foot_colour or colour)


def arm(shoulder: Point, hand: Point, colour: str = INK) -> str:
    elbow = bend(shoulder, hand, UPPER_ARM, FOREARM, forward=False)
    return line([shoulder, elbow, hand], 8, colour)


def flat_foot(ankle: Point, y: float = FLOOR) -> list[Point]:
    return [(ankle[0] - 6, y - 4), (ankle[0] + 19, y - 4)]


def tiptoe_foot(ankle: Point, y: float = FLOOR) -> list[Point]:
    return [(ankle[0] + 11, y - 4), (ankle[0] + 18, y - 4)]


def person(hip: Point, shoulder: Point, far: list[str], near: list[str]) -> str:
    head = (shoulder[0] + 3, shoulder[1] - 22)
    return "".join([*far, line([shoulder, hip], 19, INK), *near, circle(head, 12.5, INK)])
