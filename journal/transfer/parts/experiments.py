"""The randomised experiments: what was fixed at the start (area, length, the drawn schedule)
and how each ended. Their results are recomputed from the schedule and the days."""

import datetime
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from footcare.vocabulary import AREA_LABELS, AREAS, EARLIEST_DAY, counted
from journal.analysis.experiment import BLOCK_DAYS, EXPERIMENT_WEEKS, PRACTISE, REST
from journal.models import Experiment
from journal.transfer.backup import BackupPart, Preview, ReadContext, Reading
from journal.transfer.rows import Bad, Problem, json_date, short
from journal.transfer.store import ImportCounts

MAX_EXPERIMENTS = 1000


def _date(value: object) -> datetime.date:
    day = json_date(value, "write it as YYYY-MM-DD")
    if day < EARLIEST_DAY:
        raise Bad(f"{value} is before {EARLIEST_DAY:%-d %B %Y}")
    return day


def _optional_date(value: object) -> datetime.date | None:
    return None if value is None else _date(value)


def _moment(value: object) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        raise Bad("write it as an ISO date and time with its offset") from error
    if moment.tzinfo is None:
        raise Bad("it needs a time zone offset such as +00:00")
    return moment


def _area(value: object) -> str:
    if value not in AREAS:
        raise Bad(f"choose one of {', '.join(AREAS)}")
    return value  # type: ignore[return-value]


def _weeks(value: object) -> int:
    if type(value) is not int or value not in EXPERIMENT_WEEKS:
        raise Bad(f"an experiment lasts {', '.join(map(str, EXPERIMENT_WEEKS))} weeks")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise Bad("write true or false")
    return value


def _schedule(value: object) -> str:
    if not isinstance(value, str) or set(value) - {PRACTISE, REST}:
        raise Bad(f"one letter a day, {PRACTISE} (practise) or {REST} (rest)")
    return value


def _routine(value: object) -> str:
    # My routine as it was when the experiment started: exercise slugs in order (checked
    # against the catalog in ``read``), stored comma-joined.
    if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
        raise Bad("a list of exercise names")
    text = ",".join(value)
    if len(text) > Experiment._meta.get_field("routine").max_length:
        raise Bad("too many exercises")
    return text


# Field name -> (how it is read from the file, how it is written). Dumped and read in this
# order; a field added to the model is one line here.
FIELDS: dict[str, tuple[Callable[[object], object], Callable[[object], object]]] = {
    "area": (_area, str),
    "weeks": (_weeks, int),
    "start": (_date, datetime.date.isoformat),
    "end": (_date, datetime.date.isoformat),
    "schedule": (_schedule, str),
    "stopped_on": (_optional_date, lambda d: None if d is None else d.isoformat()),
    "is_open": (_flag, bool),
    "created_at": (_moment, datetime.datetime.isoformat),
    "routine": (_routine, lambda text: [slug for slug in text.split(",") if slug]),
}
# Fields an older file may lack, and the value they then take.
OPTIONAL: dict[str, object] = {"routine": ""}


def _check(values: dict[str, object], today: datetime.date) -> list[str]:
    """The rules that tie the fields together (the database's constraints, and the design)."""
    start, end, weeks = values["start"], values["end"], values["weeks"]
    schedule, stopped = values["schedule"], values["stopped_on"]
    reasons = []
    days = weeks * 7  # type: ignore[operator]
    if end != start + datetime.timedelta(days=days - 1):  # type: ignore[operator]
        reasons.append(
            f"a {weeks}-week experiment from {start} ends on "
            f"{start + datetime.timedelta(days=days - 1)}, not {end}."
        )  # type: ignore[operator]
    if start > today + datetime.timedelta(days=1):  # type: ignore[operator]
        reasons.append(f"it starts on {start}, later than tomorrow.")
    if len(schedule) != days:  # type: ignore[arg-type]
        reasons.append(f"the schedule has {len(schedule)} days, not {days}.")  # type: ignore[arg-type]
    elif any(
        schedule[i : i + BLOCK_DAYS].count(PRACTISE) != BLOCK_DAYS // 2  # type: ignore[index]
        for i in range(0, days, BLOCK_DAYS)
    ):
        reasons.append(
            f"the schedule must have {BLOCK_DAYS // 2} practise days in every {BLOCK_DAYS} days."
        )
    if stopped is not None:
        if not start <= stopped <= end:  # type: ignore[operator]
            reasons.append(f"it was stopped on {stopped}, outside its days.")
        if values["is_open"]:
            reasons.append("a stopped experiment cannot be open.")
    return reasons


def _routine_problems(values: dict[str, object], context: ReadContext) -> list[str]:
    """Each exercise of the routine must be in the catalog; found by name or slug, kept by
    its slug."""
    slugs = []
    for name in [part for part in str(values["routine"]).split(",") if part]:
        exercise = context.catalog.find(name)
        if exercise is None:
            return [f"routine: “{short(name)}” is not an exercise of the catalog."]
        slugs.append(exercise.slug)
    values["routine"] = ",".join(slugs)
    return []


def describe(values: dict[str, object]) -> str:
    start = values["start"]
    state = (
        f"stopped on {values['stopped_on']:%-d %b %Y}"  # type: ignore[str-format]
        if values["stopped_on"]
        else ("running" if values["is_open"] else "finished")
    )
    return (
        f"{values['weeks']} weeks from {start:%-d %b %Y}, "  # type: ignore[str-format]
        f"{AREA_LABELS[values['area']].lower()}, {state}"  # type: ignore[index]
    )


def _identity(values: dict[str, object]) -> tuple[object, object]:
    return values["start"], values["created_at"]


class ExperimentsPart(
    BackupPart, key="experiments", noun="experiments", item="Experiment", order=30
):
    def dump(self, user: AbstractBaseUser) -> object:
        rows = Experiment.objects.for_user(user).order_by("start", "created_at")
        return [
            {
                name: write(value) if value is not None else None
                for (name, (_read, write)), value in zip(FIELDS.items(), row, strict=True)
            }
            for row in rows.values_list(*FIELDS)
        ]

    def read(self, value: object, context: ReadContext) -> Reading:
        if value is None:
            return Reading([])
        if not isinstance(value, list) or len(value) > MAX_EXPERIMENTS:
            return Reading(
                [],
                [
                    Problem(
                        0, f"“experiments” must be a list of at most {MAX_EXPERIMENTS} experiments."
                    )
                ],
            )
        found: list[dict[str, object]] = []
        problems: list[Problem] = []
        seen: dict[tuple[object, object], int] = {}
        open_at: int | None = None
        for position, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                problems.append(Problem(position, "An experiment must be an object {…}."))
                continue
            unknown = sorted(str(key) for key in item.keys() - FIELDS.keys())
            if unknown:
                problems.append(Problem(position, f"Unknown field {', '.join(unknown)}."))
                continue
            values: dict[str, object] = {}
            reasons = []
            for name, (read, _write) in FIELDS.items():
                if name not in item:
                    if name in OPTIONAL:
                        values[name] = OPTIONAL[name]
                    else:
                        reasons.append(f"{name} is missing.")
                    continue
                try:
                    values[name] = read(item[name])
                except Bad as bad:
                    reasons.append(f"{name}: {bad}.")
            if not reasons:
                reasons = _check(values, context.today) + _routine_problems(values, context)
            if not reasons and _identity(values) in seen:
                reasons = [
                    f"it appears twice in the file (also experiment {seen[_identity(values)]})."
                ]
            if not reasons and values["is_open"]:
                if open_at is not None:
                    reasons = [f"only one experiment can be open (experiment {open_at} is too)."]
                open_at = position
            if reasons:
                problems.append(Problem(position, " ".join(r[:1].upper() + r[1:] for r in reasons)))
                continue
            seen[_identity(values)] = position
            found.append(values)
        return Reading(found, problems)

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        experiments: list[dict[str, object]] = found  # type: ignore[assignment]
        preview = Preview()
        if not experiments:
            return preview
        mine = {
            _identity(values): values
            for values in Experiment.objects.for_user(user).values(*FIELDS)
        }
        open_mine = [values for values in mine.values() if values["is_open"]]
        for values in experiments:
            what = f"Experiment from {values['start']:%-d %b %Y}"  # type: ignore[str-format]
            have = mine.get(_identity(values))
            others_open = [v for v in open_mine if _identity(v) != _identity(values)]
            if values["is_open"] and others_open and have != values:
                preview.refused.append(
                    f"{what} is open, and your own experiment from "
                    f"{others_open[0]['start']:%-d %b %Y} is open too: stop yours first "  # type: ignore[str-format]
                    "(one experiment at a time)."
                )
            else:
                preview.compare(what, have, values, describe)
        return preview

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> ImportCounts:
        experiments: list[dict[str, object]] = found  # type: ignore[assignment]
        if not experiments:
            return ImportCounts(0, 0, 0)
        mine = {
            (e.start, e.created_at): e
            for e in Experiment.objects.for_user(user).filter(
                Q(start__in=[values["start"] for values in experiments])
            )
        }
        new = [v for v in experiments if _identity(v) not in mine]
        old = [v for v in experiments if _identity(v) in mine]
        changed = []
        if replace:
            for values in old:
                experiment = mine[_identity(values)]
                if any(getattr(experiment, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(experiment, name, value)
                    changed.append(experiment)
            # Closed first: the one-open-experiment rule must hold after every statement.
            Experiment.objects.bulk_update(
                sorted(changed, key=lambda e: e.is_open), list(FIELDS), batch_size=500
            )
        Experiment.objects.bulk_create(
            (Experiment(user=user, **values) for values in new), batch_size=500
        )
        return ImportCounts(added=len(new), replaced=len(changed), kept=0 if replace else len(old))

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        count = Experiment.objects.for_user(user).count()
        return [f"{counted(count, 'experiment')} (schedules and results)"] if count else []


PART = ExperimentsPart()
