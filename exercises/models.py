import secrets

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse

from footcare import keys


class Position(models.TextChoices):
    STANDING = "standing", "Standing"
    SITTING_FLOOR = "sitting_floor", "Sitting on the floor"
    WALKING = "walking", "Walking"
    SITTING_OR_STANDING = "sitting_or_standing", "Sitting or standing"


class Equipment(models.TextChoices):
    NONE = "none", "None"
    PEN = "pen", "A pen or pencil"
    SCARF_BEDPOST = "scarf_bedpost", "A scarf or sash and a bedpost"


SAFETY_FIELDS = ("support", "which_feet", "when_to_stop", "ask_clinician_first")
SAFETY_HEADINGS = {
    "support": "Support",
    "which_feet": "Which feet",
    "when_to_stop": "When to stop",
    "ask_clinician_first": "Ask a clinician first",
}


class ExerciseQuerySet(models.QuerySet):
    def active(self) -> "ExerciseQuerySet":
        return self.filter(is_active=True)


class Exercise(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField(max_length=200, help_text="One line shown in the catalog.")
    instructions = models.TextField(help_text="One step per line.")
    why_it_helps = models.TextField(blank=True)
    position = models.CharField(max_length=24, choices=Position.choices)
    equipment = models.CharField(max_length=24, choices=Equipment.choices, default=Equipment.NONE)
    hold_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="How long one hold lasts, where the source gives a figure.",
    )
    rest_seconds = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="The pause between two holds in the guided routine.",
    )
    repetitions_min = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    repetitions_max = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    duration_seconds = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(10), MaxValueValidator(1200)],
        help_text="Time to allow for the whole exercise in the routine.",
    )
    order = models.PositiveSmallIntegerField(
        unique=True, help_text="Place in the routine, lowest first."
    )
    is_active = models.BooleanField(
        default=True, help_text="Inactive exercises are hidden from the catalog and the journal."
    )
    # Safety texts, shown on the exercise page and before the exercise in the routine.
    support = models.TextField(
        blank=True, help_text="What to hold on to or sit on, e.g. a chair, a worktop or a wall."
    )
    which_feet = models.TextField(blank=True, help_text="Which feet, and in which order.")
    when_to_stop = models.TextField(blank=True, help_text="The signs that mean stop now.")
    ask_clinician_first = models.TextField(
        blank=True, help_text="Who should ask a doctor or physiotherapist before trying it."
    )

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["order"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hold_seconds__isnull=True) | models.Q(hold_seconds__gte=1),
                name="exercises_exercise_hold_seconds_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(rest_seconds__isnull=True) | models.Q(rest_seconds__gte=1),
                name="exercises_exercise_rest_seconds_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(repetitions_min__isnull=True)
                | models.Q(repetitions_max__isnull=True)
                | models.Q(repetitions_min__lte=models.F("repetitions_max")),
                name="exercises_exercise_repetitions_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=models.Q(duration_seconds__gte=10),
                name="exercises_exercise_duration_at_least_ten_seconds",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:detail", args=[self.slug])

    @property
    def safety(self) -> list[tuple[str, str]]:
        """The safety texts a curator filled in, as (heading, text), in reading order."""
        texts = [(SAFETY_HEADINGS[name], getattr(self, name).strip()) for name in SAFETY_FIELDS]
        return [(heading, text) for heading, text in texts if text]

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.instructions.splitlines() if line.strip()]

    @property
    def repetitions_display(self) -> str:
        low, high = self.repetitions_min, self.repetitions_max
        if low and high and low != high:
            return f"{low}–{high}"
        return str(low or high or "")

    @property
    def routine_time(self) -> str:
        """The time the guided routine gives it, written as the routine writes every time."""
        from .routine import format_seconds, step_for  # the routine is built from this model

        return format_seconds(step_for(self).seconds)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if (
            self.repetitions_min is not None
            and self.repetitions_max is not None
            and self.repetitions_min > self.repetitions_max
        ):
            raise ValidationError(
                {"repetitions_max": "The most repetitions cannot be fewer than the least."}
            )


def catalog_version() -> str:
    """A token, kept in the shared cache, that changes whenever an exercise is saved or deleted.

    Every change goes through ``save()`` or ``delete()`` (the admin, ``load_catalog``), which
    send the signals below; a QuerySet ``update()`` does not, so code must not change the
    catalog that way. Pages cached under this token are the same for everyone, so reading
    it is all a cached catalog page costs: no database query.
    """
    version = cache.get(keys.CATALOG_VERSION)
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(keys.CATALOG_VERSION, version, None):
            version = cache.get(keys.CATALOG_VERSION, version)
    return version


@receiver([post_save, post_delete], sender=Exercise)
def _catalog_changed(**kwargs: object) -> None:
    cache.set(keys.CATALOG_VERSION, secrets.token_hex(8), None)
