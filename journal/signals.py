"""What the journal does when someone else's code acts: an account deleted (by the person,
or in the admin) takes the person's cached reports, charts and PDFs with it.

The database's cascade removes the entries, check-ins, links and experiments themselves.
Add any other per-person clean-up to ``forget_the_person``.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from journal.reports.data import forget_person


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="journal.forget_the_person")
def forget_the_person(sender: type, instance: AbstractBaseUser, **kwargs: object) -> None:
    # Before the deletion: the cache keys name the person's id, which delete() clears.
    forget_person(instance)
