"""The factors of a day a person ticks ("slept badly", their own "cycled to work"): their
list, and which days record each.

Ready-made factors (``footcare.vocabulary.READY_FACTORS``) are rows like a person's own,
made for each person the first time their list is read, so that a day records every factor
the same way and hiding one is a flag. A factor is never renamed and a removed one is only
hidden: editing the list never changes what past days recorded.
"""

from django.conf import settings
from django.db import models, transaction

from footcare import names
from footcare.vocabulary import FACTOR_NAME_MAX_LENGTH, READY_FACTOR_KEYS, READY_FACTORS

from .entry import Entry, OwnedQuerySet


class FactorQuerySet(OwnedQuerySet):
    def shown(self) -> "FactorQuerySet":
        return self.filter(shown=True)

    def own(self) -> "FactorQuerySet":
        return self.filter(ready="")

    def listed(self, user: settings.AUTH_USER_MODEL) -> list["Factor"]:
        """The person's whole list, hidden ones too: the ready-made first, then their own in
        the order they were added. One query, two more the first time (the ready-made rows
        are made then)."""
        factors = list(self.for_user(user).order_by("pk"))
        have = {factor.ready for factor in factors}
        missing = [ready for ready in READY_FACTORS if ready.key not in have]
        if missing:
            self.make_ready(user, missing)
            factors = list(self.for_user(user).order_by("pk"))
        return factors

    def make_ready(self, user: settings.AUTH_USER_MODEL, ready: list) -> None:
        # ignore_conflicts: two first visits at once make each row once (the constraints).
        self.bulk_create(
            [
                Factor(user=user, name=item.label, key=names.name_key(item.label), ready=item.key)
                for item in ready
            ],
            ignore_conflicts=True,
        )

    def add_own(self, user: settings.AUTH_USER_MODEL, name: str) -> "Factor":
        with transaction.atomic():
            return self.create(user=user, name=name, key=names.name_key(name))


class Factor(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="factors"
    )
    name = models.CharField(max_length=FACTOR_NAME_MAX_LENGTH)
    # The name with case, spacing and look-alike letters ironed out (footcare.names), hashed:
    # one person has no two factors that read the same.
    key = models.CharField(max_length=64)
    # The ready-made factor this row is, or "" for the person's own.
    ready = models.CharField(max_length=32, blank=True, default="")
    shown = models.BooleanField(default=True)
    days = models.ManyToManyField(Entry, blank=True, related_name="factors")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FactorQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], name="journal_factor_one_name_per_person"
            ),
            models.UniqueConstraint(
                fields=["user", "ready"],
                condition=~models.Q(ready=""),
                name="journal_factor_ready_made_once_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ready="") | models.Q(ready__in=READY_FACTOR_KEYS),
                name="journal_factor_ready_made_is_known",
            ),
            models.CheckConstraint(
                condition=models.lookups.GreaterThan(
                    models.functions.Length(models.functions.Trim("name")), 0
                ),
                name="journal_factor_name_not_empty",
            ),
            models.CheckConstraint(
                condition=models.lookups.LessThanOrEqual(
                    models.functions.Length("name"), FACTOR_NAME_MAX_LENGTH
                ),
                name="journal_factor_name_at_most_40",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ready_made(self) -> bool:
        return bool(self.ready)
