"""The foot drawn large, for the round close-ups, and the close-up itself."""

import math

from .shapes import FURNITURE, INK, WHITE, Outline, Point, circle, curve, line, rotate, shape

# --- the foot, close up ----------------------------------------------------------------------

# A right foot seen from the inside with the lower shin, toes to the right, the ball of the
# foot at (0, 0) on the floor, y negative upwards. The toes are drawn apart so they can bend.
FLAT_FOOT: Outline = [
    ("M", [(-38, -95)]),
    ("L", [(-36, -50)]),
    ("C", [(-35, -38), (-28, -30), (-16, -24)]),
    ("C", [(-6, -19), (2, -16), (6, -13)]),
    ("C", [(9, -10), (8, -1), (0, 0)]),
    ("C", [(-12, 0), (-22, -7), (-34, -6)]),
    ("C", [(-44, -5), (-50, 0), (-56, 0)]),
    ("C", [(-64, 0), (-68, -8), (-66, -18)]),
    ("C", [(-64, -28), (-60, -36), (-60, -50)]),
    ("L", [(-62, -95)]),
    ("Z", []),
]
FLAT_ANKLE = (-48, -40)
# The same foot cut off above the ankle, for a leg drawn as a line.
FOOT_ONLY: Outline = [("M", [(-36, -50)]), *FLAT_FOOT[2:-2], ("Z", [])]
# On tiptoe the foot turns about the ball and the shin stays upright above it.
TIPTOE_FOOT: Outline = [
    ("M", [(0, -112)]),
    ("L", [(1, -70)]),
    ("C", [(2, -62), (6, -56), (10, -48)]),
    ("C", [(13, -38), (14, -24), (12, -14)]),
    ("C", [(10, -8), (8, -1), (0, 0)]),
    ("C", [(-8, -4), (-14, -14), (-18, -26)]),
    ("C", [(-22, -34), (-28, -38), (-34, -44)]),
    ("C", [(-40, -50), (-38, -60), (-32, -66)]),
    ("C", [(-28, -72), (-25, -80), (-25, -90)]),
    ("L", [(-24, -112)]),
    ("Z", []),
]
# Each toe shape is a start, a control point and an end: one quadratic curve.
TOES = {
    "flat": [(1, -7), (14, -7), (26, -6)],
    "press": [(0, -8), (13, -28), (22, -5)],
    "grip": [(0, -8), (22, -16), (17, 4)],
}


def close_foot(
    ball: Point,
    scale: float,
    tiptoe: bool = False,
    toes: str = "flat",
    colour: str = INK,
    toe_colour: str = "",
) -> str:
    """The foot close up, standing (or raised) with the ball of the foot at ``ball``."""

    def place(p: Point) -> Point:
        return (ball[0] + p[0] * scale, ball[1] + p[1] * scale)

    return shape(TIPTOE_FOOT if tiptoe else FLAT_FOOT, place, colour) + curve(
        *[place(p) for p in TOES[toes]], 12 * scale, toe_colour or colour
    )


def turned_foot(ankle: Point, scale: float, degrees: float, colour: str = INK) -> str:
    """The foot alone turned about its ankle by ``degrees`` and moved so that the ankle is at
    ``ankle``, for a leg that is not upright (the leg is drawn as a line up to the ankle)."""

    def place(p: Point) -> Point:
        turned = rotate(p, FLAT_ANKLE, degrees)
        return (
            ankle[0] + (turned[0] - FLAT_ANKLE[0]) * scale,
            ankle[1] + (turned[1] - FLAT_ANKLE[1]) * scale,
        )

    return shape(FOOT_ONLY, place, colour) + curve(
        *[place(p) for p in TOES["flat"]], 12 * scale, colour
    )


def to_inset_edge(start: Point, towards: Point, margin: float) -> Point:
    """Where a line from ``start`` (inside the close-up) towards ``towards`` leaves it, less
    ``margin``."""
    dx, dy = towards[0] - start[0], towards[1] - start[1]
    length = math.hypot(dx, dy)
    ux, uy = dx / length, dy / length
    fx, fy = start[0] - INSET[0], start[1] - INSET[1]
    b = fx * ux + fy * uy
    t = -b + math.sqrt(b * b - (fx * fx + fy * fy - INSET_R**2))
    return (start[0] + ux * (t - margin), start[1] + uy * (t - margin))


# A shorter shin, for a foot raised inside the close-up.
FOOT_SHORT_SHIN: Outline = [("M", [(-37, -72)]), *FLAT_FOOT[1:-2], ("L", [(-61, -72)]), ("Z", [])]


# --- close-ups -------------------------------------------------------------------------------

INSET, INSET_R = (248, 98), 64
INSET_FLOOR = INSET[1] + 40


def inset(content: str, spot: Point, spot_r: float = 16) -> str:
    """The round close-up, with a ring at ``spot`` on the figure it enlarges and a line
    joining them."""
    c, r = INSET, INSET_R
    a = math.atan2(c[1] - spot[1], c[0] - spot[0])
    start = (spot[0] + spot_r * math.cos(a), spot[1] + spot_r * math.sin(a))
    end = (c[0] - r * math.cos(a), c[1] - r * math.sin(a))
    return "".join(
        [
            circle(spot, spot_r, "none", FURNITURE, 2),
            line([start, end], 2, FURNITURE),
            circle(c, r, WHITE, FURNITURE, 2.5),
            content,
        ]
    )


def inset_floor() -> str:
    half = math.sqrt(INSET_R**2 - (INSET_FLOOR - INSET[1]) ** 2) - 4
    return line([(INSET[0] - half, INSET_FLOOR), (INSET[0] + half, INSET_FLOOR)], 3, FURNITURE)
