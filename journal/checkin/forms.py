"""The weekly PEG check-in's form: three questions from 0 to 10, any may stay unanswered."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from footcare.vocabulary import PEG_ITEMS, PEG_QUESTIONS, SCALE
from journal.models import PegCheckIn

PEG_ERROR = "Choose a whole number from 0 to 10, or “Not answered”."


class PegForm(forms.Form):
    """The week's three PEG items; any may stay unanswered, but not all three.

    The choices are the validator: only "" and the whole numbers 0 to 10 are accepted, the
    same range the model's validators and check constraints hold.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for number, item in enumerate(PEG_QUESTIONS, start=1):
            self.fields[item.field] = forms.TypedChoiceField(
                label=f"{number}. {item.question}",
                help_text=f"0 = {item.low}, 10 = {item.high}",
                choices=[("", "Not answered"), *((str(n), str(n)) for n in SCALE)],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"invalid_choice": PEG_ERROR},
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *(Field(item.field, template="journal/_peg_field.html") for item in PEG_QUESTIONS),
            Submit("save", "Save this week's check-in", css_class="btn-lg"),
        )

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if not self.errors and all(data.get(item) is None for item in PEG_ITEMS):
            raise forms.ValidationError(
                "Answer at least one of the three questions before saving.", code="empty"
            )
        return data

    def save_for(self, user: object, week: datetime.date) -> PegCheckIn:
        return PegCheckIn.objects.save_week(
            user, week, **{item: self.cleaned_data[item] for item in PEG_ITEMS}
        )
