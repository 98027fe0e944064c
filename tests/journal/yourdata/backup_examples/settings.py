import datetime

from accounts.models import Profile, day_mask


def fill(user: object, today: datetime.date) -> None:
    Profile.objects.filter(user=user).update(
        display_name="Ann O’Neil-Śmith",
        date_of_birth=datetime.date(1951, 2, 28),
        time_zone="America/Los_Angeles",
        reminders_enabled=True,
        reminder_time=datetime.time(7, 45),
        reminder_days=day_mask({0, 2, 6}),
        reminder_by="both",
    )
