"""The drawings shipped with the catalog: for each exercise, one per phase, with words.

``caption`` names the phase under the picture; ``alt`` is the text alternative, which says
the position in words for anyone who cannot see the picture. Read by the drawing generator
(``python -m exercises.art``, for each SVG's title), by the data migration and by
``load_catalog`` (which add them to a catalog that has none). A curator's later edits live
in the database and are never overwritten.
"""

from typing import NamedTuple


class DefaultDrawing(NamedTuple):
    slug: str  # the exercise
    phase: int  # 1: the hold, or the first way round; 2: the rest, or the other way round
    name: str  # the file, static/exercises/drawings/<name>.svg
    caption: str
    alt: str


DEFAULT_DRAWINGS = (
    DefaultDrawing(
        "walking-on-your-toes",
        1,
        "walking-on-your-toes-up",
        "Up on tiptoe",
        "Up on tiptoe: a person walks beside a kitchen worktop with one hand resting on it, "
        "both heels raised, standing on the balls of the feet. Close-up: the heel lifted high "
        "off the floor, the toes flat on it, and an arrow pointing up.",
    ),
    DefaultDrawing(
        "walking-on-your-toes",
        2,
        "walking-on-your-toes-down",
        "Down on the pads of your feet",
        "Down on the pads of the feet: the same person beside the worktop, one hand still on "
        "it, both feet flat on the floor and the legs relaxed. Close-up: the heel lowered to "
        "the floor, and an arrow pointing down.",
    ),
    DefaultDrawing(
        "ankle-circles",
        1,
        "ankle-circles-one-way",
        "Circle one way",
        "Circle one way: a person sits on a chair, one foot flat on the floor, the other leg "
        "stretched out with its foot just off the floor. Close-up: the raised foot, with "
        "curved arrows going round the toes clockwise.",
    ),
    DefaultDrawing(
        "ankle-circles",
        2,
        "ankle-circles-other-way",
        "Circle the other way",
        "Circle the other way: the same person on the chair, the leg still stretched out. "
        "Close-up: the raised foot, with the curved arrows now going round the toes "
        "anticlockwise.",
    ),
    DefaultDrawing(
        "toe-gripping",
        1,
        "toe-gripping-held",
        "Pen lifted and held",
        "Lift the pen and hold: barefoot, a person stands behind a sturdy chair holding the "
        "top of its back, one foot raised a little off the floor. Close-up: the toes curled "
        "round a pen, holding it off the floor, and an arrow pointing up.",
    ),
    DefaultDrawing(
        "toe-gripping",
        2,
        "toe-gripping-released",
        "Pen put down, toes relaxed",
        "Put the pen down: the same person stands on both feet, still holding the chair. "
        "Close-up: the foot flat on the floor, the toes relaxed, and the pen lying on the "
        "floor just in front of them.",
    ),
    DefaultDrawing(
        "toe-presses",
        1,
        "toe-presses-pressed",
        "Toes pressed into the floor",
        "Press: a person stands with the knees slightly bent and one hand flat on a wall. "
        "Close-up: the toes curled, their knuckles up and their tips pressing into the "
        "floor, and an arrow pointing down.",
    ),
    DefaultDrawing(
        "toe-presses",
        2,
        "toe-presses-released",
        "Toes released",
        "Release: the same person, knees still slightly bent, one hand on the wall. "
        "Close-up: the foot flat on the floor with the toes straight and relaxed.",
    ),
    DefaultDrawing(
        "flexing-the-small-foot-muscles",
        1,
        "flexing-the-small-foot-muscles-pulling",
        "Foot pulling against the scarf",
        "Pull against the scarf: a person sits on the floor with their back against a wall, "
        "one knee bent and the other leg stretched out towards the foot of a bed. A scarf "
        "tied low on the bedpost loops round the raised foot and is pulled tight: the toes "
        "are drawn back towards the person, and an arrow points back towards them.",
    ),
    DefaultDrawing(
        "flexing-the-small-foot-muscles",
        2,
        "flexing-the-small-foot-muscles-relaxed",
        "Foot relaxed",
        "Relax: the same position on the floor; the foot rests with the toes pointing away, "
        "and the scarf hangs loose between the foot and the bedpost.",
    ),
)


def default_drawings(slug: str) -> list[DefaultDrawing]:
    return [drawing for drawing in DEFAULT_DRAWINGS if drawing.slug == slug]


def add_default_drawings(exercise_model: type, drawing_model: type) -> int:
    """Give every exercise without drawings the ones shipped for it; returns how many.

    Takes the model classes so that the data migration can pass its historical models.
    """
    have = set(drawing_model.objects.values_list("exercise_id", flat=True).distinct())
    new = [
        drawing_model(
            exercise_id=exercise_id,
            phase=drawing.phase,
            caption=drawing.caption,
            alt_text=drawing.alt,
            default_file=f"exercises/drawings/{drawing.name}.svg",
        )
        for exercise_id, slug in exercise_model.objects.values_list("pk", "slug")
        if exercise_id not in have
        for drawing in default_drawings(slug)
    ]
    drawing_model.objects.bulk_create(new)
    return len(new)
