import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from exercises.models import Exercise
from footcare.names import name_key
from journal.demo import demo_days
from journal.models import Entry, Factor, Medicine, MedicineEvent

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "footcare-demo"  # noqa: S105 - a documented local-only convenience
DEMO_DAYS = 90


class Command(BaseCommand):
    help = (
        "For local use only: load the exercise catalog and create the account "
        f"'{DEMO_USERNAME}' (password '{DEMO_PASSWORD}') with {DEMO_DAYS} days of sample "
        "entries, a few factors of the day and a medicine. Safe to run again: it only fills "
        "in days the demo account lacks."
    )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "setup_demo creates an account with a published password; it runs only with "
                "DJANGO_DEBUG=true, never in production."
            )
        call_command("load_catalog", stdout=self.stdout)
        user, created = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()

        exercises = {exercise.order: exercise for exercise in Exercise.objects.active()}
        have = set(Entry.objects.for_user(user).values_list("day", flat=True))
        new_days = [
            d
            for d in demo_days(timezone.localdate(), DEMO_DAYS, exercise_orders=sorted(exercises))
            if d.day not in have
        ]
        entries = Entry.objects.bulk_create(
            Entry(user=user, day=d.day, note=d.note, **d.ratings) for d in new_days
        )
        # bulk_create does not return primary keys on every backend, so look them up.
        by_day = dict(
            Entry.objects.for_user(user)
            .filter(day__in=[e.day for e in entries])
            .values_list("day", "pk")
        )
        Entry.exercises.through.objects.bulk_create(
            Entry.exercises.through(entry_id=by_day[d.day], exercise_id=exercises[order].pk)
            for d in new_days
            for order in d.exercise_orders
        )
        self._factors_and_medicines(user, new_days)
        self.stdout.write(
            f"Demo account '{DEMO_USERNAME}' ({'created' if created else 'kept'}), "
            f"password '{DEMO_PASSWORD}': {len(new_days)} day(s) added, {len(have)} kept."
        )

    def _factors_and_medicines(self, user: object, new_days: list) -> None:
        """A few factors ticked on the new days (every fourth day slept badly, every ninth a
        flare-up) and one medicine that started 40 days ago and changed dose 12 days ago."""
        listed = {factor.ready: factor for factor in Factor.objects.listed(user)}
        by_day = dict(
            Entry.objects.for_user(user)
            .filter(day__in=[d.day for d in new_days])
            .values_list("day", "pk")
        )
        today = timezone.localdate()
        ticks = [
            (by_day[d.day], listed[ready].pk)
            for d in new_days
            for ready, every in (("slept_badly", 4), ("flare_up", 9))
            if (today - d.day).days % every == 1
        ]
        Factor.days.through.objects.bulk_create(
            Factor.days.through(entry_id=entry, factor_id=factor) for entry, factor in ticks
        )
        if Medicine.objects.for_user(user).exists():
            return
        naproxen = Medicine.objects.create(user=user, name="Naproxen", key=name_key("Naproxen"))
        for ago, kind, dose in ((40, "started", "250 mg"), (12, "dose_changed", "500 mg")):
            MedicineEvent.objects.create(
                medicine=naproxen,
                day=today - datetime.timedelta(days=ago),
                kind=kind,
                dose=dose,
                how_often="twice a day",
            )
