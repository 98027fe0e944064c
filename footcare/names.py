"""Names a person types for themselves (a factor of the day, a medicine, a dose): which
characters are refused, the form a name is stored in, and the key under which two names
count as the same.

No Django: forms, models and the import read these rules alike.

Two names are the same when they differ only in letter case, spacing, compatibility forms
(a full-width letter) or letters that look alike across alphabets (a Cyrillic
letter e among Latin ones). The look-alikes come from the Unicode Consortium's confusables table
(UTS #39) as the ``confusable-homoglyphs`` package ships it: characters it lists as
confusable are grouped, and each group is written as one of its members.
"""

import hashlib
import unicodedata
from functools import cache

# Control characters, invisible formatting (bidi overrides, zero-width spaces), private use,
# unassigned code points and the line and paragraph separators: none belongs in a name, and
# a bidi override turns "‮kcab" into what a reader takes for another text.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
# The zero-width joiner builds emoji such as 🏃‍♀️; it is kept inside a name.
ZERO_WIDTH_JOINER = "\u200d"
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def refused_character(text: str) -> str | None:
    """What the first character a name may not hold is, in words, or None."""
    for char in text:
        if char == ZERO_WIDTH_JOINER:
            continue
        if unicodedata.category(char) not in REFUSED_CATEGORIES:
            continue
        code = f"U+{ord(char):04X}"
        if char in "\r\n\u2028\u2029":
            return f"a line break ({code})"
        if char == "\t":
            return f"a tab ({code})"
        if char in BIDI_CONTROLS:
            return f"a character that changes the writing direction ({code})"
        if unicodedata.category(char) == "Cc":
            return f"a control character ({code})"
        return f"an invisible or unassigned character ({code})"
    return None


def tidy(text: str) -> str:
    """The form a name is stored in: composed (NFC), trimmed, inner spaces as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@cache
def _look_alikes() -> dict[str, str]:
    """Each character of the confusables table mapped to its group's smallest member."""
    from confusable_homoglyphs.utils import load

    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while (up := parent.get(char, char)) != char:
            parent[char] = parent.get(up, up)
            char = up
        return char

    for char, entries in load("confusables.json").items():
        if len(char) != 1:
            continue
        for entry in entries:
            other = entry["c"]
            if len(other) != 1:
                continue  # sequences ("rn" for "m") are left to the eye
            first, second = root(char), root(other)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return {char: root(char) for char in parent}


def skeleton(text: str) -> str:
    """The name with case, spacing, compatibility forms and look-alike letters ironed out."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    alike = _look_alikes()
    return "".join(alike.get(char, char) for char in folded if not char.isspace())


def name_key(text: str) -> str:
    """What the database keeps unique per person: a fixed-length digest of the skeleton."""
    return hashlib.sha256(skeleton(text).encode()).hexdigest()


def text_problem(text: str, *, what: str, limit: int, required: bool) -> str | None:
    """Why ``text`` cannot be a name, a dose or how often (``what`` names it in the
    sentence: "The dose"), or None. The length counts the tidied text."""
    problem = refused_character(text)
    if problem is not None:
        return f"{what} contains {problem}, which cannot be shown safely. Type it again without it."
    tidied = tidy(text)
    if required and not tidied:
        return f"Enter {what[0].lower()}{what[1:]} (spaces alone are not a name)."
    if len(tidied) > limit:
        return f"{what} has {len(tidied):,} characters; the most is {limit}."
    return None
