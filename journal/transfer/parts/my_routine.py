"""My routine ("my_routine"): the exercises the person chose, in their order, by slug. An
empty list is the default (every active exercise)."""

from django.contrib.auth.models import AbstractBaseUser

from footcare.vocabulary import counted
from journal.models import RoutineChoice
from journal.transfer import routines
from journal.transfer.backup import BackupPart, Change, Preview, ReadContext, Reading
from journal.transfer.rows import ExerciseRef
from journal.transfer.store import ImportCounts


def _mine(user: AbstractBaseUser) -> list[tuple[str, str]]:
    choices = RoutineChoice.objects.for_user(user).select_related("exercise")
    return [(choice.exercise.slug, choice.exercise.name) for choice in choices]


def _show(names: list[str]) -> str:
    return ", ".join(names) or "every exercise, in the catalog's order"


class MyRoutinePart(BackupPart, key="my_routine", noun="my routine", item="My routine", order=60):
    def dump(self, user: AbstractBaseUser) -> object:
        return routines.dump_my_routine(user)

    def read(self, value: object, context: ReadContext) -> Reading:
        found, problems = routines.read_my_routine(value, context.catalog)
        return Reading(found, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        chosen: list[ExerciseRef] | None = found  # type: ignore[assignment]
        if chosen is None:
            return Preview()
        mine = _mine(user)
        if [slug for slug, _name in mine] == [ref.slug for ref in chosen]:
            return Preview(unchanged=1)
        after = _show([ref.name for ref in chosen])
        if not mine:
            return Preview(new=[f"My routine: {after}"])
        return Preview(changed=[Change("My routine", _show([n for _s, n in mine]), after)])

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        chosen: list[ExerciseRef] | None = found  # type: ignore[assignment]
        if chosen is None:
            return ImportCounts(0, 0, 0)
        mine = [slug for slug, _name in _mine(user)]
        if mine == [ref.slug for ref in chosen]:
            return ImportCounts(0, 0, 0)
        if mine and not replace:
            return ImportCounts(0, 0, 1)
        RoutineChoice.objects.choose(user, chosen)
        return ImportCounts(0, 1, 0) if mine else ImportCounts(1, 0, 0)

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        count = RoutineChoice.objects.for_user(user).count()
        return [f"Your routine of {counted(count, 'exercise')} in your order"] if count else []


PART = MyRoutinePart()
