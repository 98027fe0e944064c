from django import forms

from footcare.vocabulary import AREA_CHOICES, SCALE

RATING_ERROR = "Tap a whole number from 0 (no pain) to 10 (worst imaginable)."
RATINGS = [(str(n), str(n)) for n in SCALE]


def one_tap_rating(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATINGS,
        coerce=int,
        error_messages={"required": RATING_ERROR, "invalid_choice": RATING_ERROR},
    )


class BeforeForm(forms.Form):
    before = one_tap_rating("Pain now")
    area = forms.ChoiceField(
        label="Area",
        choices=AREA_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose Back, Hip or Knee."},
    )


class AfterForm(forms.Form):
    after = one_tap_rating("Pain now")
    later_wanted = forms.BooleanField(label="Ask me once more in 30 minutes", required=False)


class LaterForm(forms.Form):
    later = one_tap_rating("Pain now")


class ComparisonForm(forms.Form):
    area = forms.ChoiceField(
        label="The area that matters most to you",
        choices=AREA_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the area to rate: Back, Hip or Knee.",
            "invalid_choice": "Choose Back, Hip or Knee.",
        },
    )
