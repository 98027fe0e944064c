"""Medicines and their dated changes ("medicines"): reading, writing and saving are
``journal.transfer.medicines`` (also used by the medicines CSV)."""

from django.contrib.auth.models import AbstractBaseUser

from journal.transfer import medicines
from journal.transfer.backup import BackupPart, Change, Preview, ReadContext, Reading
from journal.transfer.store import ImportCounts


class MedicinesPart(
    BackupPart, key=medicines.KEY, noun="medicines", item="Medicine change", order=55
):
    def dump(self, user: AbstractBaseUser) -> object:
        return medicines.dump(user)

    def read(self, value: object, context: ReadContext) -> Reading:
        found, problems = medicines.read_json(value, context.today)
        return Reading(found, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        if not found:
            return Preview()
        new, changed, unchanged = medicines.preview(user, found)  # type: ignore[arg-type]
        return Preview(new, [Change(*change) for change in changed], unchanged)

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        if not found:
            return ImportCounts(0, 0, 0)
        return medicines.save(user, found, replace=replace)  # type: ignore[arg-type]

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        return medicines.holdings(user)


PART = MedicinesPart()
