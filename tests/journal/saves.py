"""How the tests of each way a day is saved (the forms, the routine, an import) check a
refusal: a 400 that leaves the journal as it was."""

from hypothesis import event

from journal.models import Entry


def refused_save(response: object, user: object) -> str:
    """The page of a save refused with a 400, having checked that ``user`` has no day saved."""
    assert response.status_code == 400
    assert not Entry.objects.filter(user=user).exists()
    return response.text


def saved_whole_or_not_at_all(response: object, before: object, after: object) -> bool:
    """Whether a generated save went through (a 302), having checked that a refusal (a 400)
    left the journal as it was; anything else is a failure."""
    assert response.status_code in (302, 400)
    event(f"status {response.status_code}")
    if response.status_code == 400:
        assert after == before
    return response.status_code == 302
