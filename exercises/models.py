import hashlib
import secrets

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.templatetags.static import static
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

    def with_drawings(self) -> "ExerciseQuerySet":
        """Each exercise's pictures in phase order, in one more query, without their bytes."""
        return self.prefetch_related(
            models.Prefetch("drawings", queryset=Drawing.objects.without_bytes())
        )


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


class DrawingType(models.TextChoices):
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WebP"
    SVG = "image/svg+xml", "SVG"


EXTENSIONS = {DrawingType.PNG: "png", DrawingType.WEBP: "webp", DrawingType.SVG: "svg"}


class DrawingQuerySet(models.QuerySet):
    def without_bytes(self) -> "DrawingQuerySet":
        """The rows a page needs to show the pictures: not the uploaded file itself."""
        return self.defer("upload")


class Drawing(models.Model):
    """One picture of an exercise: the drawing shipped with the app, or a curator's upload.

    An exercise has one per phase: phase 1 shows while the person holds (or goes the first
    way round), phase 2 while they rest (or go the other way). An upload is stored in the
    database as checked and re-encoded by ``exercises.uploads``, so that every app server
    serves the same picture and a database backup holds it.
    """

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="drawings")
    phase = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(2)],
        help_text="1: while holding, or the first way round. 2: while resting, or the other way.",
    )
    caption = models.CharField(max_length=80, help_text="A few words shown under the picture.")
    alt_text = models.TextField(
        "text alternative",
        max_length=600,
        help_text="The position in words, for anyone who cannot see the picture.",
    )
    default_file = models.CharField(
        max_length=120,
        blank=True,
        editable=False,
        help_text="The drawing shipped with the app, under static/.",
    )
    upload = models.BinaryField(null=True, blank=True, editable=False)
    upload_type = models.CharField(
        max_length=16, choices=DrawingType.choices, blank=True, editable=False
    )
    # Part of the picture's address, so that a browser never shows an old upload from its cache.
    upload_hash = models.CharField(max_length=16, blank=True, editable=False)

    objects = DrawingQuerySet.as_manager()

    class Meta:
        ordering = ["exercise__order", "phase"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "phase"], name="exercises_drawing_one_per_phase"
            ),
            models.CheckConstraint(
                condition=models.Q(phase__gte=1, phase__lte=2),
                name="exercises_drawing_phase_one_or_two",
            ),
            models.CheckConstraint(
                condition=~models.Q(alt_text=""), name="exercises_drawing_has_a_text_alternative"
            ),
            models.CheckConstraint(
                condition=~models.Q(default_file="") | ~models.Q(upload_type=""),
                name="exercises_drawing_has_a_picture",
            ),
            models.CheckConstraint(
                condition=models.Q(upload_type="", upload_hash="")
                | (models.Q(upload_type__in=DrawingType.values) & ~models.Q(upload_hash="")),
                name="exercises_drawing_upload_has_type_and_hash",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise.name}, phase {self.phase}: {self.caption}"

    @property
    def url(self) -> str:
        if self.upload_type:
            return reverse(
                "exercises:drawing",
                args=[self.pk, self.upload_hash, EXTENSIONS[DrawingType(self.upload_type)]],
            )
        return static(self.default_file)

    def replace_with(self, content: bytes, content_type: str) -> None:
        self.upload = content
        self.upload_type = content_type
        self.upload_hash = hashlib.sha256(content).hexdigest()[:16]

    def restore_default(self) -> None:
        self.upload = None
        self.upload_type = ""
        self.upload_hash = ""


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
@receiver([post_save, post_delete], sender=Drawing)
def _catalog_changed(**kwargs: object) -> None:
    cache.set(keys.CATALOG_VERSION, secrets.token_hex(8), None)
