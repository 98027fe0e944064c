"""The safety texts as first shipped, keyed by slug.

Read by the data migration that fills them into existing databases; the catalog fixture
carries the same words for new ones (a test checks that both agree). A curator's later edits
live in the database and are never overwritten.
"""

WHEN_TO_STOP = (
    "Stop straight away if you feel a sharp pain or any numbness. If your pain is worse the "
    "next day, leave this exercise out until you have asked a doctor or physiotherapist."
)
ASK_CLINICIAN_FIRST = (
    "Ask a doctor or physiotherapist before you start if you have recently injured or had "
    "surgery on a foot, ankle, knee, hip or your back; if you have diabetes or less feeling "
    "in your feet than usual; or if you have had a fall."
)

SAFETY_TEXTS: dict[str, dict[str, str]] = {
    "walking-on-your-toes": {
        "support": (
            "Walk beside a worktop or along a wall and keep one hand on it (or on the back of "
            "a sturdy chair as you pass): going up on tiptoe tests your balance, more so with "
            "a sore knee."
        ),
        "which_feet": (
            "Both feet, one after the other: every step lands on tiptoe, first one foot, then "
            "the other."
        ),
    },
    "ankle-circles": {
        "support": (
            "Sit on a chair if standing on one leg feels at all unsteady; the circles work "
            "just as well sitting down."
        ),
        "which_feet": (
            "Both feet, one after the other: circle one ankle one way and then the other way, "
            "then do the same with the other foot."
        ),
    },
    "toe-gripping": {
        "support": (
            "Hold on to the back of a sturdy chair, a worktop or a wall: lifting the pen "
            "leaves you standing on one foot."
        ),
        "which_feet": (
            "Both feet, one after the other: lift the pen a few times with one foot, then "
            "with the other."
        ),
    },
    "toe-presses": {
        "support": (
            "Keep a hand on the back of a sturdy chair, a worktop or a wall, so that bending "
            "your knees and gripping with your toes cannot tip you off balance."
        ),
        "which_feet": (
            "Both feet, one after the other: press the toes of one foot into the floor, then "
            "those of the other."
        ),
    },
    "flexing-the-small-foot-muscles": {
        "support": (
            "You sit on the floor for this one: hold a sturdy chair or the bed to get down "
            "and up again, and lean your back against the bed or a wall if that is easier."
        ),
        "which_feet": (
            "Both feet, one after the other: do all the pulls with one foot, then move the "
            "scarf to the other foot."
        ),
    },
}


def safety_texts(slug: str) -> dict[str, str]:
    """The four texts for ``slug``; an unknown exercise gets the two general ones."""
    return {
        **SAFETY_TEXTS.get(slug, {}),
        "when_to_stop": WHEN_TO_STOP,
        "ask_clinician_first": ASK_CLINICIAN_FIRST,
    }
