import datetime

from footcare.vocabulary import before_the_journal


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        # A ValueError here (e.g. 2026-02-30) makes the URL not match: a 404, not a 500.
        day = datetime.date.fromisoformat(value)
        # Before the journal's first possible day is no page either (year 1 overflowed).
        if before_the_journal(day):
            raise ValueError(value)
        return day

    def to_url(self, value: datetime.date | str) -> str:
        return value if isinstance(value, str) else value.isoformat()
