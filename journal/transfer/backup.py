"""The JSON backup: everything that is the person's, one registered part per kind of record.

Each kind of record (days, PEG weeks, experiments, settings, …) is one ``BackupPart`` in its
own module of ``journal.transfer.parts``; the package is scanned, so adding a kind is adding
one file there, with no list to edit. A part writes its top-level key of the document, reads
it back (pure), compares it with the database for the import's preview, saves it, and says
what the delete page lists. The export, the preview, the save and the delete page loop over
``parts()`` in ``order``.

What is not in the backup, on purpose: the email address (an account's identity, confirmed
by mail, not by a file), share links (only their hashes are stored, so they could never work
again, and a restored list of dead links would only name clinicians), and the login records.
"""

import datetime
import hashlib
import importlib
import json
import operator
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from . import rows
from .jsonfile import JSON_FORMAT, JSON_VERSION, read_envelope
from .rows import Catalog, Problem
from .store import ImportCounts as Counts

T = TypeVar("T")


@dataclass(frozen=True)
class ReadContext:
    catalog: Catalog
    today: datetime.date


@dataclass
class Reading:
    found: object
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    what: str
    before: str
    after: str


@dataclass
class Preview:
    new: list[str] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    # Records the file holds that cannot go into this account as it is now (e.g. a second
    # running experiment); any of them blocks the import like a bad row does.
    refused: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.new) + len(self.changed) + self.unchanged + len(self.refused)

    def compare(
        self,
        what: str,
        have: T | None,
        found: T,
        describe: Callable[[T], str],
        same: Callable[[T, T], bool] = operator.eq,
    ) -> None:
        """Count the file's ``found`` as new, unchanged or changed against the account's
        ``have`` (None when the account has no such record)."""
        if have is None:
            self.new.append(what)
        elif same(have, found):
            self.unchanged += 1
        else:
            self.changed.append(Change(what, describe(have), describe(found)))


class BackupPart:
    """One kind of record in the backup. Subclass it in a module of ``journal.transfer.parts``,
    naming it in the class line (``class DaysPart(BackupPart, key="entries", noun="days",
    item="Entry", order=10)``), and set ``PART = DaysPart()`` there."""

    key: str  # its top-level key in the JSON document
    noun: str  # plural, for the preview: "3 new experiments"
    item: str  # one record, for a refused row's position: "Experiment 2"
    order: int  # read, previewed and saved in this order

    def __init_subclass__(
        cls, *, key: str, noun: str, item: str, order: int, **kwargs: object
    ) -> None:
        # Keywords, not class attributes: a part without one of the four fails at import.
        super().__init_subclass__(**kwargs)
        cls.key, cls.noun, cls.item, cls.order = key, noun, item, order

    def dump(self, user: AbstractBaseUser) -> object:
        raise NotImplementedError

    def read(self, value: object, context: ReadContext) -> Reading:
        """Pure: ``value`` is the document's entry for ``key``, None when it is absent."""
        raise NotImplementedError

    def preview(self, user: AbstractBaseUser, found: object) -> Preview:
        raise NotImplementedError

    def save(self, user: AbstractBaseUser, found: object, *, replace: bool) -> Counts:
        raise NotImplementedError

    def holdings(self, user: AbstractBaseUser) -> list[str]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.key!r}>"


@cache
def parts() -> tuple[BackupPart, ...]:
    """Every registered part, in order (found once per process)."""
    # Imported by name: the package's attribute "parts" may be this function's re-export.
    package = importlib.import_module(f"{__package__}.parts")
    found = []
    for module in pkgutil.iter_modules(package.__path__):
        part = getattr(importlib.import_module(f"{package.__name__}.{module.name}"), "PART", None)
        if isinstance(part, BackupPart):
            found.append(part)
    keys = [part.key for part in found]
    if len(set(keys)) != len(keys):
        raise RuntimeError(f"Two backup parts share a key: {sorted(keys)}")
    return tuple(sorted(found, key=lambda part: (part.order, part.key)))


def part_for(key: str) -> BackupPart:
    return next(part for part in parts() if part.key == key)


# --- one file in, checked


@dataclass(frozen=True)
class Refusal:
    where: str  # "Entry 3", "Line 5", "PEG week 2", "" for the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class Upload:
    """A checked file: what each part found in it, and every reason to refuse it."""

    found: dict[str, object]
    refusals: list[Refusal]

    @property
    def ok(self) -> bool:
        return not self.refusals


def refused(message: str) -> Upload:
    return Upload({}, [Refusal("", message)])


def from_parsed(parsed: rows.Parsed, found: dict[str, object]) -> Upload:
    """A CSV file (days, PEG weeks or medicines): what it holds for each part, by key."""
    refusals = [
        Refusal(f"{parsed.unit} {p.where}" if p.where else "", p.message) for p in parsed.problems
    ]
    return Upload(found if not refusals else {}, refusals)


def read_document(data: bytes, context: ReadContext) -> Upload:
    """A JSON backup: the envelope is checked once, then each part reads its own key."""
    document = read_envelope(data)
    if isinstance(document, Problem):
        where = f"Line {document.where}" if document.where else ""
        return Upload({}, [Refusal(where, document.message)])
    upload = Upload({}, [])
    for part in parts():
        reading = part.read(document.get(part.key), context)
        upload.found[part.key] = reading.found
        upload.refusals.extend(
            Refusal(f"{part.item} {p.where}" if p.where else "", p.message)
            for p in reading.problems
        )
    if upload.refusals:
        upload.found = {}
    return upload


def write_document(user: AbstractBaseUser, exported_at: datetime.datetime) -> bytes:
    document: dict[str, object] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
    }
    for part in parts():
        document[part.key] = part.dump(user)
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


# --- the preview and the save


@dataclass
class PartPreview:
    part: BackupPart
    preview: Preview


def preview_upload(user: AbstractBaseUser, upload: Upload) -> list[PartPreview]:
    return [
        PartPreview(part, part.preview(user, upload.found[part.key]))
        for part in parts()
        if part.key in upload.found
    ]


def fingerprint(previews: Iterable[PartPreview]) -> str:
    """What the person saw: a confirmation made for another state of the journal is refused."""
    digest = hashlib.sha256()
    for item in previews:
        preview = item.preview
        digest.update(
            repr(
                (item.part.key, preview.new, preview.changed, preview.unchanged, preview.refused)
            ).encode()
        )
    return digest.hexdigest()[:32]


def save_upload(
    user: AbstractBaseUser, upload: Upload, *, replace: bool
) -> list[tuple[BackupPart, Counts]]:
    """Save every part, in order, in one transaction: all of the file or nothing."""
    with transaction.atomic():
        return [
            (part, part.save(user, upload.found[part.key], replace=replace))
            for part in parts()
            if part.key in upload.found
        ]
