"""The drawings: one per phase of each of the five exercises, by name."""

import math
from collections.abc import Callable
from xml.sax.saxutils import escape

from .feet import (
    FLAT_ANKLE,
    FOOT_SHORT_SHIN,
    INSET,
    INSET_FLOOR,
    TOES,
    close_foot,
    inset,
    inset_floor,
    to_inset_edge,
    turned_foot,
)
from .shapes import (
    ACCENT,
    CLOTH,
    EDGE,
    FAR,
    FLOOR,
    INK,
    PANEL,
    H,
    Point,
    W,
    arm,
    bed,
    chair,
    circle,
    curve,
    ellipse,
    flat_foot,
    floor,
    leg,
    line,
    pen,
    person,
    rect,
    rotate,
    shape,
    straight_arrow,
    tiptoe_foot,
    turning_arrow,
    wall,
    worktop,
)

# --- the pictures ----------------------------------------------------------------------------


def walking(up: bool) -> list[str]:
    rise = 8 if up else 0
    x = 92
    hip = (x, FLOOR - 88 - rise)
    shoulder = (x + 3, hip[1] - 48)
    near_ankle = (x + 16, FLOOR - 11 - rise) if up else (x + 6, FLOOR - 11)
    far_ankle = (x - 14, FLOOR - 11 - rise) if up else (x - 4, FLOOR - 11)
    foot = tiptoe_foot if up else flat_foot
    figure = person(
        hip,
        shoulder,
        far=[
            arm(shoulder, (x - 24, shoulder[1] + 50), FAR),
            leg(hip, far_ankle, foot(far_ankle), FAR),
        ],
        near=[leg(hip, near_ankle, foot(near_ankle)), arm(shoulder, (x + 30, 96))],
    )
    ball = (INSET[0] + 14, INSET_FLOOR)
    if up:
        close = close_foot(ball, 0.85, tiptoe=True)
        cue = straight_arrow((INSET[0] - 30, INSET_FLOOR - 4), (INSET[0] - 30, INSET_FLOOR - 42))
    else:
        close = close_foot(ball, 0.85)
        cue = straight_arrow((INSET[0] - 50, INSET_FLOOR - 72), (INSET[0] - 50, INSET_FLOOR - 24))
    return [
        worktop(16, 150, 100),
        floor(),
        figure,
        inset(inset_floor() + close + cue, (near_ankle[0] + 4, FLOOR - 9)),
    ]


def ankle_circles(clockwise: bool) -> list[str]:
    hip = (70, FLOOR - 58)
    shoulder = (73, hip[1] - 50)
    far_ankle = (114, FLOOR - 11)
    knee = (110, hip[1])
    ankle = (146, FLOOR - 40)
    shin_angle = math.degrees(math.atan2(ankle[1] - knee[1], ankle[0] - knee[0]))
    figure = person(
        hip,
        shoulder,
        far=[leg(hip, far_ankle, flat_foot(far_ankle), FAR), arm(shoulder, (98, hip[1] - 4), FAR)],
        near=[
            line([hip, knee, ankle], 12, INK),
            # The outline's shin points up (-90 degrees); turn it to lie along this shin.
            turned_foot(ankle, 0.3, shin_angle + 270, ACCENT),
            arm(shoulder, (102, hip[1] - 2)),
        ],
    )
    close_ankle = (INSET[0] - 24, INSET[1] + 12)
    knee_side = to_inset_edge(close_ankle, knee, 12)
    close = line([knee_side, close_ankle], 20, INK) + turned_foot(
        close_ankle, 0.75, shin_angle + 270, ACCENT
    )
    toes = (close_ankle[0] + 40, close_ankle[1] - 22)
    return [
        chair(54, "right"),
        floor(),
        figure,
        inset(close + turning_arrow(toes, 26, clockwise), (ankle[0] + 8, ankle[1] - 6), 18),
    ]


def toe_gripping(held: bool) -> list[str]:
    x = 70
    hip = (x, FLOOR - 90)
    shoulder = (x + 3, hip[1] - 50)
    far_ankle = (x - 2, FLOOR - 11)
    near_ankle = (x + 14, FLOOR - 24) if held else (x + 8, FLOOR - 11)
    lift = FLOOR - 11 - near_ankle[1]
    near_foot = flat_foot(near_ankle, FLOOR - lift)
    hand = (x + 44, FLOOR - 92)
    figure = person(
        hip,
        shoulder,
        far=[
            leg(hip, far_ankle, flat_foot(far_ankle), FAR),
            arm(shoulder, (hand[0] - 4, hand[1] + 2), FAR),
        ],
        near=[leg(hip, near_ankle, near_foot, INK, ACCENT if held else INK), arm(shoulder, hand)],
    )
    toe = near_foot[1]
    if held:
        small_pen = pen((toe[0] - 6, toe[1] + 6), (toe[0] + 8, toe[1] - 6))
        ball = (INSET[0] + 12, INSET_FLOOR - 24)
        close = shape(
            FOOT_SHORT_SHIN, lambda p: (ball[0] + p[0] * 0.85, ball[1] + p[1] * 0.85), INK
        )
        grip_pen = pen((ball[0] - 10, ball[1] + 16), (ball[0] + 34, ball[1] - 18))
        toes = curve(
            *[(ball[0] + a * 0.85, ball[1] + b * 0.85) for a, b in TOES["grip"]], 10, ACCENT
        )
        cue = straight_arrow((INSET[0] - 44, INSET_FLOOR - 4), (INSET[0] - 44, INSET_FLOOR - 44))
        content = inset_floor() + grip_pen + close + toes + cue
    else:
        small_pen = pen((toe[0] + 4, FLOOR - 3), (toe[0] + 18, FLOOR - 9))
        ball = (INSET[0] + 2, INSET_FLOOR)
        content = (
            inset_floor()
            + close_foot(ball, 0.85)
            + pen((ball[0] + 32, INSET_FLOOR - 4), (ball[0] + 56, INSET_FLOOR - 16))
        )
    return [
        chair(x + 44, "right", top_y=FLOOR - 92),
        floor(),
        figure,
        small_pen,
        inset(content, (toe[0], toe[1] + 1)),
    ]


def toe_presses(pressed: bool) -> list[str]:
    x = 76
    hip = (x, FLOOR - 84)
    shoulder = (x + 6, hip[1] - 50)
    near_ankle = (x + 4, FLOOR - 11)
    far_ankle = (x - 4, FLOOR - 11)
    wall_x = 132
    hand = (wall_x - 6, FLOOR - 112)
    figure = person(
        hip,
        shoulder,
        far=[
            leg(hip, far_ankle, flat_foot(far_ankle), FAR),
            arm(shoulder, (hand[0], hand[1] + 6), FAR),
        ],
        near=[leg(hip, near_ankle, flat_foot(near_ankle)), arm(shoulder, hand)],
    )
    ball = (INSET[0] + 4, INSET_FLOOR)
    if pressed:
        close = close_foot(ball, 0.85, toes="press", toe_colour=ACCENT)
        cue = straight_arrow((ball[0] + 10, INSET_FLOOR - 58), (ball[0] + 10, INSET_FLOOR - 28))
    else:
        close = close_foot(ball, 0.85)
        cue = ""
    return [
        wall(wall_x, 1),
        floor(),
        figure,
        inset(inset_floor() + close + cue, (near_ankle[0] + 12, FLOOR - 8)),
    ]


def scarf_flex(pulling: bool) -> list[str]:
    s = 1.25
    wall_x = 22

    def p(x: float, y: float) -> Point:
        # This scene is drawn larger than the standing ones: the foot is what matters.
        return (wall_x + x * s, FLOOR - y * s)

    hip = p(18, 9)
    shoulder = p(10, 56)
    knee = p(56, 13 if pulling else 11)
    ankle = p(94, 22 if pulling else 16)
    # Sitting with the leg out, the foot points up; pulling brings the toes back towards you.
    turn = -112 if pulling else -62
    post = 262
    knot = (post - 5, FLOOR - 40)
    size = 0.56
    loop = rotate((-12, -12), FLAT_ANKLE, turn)
    loop = (
        ankle[0] + (loop[0] - FLAT_ANKLE[0]) * size,
        ankle[1] + (loop[1] - FLAT_ANKLE[1]) * size,
    )
    if pulling:
        band = line([knot, loop], 6, CLOTH)
        cue = straight_arrow((loop[0] + 34, loop[1] - 34), (loop[0] - 6, loop[1] - 34), 5, 12)
    else:
        band = curve(knot, ((knot[0] + loop[0]) / 2, FLOOR + 14), loop, 6, CLOTH)
        cue = ""
    figure = person(
        hip,
        shoulder,
        far=[
            line([hip, p(44, 40), p(66, 8)], 13, FAR),
            line([p(66, 8), p(64, 3), p(84, 3)], 9, FAR),
            line([shoulder, p(30, 26), p(44, 16)], 8, FAR),
        ],
        near=[
            line([hip, knee, ankle], 14, INK),
            turned_foot(ankle, size, turn, ACCENT if pulling else INK),
            line([shoulder, p(30, 30), p(46, 18)], 9, INK),
        ],
    )
    return [
        wall(wall_x, -1),
        bed(post),
        floor(),
        band,
        figure,
        ellipse(loop, 5, 9, CLOTH, 4),
        circle(knot, 6, CLOTH),
        cue,
    ]


def svg(title: str, parts: list[str]) -> str:
    """The whole picture: a light panel (it stays light in dark mode, like a printed card)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        f'role="img"><title>{escape(title)}</title>'
        f"{rect(1, 1, W - 2, H - 2, PANEL, EDGE, 2, rx=10)}{''.join(parts)}</svg>\n"
    )


PICTURES: dict[str, Callable[[], list[str]]] = {
    "walking-on-your-toes-up": lambda: walking(True),
    "walking-on-your-toes-down": lambda: walking(False),
    "ankle-circles-one-way": lambda: ankle_circles(True),
    "ankle-circles-other-way": lambda: ankle_circles(False),
    "toe-gripping-held": lambda: toe_gripping(True),
    "toe-gripping-released": lambda: toe_gripping(False),
    "toe-presses-pressed": lambda: toe_presses(True),
    "toe-presses-released": lambda: toe_presses(False),
    "flexing-the-small-foot-muscles-pulling": lambda: scarf_flex(True),
    "flexing-the-small-foot-muscles-relaxed": lambda: scarf_flex(False),
}
