"""What the journal does when someone else's code acts: an account deleted (by the person,
or in the admin) takes the person's cached reports, charts and PDFs with it.

The database's cascade removes the entries, check-ins, links and experiments themselves.
Add any other per-person clean-up to ``forget_the_person``. When an owner undoes an address
change they did not make, the links made since are ended.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone

from accounts.recovery import email_change_undone
from journal.models import ShareLink
from journal.reports.data import forget_person


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="journal.forget_the_person")
def forget_the_person(sender: type, instance: AbstractBaseUser, **kwargs: object) -> None:
    # Before the deletion: the cache keys name the person's id, which delete() clears.
    forget_person(instance)


@receiver(email_change_undone, dispatch_uid="journal.end_links_of_an_intruder")
def end_links_made_since(
    sender: type, user: AbstractBaseUser, since: datetime.datetime, **kwargs: object
) -> None:
    # Whoever changed the address could have shared the journal with themselves.
    ShareLink.objects.for_user(user).filter(created_at__gte=since, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
