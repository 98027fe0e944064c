"""What Today asks of the person: whether they mean yesterday, and for an email address."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from .models import profile_of

# People who log after midnight often mean the day that just ended (Flaredown #122).
MIDNIGHT_QUESTION_UNTIL = datetime.time(4, 0)


def midnight_yesterday(user: AbstractBaseUser) -> datetime.date | None:
    """Yesterday, when the person's clock says it is between 00:00 and 04:00, unless the
    account was made today: a person who has just signed up meant no day that ended before
    they joined, and on a small phone the question would push the form under Save."""
    now = timezone.localtime()
    if now.time() >= MIDNIGHT_QUESTION_UNTIL:
        return None
    if timezone.localtime(user.date_joined).date() == now.date():
        return None
    return now.date() - datetime.timedelta(days=1)


def ask_for_email(user: AbstractBaseUser) -> bool:
    # Asked once: "No, thanks" is remembered on the profile.
    return not user.email and not profile_of(user).email_prompt_dismissed
