from django import forms

from exercises.models import Exercise

ORDINALS = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th"]


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= len(ORDINALS) else f"{n}th"


class MyRoutineForm(forms.Form):
    """One "place" choice per active exercise: leave it out, or its place in the order."""

    def __init__(
        self, *args: object, exercises: list[Exercise], current: list[Exercise], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.exercises = exercises
        places = {exercise.pk: place for place, exercise in enumerate(current, start=1)}
        choices = [("", "Leave out"), *((str(n), ordinal(n)) for n in range(1, len(exercises) + 1))]
        for exercise in exercises:
            self.fields[self.field_name(exercise)] = forms.TypedChoiceField(
                label=exercise.name,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=places.get(exercise.pk, ""),
                error_messages={"invalid_choice": "Choose a place from the list, or “Leave out”."},
            )

    @staticmethod
    def field_name(exercise: Exercise) -> str:
        return f"place_{exercise.pk}"

    def rows(self) -> list[tuple[Exercise, forms.BoundField]]:
        return [(exercise, self[self.field_name(exercise)]) for exercise in self.exercises]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        chosen = [
            (cleaned[self.field_name(exercise)], exercise)
            for exercise in self.exercises
            if cleaned.get(self.field_name(exercise)) is not None
        ]
        if not chosen and not self.errors:
            raise forms.ValidationError(
                "Choose at least one exercise: give it a place, such as “1st”."
            )
        places = [place for place, _exercise in chosen]
        twice = sorted({place for place in places if places.count(place) > 1})
        if twice:
            raise forms.ValidationError(
                f"Two exercises are both {ordinal(twice[0])}: give each its own place."
            )
        self.routine = [exercise for _place, exercise in sorted(chosen, key=lambda c: c[0])]
        return cleaned
