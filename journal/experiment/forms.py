"""The form that starts a randomised self-experiment."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

from exercises.models import Exercise
from footcare.vocabulary import AREA_CHOICES
from journal.analysis.experiment import EXPERIMENT_WEEKS

from . import wording

STARTS = {"today": 0, "tomorrow": 1}


class ExperimentStartForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label="Length",
        choices=[(w, f"{w} weeks") for w in EXPERIMENT_WEEKS],
        coerce=int,
        initial=6,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose 4, 6 or 8 weeks.",
            "required": "Choose 4, 6 or 8 weeks.",
        },
    )
    area = forms.ChoiceField(
        label="The one area that matters most to you",
        choices=AREA_CHOICES,
        widget=forms.RadioSelect,
        help_text="The result is judged on this area. It cannot be changed after the start.",
        error_messages={
            "invalid_choice": "Choose back, hip or knee.",
            "required": "Choose the one area that matters most: back, hip or knee.",
        },
    )
    starts = forms.ChoiceField(
        label="First day",
        choices=[("today", "Today"), ("tomorrow", "Tomorrow")],
        initial="today",
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Start today or tomorrow.",
            "required": "Start today or tomorrow.",
        },
    )
    agree = forms.BooleanField(
        label="I have read what the experiment asks and will follow each day's assignment.",
        error_messages={"required": "Tick the box to confirm you have read what it asks."},
    )

    def __init__(
        self,
        *args: object,
        practised_today: bool = False,
        routine: "list[Exercise] | None" = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        # The first day may be a rest day: a day with exercises already ticked cannot be it.
        self.practised_today = practised_today
        starts = self.fields["starts"]
        if practised_today:
            starts.choices = [("tomorrow", "Tomorrow")]
            starts.initial = "tomorrow"
            starts.help_text = wording.START_TODAY_REFUSED
        else:
            starts.help_text = wording.START_TODAY_HELP
        self.routine = routine or []
        fields = ["weeks", "area", "starts", "agree"]
        if self.routine:
            # Only for someone who chose their own routine: practice can mean just that.
            names = ", then ".join(exercise.name for exercise in self.routine)
            self.fields["practice"] = forms.ChoiceField(
                label="On practice days, do",
                choices=[("mine", f"My routine: {names}"), ("all", "All the exercises")],
                initial="mine",
                widget=forms.RadioSelect,
                error_messages={
                    "invalid_choice": "Choose your routine or all the exercises.",
                    "required": "Choose your routine or all the exercises.",
                },
            )
            fields.insert(2, "practice")
        self.helper = FormHelper()
        self.helper.layout = Layout(
            *fields, Submit("start", "Start the experiment", css_class="btn-lg")
        )

    def clean_starts(self) -> str:
        starts = self.cleaned_data["starts"]
        if starts == "today" and self.practised_today:
            raise forms.ValidationError(wording.START_TODAY_REFUSED, code="practised_today")
        return starts

    def routine_slugs(self) -> str:
        """What a practice day asks for: the person's routine, or "" for every exercise."""
        if self.routine and self.cleaned_data.get("practice") == "mine":
            return ",".join(exercise.slug for exercise in self.routine)
        return ""

    def start_date(self, today: datetime.date) -> datetime.date:
        return today + datetime.timedelta(days=STARTS[self.cleaned_data["starts"]])
