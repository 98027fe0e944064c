"""Read-only links for a clinician: what is stored of each (never the token itself)."""

import datetime
import hashlib

from django.conf import settings
from django.db import models

from .entry import OwnedQuerySet

SHARE_DEFAULT_DAYS = 14
SHARE_MAX_DAYS = 90


def share_token_hash(token: str) -> str:
    """The SHA-256 of a share token, as stored: the token itself is never kept.

    A plain hash is enough (no salt, no slow hash) because the token is 256 random bits,
    not something a person chose: there is no dictionary to try.
    """
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(OwnedQuerySet):
    def live(self, now: datetime.datetime) -> "ShareLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ShareLink(models.Model):
    """A read-only link to one range of a person's report, for their clinician."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField("for whom (optional)", max_length=80, blank=True)
    start = models.DateField()
    end = models.DateField()
    include_notes = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at"))
                & models.Q(
                    expires_at__lte=models.F("created_at") + datetime.timedelta(days=SHARE_MAX_DAYS)
                ),
                name="journal_sharelink_expires_within_90_days",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("end")),
                name="journal_sharelink_start_not_after_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}'s link for {self.start.isoformat()} to {self.end.isoformat()}"

    @property
    def label_or_range(self) -> str:
        return f"for {self.label}" if self.label else "without a label"

    def is_live(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at

    def status_at(self, now: datetime.datetime) -> str:
        if self.revoked_at is not None:
            return "Ended"
        return "Active" if now < self.expires_at else "Expired"
