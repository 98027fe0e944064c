"""The factors of the day ("factors"): the person's list and the days that tick each.

Reading, writing and saving are ``journal.transfer.factors`` (also used by the day CSV's
factors column); this module makes them a part of the backup. Saved after the days (order
10), so a day's ticks find their day."""

from django.contrib.auth.models import AbstractBaseUser

from journal.transfer import factors
from journal.transfer.backup import BackupPart, Change, Preview, ReadContext, Reading
from journal.transfer.rows import Problem
from journal.transfer.store import ImportCounts


class FactorsPart(BackupPart, key=factors.KEY, noun="factors", item="Factor", order=50):
    def dump(self, user: AbstractBaseUser) -> object:
        return factors.dump(user)

    def read(self, value: object, context: ReadContext) -> Reading:
        found, problems = factors.read(value, context.today)
        # Each message already names its factor or factor day.
        return Reading(found, [Problem(0, problem.message) for problem in problems])

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        if not found:
            return Preview()
        new, changed, unchanged = factors.preview(user, found)  # type: ignore[arg-type]
        return Preview(new, [Change(*change) for change in changed], unchanged)

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        file: factors.FactorFile = found  # type: ignore[assignment]
        if not file:
            return ImportCounts(0, 0, 0)
        # "Keep mine": a day that already ticks factors keeps its own ticks, as the preview
        # says ("changed" days are kept unless replaced).
        kept = () if replace else factors.ticks_by_day(user).keys()
        return factors.save(user, file, replace=replace, kept_days=kept)

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        return factors.holdings(user)


PART = FactorsPart()
