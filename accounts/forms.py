import datetime
import unicodedata
from collections.abc import Iterator

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from django.utils import timezone

from footcare.vocabulary import AREA_CHOICES
from notifications import vapid

from .models import (
    EARLIEST_BIRTH_DATE,
    WEEKDAYS,
    Profile,
    ReminderBy,
    day_mask,
    known_time_zones,
)
from .tasks import send_password_reset, users_to_reset

EMAIL_REASON = "To recover your account and receive reminders. We send a link to confirm it."
EMAIL_INVALID = "Enter an email address such as name@example.org, or leave the field empty."


def optional_email_field(label: str) -> forms.EmailField:
    """The account's email address, as sign-up and the account page both ask for it."""
    return forms.EmailField(
        label=label,
        required=False,
        help_text=EMAIL_REASON,
        error_messages={"invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def time_zone_choices() -> list[tuple[str, str]]:
    # Every name Python's tz database knows, aliases included: Chrome reports India as
    # Asia/Calcutta, not Asia/Kolkata. posix/ and right/ are copies for other systems.
    names = sorted(n for n in known_time_zones() if not n.startswith(("posix/", "right/")))
    return [(name, name.replace("_", " ")) for name in names]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault(
            "help_text",
            "Your journal day starts at midnight here, and reminders use this clock.",
        )
        super().__init__(
            choices=time_zone_choices,
            error_messages={
                "invalid_choice": "“%(value)s” is not a time zone we know. Choose one from the "
                "list, for example Europe/London or America/New_York.",
                "required": "Choose your time zone.",
            },
            **kwargs,
        )


class SignUpForm(UserCreationForm):
    email = optional_email_field("Email address (optional)")
    # Optional, so that a post without it (no select shown) gets the deployment's zone.
    time_zone = TimeZoneField(required=False)

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = settings.TIME_ZONE
        if not self.is_bound:
            # static/js/time-zone.js proposes the browser's zone; a re-shown form keeps the
            # person's own choice.
            self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "propose"
        self.helper = FormHelper()
        self.helper.add_input(Submit("sign_up", "Create account", css_class="btn-lg"))

    def clean_time_zone(self) -> str:
        return self.cleaned_data["time_zone"] or settings.TIME_ZONE


# Unicode's control, format (direction marks, zero-width), line and paragraph separators,
# and lone surrogate categories.
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


class AccountForm(forms.ModelForm):
    email = optional_email_field("Email address")
    current_password = forms.CharField(
        label="Your password",
        required=False,
        strip=False,
        help_text="Needed only to change or remove your email address.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    time_zone = TimeZoneField()
    reminder_days = forms.TypedMultipleChoiceField(
        label="Reminder days",
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "date_of_birth",
            "email",
            "time_zone",
            "reminders_enabled",
            "reminder_by",
            "reminder_time",
            "reminder_days",
            "main_area",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "reminder_by": forms.RadioSelect,
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        labels = {
            "reminders_enabled": "Remind me on days I have not logged",
            "main_area": "Main area in your reports",
        }
        help_texts = {
            "reminder_time": "On your own clock, in the time zone above.",
            "reminder_by": "A notification comes to each phone where you chose “Remind me on "
            "this phone” below.",
        }
        error_messages = {
            "date_of_birth": {"invalid": "Enter a date as YYYY-MM-DD, for example 1958-03-21."},
            "reminder_time": {"invalid": "Enter a time as HH:MM, for example 20:00."},
            "main_area": {"invalid_choice": "Choose back, hip or knee, or leave it empty."},
        }

    def __init__(self, *args: object, request: HttpRequest, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        # The address asked for, so that saving another setting leaves a pending change be.
        self.initial["email"] = self.instance.wanted_email
        self.initial["reminder_days"] = self.instance.reminder_weekdays
        self.fields["main_area"].choices = [("", "The area I rate most"), *AREA_CHOICES]
        self.order_fields([*self.Meta.fields[:3], "current_password"])
        # A form sent without the choice (an older page) keeps the one stored.
        self.fields["reminder_by"].required = False
        if not vapid.configured():
            # No Web Push key on this site: reminders come by email only.
            del self.fields["reminder_by"]
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Save", css_class="btn-lg"))

    def save(self, commit: bool = True) -> Profile:
        # Turned on (again): the links in reminders sent before stop nothing any more.
        if "reminders_enabled" in self.changed_data and self.instance.reminders_enabled:
            self.instance.unsubscribe_generation += 1
        return super().save(commit)

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"]
        # Line breaks would start new lines on the doctor's page; direction overrides and
        # other invisible marks would make it show something other than what was typed.
        if any(unicodedata.category(char) in INVISIBLE for char in name):
            raise forms.ValidationError(
                "Type your name on one line, without invisible characters (line breaks, tabs "
                "or marks that change the direction of the text).",
                code="invisible_characters",
            )
        return name

    def clean_date_of_birth(self) -> datetime.date | None:
        born = self.cleaned_data["date_of_birth"]
        if born is not None and not EARLIEST_BIRTH_DATE <= born <= timezone.localdate():
            raise forms.ValidationError(
                "Enter a date of birth between 1900 and today, or leave it empty.",
                code="birth_out_of_range",
            )
        return born

    def clean_reminder_by(self) -> str:
        return self.cleaned_data["reminder_by"] or self.instance.reminder_by

    def clean_reminder_days(self) -> int:
        # The model stores the week as a bit mask (see accounts.models.day_mask).
        return day_mask(self.cleaned_data["reminder_days"])

    def new_email(self) -> str | None:
        """The address this form changes the account to ("" removes it), or None."""
        email = self.cleaned_data.get("email")
        if email is None or email == self.instance.wanted_email:
            return None
        return email

    def changes_where_mail_goes(self) -> bool:
        # Going back to the confirmed address only cancels a pending change: no mail, no risk.
        new = self.new_email()
        return new is not None and new != self.instance.user.email

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        if self.changes_where_mail_goes():
            self._check_password(cleaned.get("current_password", ""))
        if cleaned.get("reminders_enabled"):
            if "reminder_days" in cleaned and not cleaned["reminder_days"]:
                self.add_error(
                    "reminder_days", "Choose at least one day, or turn the reminder off."
                )
            by_email = ReminderBy(cleaned.get("reminder_by") or self.instance.reminder_by).by_email
            if by_email and "email" in cleaned and not cleaned["email"]:
                self.add_error(
                    "email",
                    "Reminders by email need your address: add it, or choose a notification.",
                )
        return cleaned

    def _check_password(self, password: str) -> None:
        # A borrowed session must not be enough to move where password resets go.
        if not password:
            self.add_error(
                "current_password", "Enter your password to change or remove your email address."
            )
            return
        user = self.instance.user
        # authenticate(), so that wrong guesses count towards the login lockout.
        if authenticate(self.request, username=user.get_username(), password=password) is None:
            self.add_error("current_password", "That is not your password.")


class ConfirmedAddressPasswordResetForm(PasswordResetForm):
    """Reset mail goes only to an address its owner confirmed: an unconfirmed address may
    be a typo, or someone else's."""

    email = forms.EmailField(
        label="Your confirmed email address",
        max_length=254,
        error_messages={"invalid": "Enter an email address such as name@example.org."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[AbstractBaseUser]:
        return users_to_reset(email)

    def save(
        self,
        domain_override: str | None = None,
        use_https: bool = False,
        request: HttpRequest | None = None,
        **unused: object,
    ) -> None:
        """Queue the request and return: the worker looks the address up and mails the link.
        Done here, the lookup and the mail made the page 51 ms slower for a confirmed
        address than for any other, which told an outsider who has an account."""
        domain = domain_override or (request.get_host() if request else "")
        send_password_reset.enqueue(self.cleaned_data["email"], domain, use_https)


class DangerSubmit(Submit):
    # Submit always adds btn-primary, which would fight btn-danger.
    field_classes = "btn btn-danger"


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = FormHelper()
        self.helper.add_input(
            DangerSubmit("delete", "Delete my account and journal", css_class="btn-lg")
        )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        # authenticate() rather than check_password(), so that failed attempts count
        # towards the login lockout like any other password guess.
        user = authenticate(
            self.request, username=self.request.user.get_username(), password=password
        )
        if user is None or user.pk != self.request.user.pk:
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password
