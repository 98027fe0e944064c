"""The weekly PEG check-ins ("peg")."""

from django.contrib.auth.models import AbstractBaseUser

from footcare.vocabulary import PEG_ITEMS, counted
from journal.models import PegCheckIn
from journal.transfer import jsonfile, store
from journal.transfer.backup import BackupPart, Preview, ReadContext, Reading
from journal.transfer.rows import PegWeek
from journal.transfer.store import ImportCounts


def describe(week: PegWeek) -> str:
    answers = ", ".join(
        f"{name} {'–' if value is None else value}"
        for name, value in zip(PEG_ITEMS, week.items, strict=True)
    )
    return answers if week.score is None else f"{answers} (score {week.score:.1f})"


class PegPart(BackupPart, key="peg", noun="weekly check-ins", item="PEG week", order=20):
    def dump(self, user: AbstractBaseUser) -> object:
        return [week.as_json() for week in store.load_peg(user)]

    def read(self, value: object, context: ReadContext) -> Reading:
        weeks, problems = jsonfile.read_weeks(value, context.today)
        return Reading(weeks, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        weeks: list[PegWeek] = found  # type: ignore[assignment]
        mine = {week.week: week for week in store.load_peg(user)} if weeks else {}
        preview = Preview()
        for week in sorted(weeks, key=lambda w: w.week):
            preview.compare(f"Week of {week.week:%-d %b %Y}", mine.get(week.week), week, describe)
        return preview

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        return store.save_peg(user, found, replace=replace)  # type: ignore[arg-type]

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        count = PegCheckIn.objects.for_user(user).count()
        return [f"{counted(count, 'weekly check-in')} (PEG)"] if count else []


PART = PegPart()
