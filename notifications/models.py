"""What the worker sends: mail and push notifications as rows (an outbox), and each person's
devices that accept push notifications.

A row is the truth about a message; a task carries only its ids. A row goes queued → sending
→ sent. A worker claims rows ("sending", one `claimed_at` for the claim), sends them in the
order of their ids and marks each "sent" the moment the server took it. A worker that dies
mid-claim therefore leaves exactly one row that may have reached the server: the claim's
first row still "sending". The sweep reports that one (in doubt) and never sends it again,
and queues the claim's later rows, which were never tried. Failures go back to "queued" with
a later `not_before` until the last attempt, then "failed"; every failure is logged.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

# Minutes to wait before each retry: the last entry is the last attempt.
RETRY_MINUTES = (1, 5, 30, 120, 360)
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
TITLE_MAX_LENGTH = 80
ENDPOINT_MAX_LENGTH = 1000


class Status(models.TextChoices):
    QUEUED = "queued", "Waiting"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Given up"
    IN_DOUBT = "in_doubt", "Interrupted while sending"
    DROPPED = "dropped", "No longer wanted"


class Delivery(models.Model):
    kind = models.CharField(max_length=40)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    not_before = models.DateTimeField(default=timezone.now)
    # Facts a later check needs, e.g. the local day of a reminder (dropped once it is logged).
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        abstract = True


def delivery_rules(prefix: str) -> list[models.BaseConstraint]:
    """What every outbox table keeps true, named per table (a constraint's name is unique in
    the database)."""
    return [
        models.CheckConstraint(
            condition=models.Q(status__in=Status.values), name=f"{prefix}_status_known"
        ),
        models.CheckConstraint(
            condition=models.Q(attempts__lte=MAX_ATTEMPTS), name=f"{prefix}_attempts_bounded"
        ),
    ]


class OutgoingMail(Delivery):
    # Cascade: mail still waiting for a deleted account is not sent.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    # Emptied once sent: a password reset link must not stay readable in the database.
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "outgoing mail"
        verbose_name_plural = "outgoing mail"
        indexes = [models.Index(fields=["status", "not_before"], name="notifications_mail_due")]
        constraints = delivery_rules("notifications_mail")

    def __str__(self) -> str:
        return f"{self.kind} mail to {self.to} ({self.get_status_display()})"


class PushSubscription(models.Model):
    """One device (a browser's push endpoint) that shows this person's notifications."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    # The push service's address for this browser: unique, so a shared phone on which
    # another person turns notifications on moves the device to them.
    endpoint = models.URLField(max_length=ENDPOINT_MAX_LENGTH, unique=True)
    p256dh = models.CharField(max_length=100)
    auth = models.CharField(max_length=50)
    created_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(endpoint__startswith="https://")
                | models.Q(endpoint__startswith="http://127.0.0.1:")
                | models.Q(endpoint__startswith="http://localhost:"),
                name="notifications_push_endpoint_is_https",
            ),
            models.CheckConstraint(
                condition=~models.Q(p256dh="") & ~models.Q(auth=""),
                name="notifications_push_keys_present",
            ),
        ]

    def __str__(self) -> str:
        return f"Push device of {self.user} since {self.created_at:%Y-%m-%d}"

    def info(self) -> dict[str, object]:
        """The subscription as the browser's PushSubscription.toJSON() gave it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class OutgoingPush(Delivery):
    subscription = models.ForeignKey(
        PushSubscription, on_delete=models.CASCADE, related_name="outgoing"
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    url = models.CharField(max_length=200)
    body = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    tag = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "outgoing notification"
        indexes = [models.Index(fields=["status", "not_before"], name="notifications_push_due")]
        constraints = [
            *delivery_rules("notifications_push"),
            models.CheckConstraint(
                condition=models.Q(url__startswith="/"), name="notifications_push_url_is_local"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} notification ({self.get_status_display()})"
