"""My routine: the exercises a person chose (one, two, three or all) and their order."""

from collections.abc import Sequence
from typing import Protocol

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction

from exercises.models import Exercise

ROUTINE_MAX_PLACES = 20


class ExerciseLike(Protocol):
    """An exercise as an import knows it: its primary key is enough."""

    pk: int


class RoutineChoiceQuerySet(models.QuerySet):
    def for_user(self, user: object) -> "RoutineChoiceQuerySet":
        return self.filter(user=user)

    def chosen_ids(self, user: object) -> list[int]:
        """The ids of the person's chosen exercises that are still active, in their order;
        empty for the default (every active exercise in catalog order). One query."""
        return list(
            self.for_user(user)
            .filter(exercise__is_active=True)
            .values_list("exercise_id", flat=True)
        )

    def routine_of(self, user: object) -> list[Exercise]:
        """The exercises of the person's routine in their order: their choice among the
        active exercises, or all of them in catalog order."""
        ids = self.chosen_ids(user)
        if not ids:
            return list(Exercise.objects.active())
        exercises = Exercise.objects.in_bulk(ids)
        return [exercises[pk] for pk in ids]

    @transaction.atomic
    def choose(self, user: object, exercises: "Sequence[Exercise | ExerciseLike]") -> None:
        """Make ``exercises``, in this order, the person's routine; every active exercise in
        catalog order is the default, which stores nothing."""
        self.for_user(user).delete()
        active = list(Exercise.objects.active().values_list("pk", flat=True))
        if [exercise.pk for exercise in exercises] == active:
            return
        self.bulk_create(
            RoutineChoice(user=user, exercise_id=exercise.pk, place=place)
            for place, exercise in enumerate(exercises, start=1)
        )


class RoutineChoice(models.Model):
    """One exercise of a person's own routine, at its place in their order.

    No rows means the default: every active exercise, in catalog order.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="routine_choices"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    place = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(ROUTINE_MAX_PLACES)]
    )

    objects = RoutineChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["place"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "exercise"], name="journal_routinechoice_exercise_once"
            ),
            models.UniqueConstraint(
                fields=["user", "place"], name="journal_routinechoice_one_per_place"
            ),
            models.CheckConstraint(
                condition=models.Q(place__gte=1, place__lte=ROUTINE_MAX_PLACES),
                name="journal_routinechoice_place_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s routine, {self.place}: {self.exercise}"
