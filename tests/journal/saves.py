"""What a refused save of a day looks like, for the tests of each way a day is saved."""

from journal.models import Entry


def refused_save(response: object, user: object) -> str:
    """The page of a save refused with a 400, having checked that ``user`` has no day saved."""
    assert response.status_code == 400
    assert not Entry.objects.filter(user=user).exists()
    return response.text
