"""An uploaded file waiting for the person to confirm its import, between the preview and
the save: kept on the server (a form cannot carry 2 MB back safely), bound to its owner,
one per person, and gone after an hour."""

import datetime
import secrets

from django.conf import settings
from django.db import models

from .entry import OwnedQuerySet

PENDING_IMPORT_LIFETIME = datetime.timedelta(hours=1)


class PendingImportQuerySet(OwnedQuerySet):
    def live(self, now: datetime.datetime) -> "PendingImportQuerySet":
        return self.filter(expires_at__gt=now)

    def hold(
        self, user: settings.AUTH_USER_MODEL, name: str, data: bytes, now: datetime.datetime
    ) -> "PendingImport":
        """Keep ``data`` for ``user`` in place of any earlier file, and drop expired ones."""
        self.filter(expires_at__lte=now).delete()
        self.for_user(user).delete()
        return self.create(
            user=user,
            key=secrets.token_urlsafe(24),
            name=name[:200],
            data=data,
            created_at=now,
            expires_at=now + PENDING_IMPORT_LIFETIME,
        )


class PendingImport(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    # Random and unguessable, and still looked up only among the person's own.
    key = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    data = models.BinaryField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="journal_pendingimport_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s import of {self.name}"
