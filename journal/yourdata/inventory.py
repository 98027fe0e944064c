"""What deleting an account takes with it, in the person's words: every kind of record in
the backup (each part says what it holds), then what the backup leaves out."""

from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q
from django.utils import timezone

from footcare.vocabulary import counted
from journal.models import PendingImport, ShareLink
from journal.transfer import backup


def share_links(user: AbstractBaseUser) -> list[str]:
    now = timezone.now()
    counts = ShareLink.objects.for_user(user).aggregate(
        every=Count("pk"), live=Count("pk", filter=Q(revoked_at__isnull=True, expires_at__gt=now))
    )
    if not counts["every"]:
        return []
    live = counts["live"]
    return [
        f"{counted(counts['every'], 'link')} shared with your "
        f"clinician ({live} still working: {'it stops' if live == 1 else 'they stop'} at once)"
    ]


def pending_imports(user: AbstractBaseUser) -> list[str]:
    if not PendingImport.objects.for_user(user).live(timezone.now()).exists():
        return []
    return ["A file you uploaded for import and have not confirmed"]


# Not in the backup, but the person's: one function each, in alphabetical order.
NOT_IN_BACKUP: tuple[Callable[[AbstractBaseUser], list[str]], ...] = (
    pending_imports,
    share_links,
)


def what_goes(user: AbstractBaseUser) -> list[str]:
    """One line per kind of thing deleted with the account; a fixed number of queries."""
    lines = [line for part in backup.parts() for line in part.holdings(user)]
    return lines + [line for describe in NOT_IN_BACKUP for line in describe(user)]
