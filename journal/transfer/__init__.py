"""Moving a journal in and out of the app: CSV, JSON and FHIR files.

``rows`` checks every row of a file the same way, days and PEG weeks alike; ``csvfile`` and
``jsonfile`` read and write their formats, pure (bytes in, checked rows or problems out);
``store`` loads and saves one user's journal; ``fhir`` is the export for clinical systems.
"""

import datetime

from . import factors, medicines
from .backup import (
    BackupPart,
    PartPreview,
    ReadContext,
    Upload,
    fingerprint,
    from_parsed,
    preview_upload,
    read_document,
    save_upload,
    write_document,
)
from .csvfile import (
    CSV_COLUMNS,
    PEG_CSV_COLUMNS,
    CsvSyntaxError,
    guard_formula,
    is_peg_csv,
    parse_csv,
    parse_peg_csv,
    read_csv_records,
    unguard_formula,
    write_csv,
    write_peg_csv,
)
from .jsonfile import JSON_FORMAT, JSON_VERSION, parse_json, write_json
from .rows import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    Catalog,
    Day,
    ExerciseRef,
    Parsed,
    PegWeek,
    Problem,
    short,
    whole_file_problem,
)
from .store import (
    ImportCounts,
    catalog_refs,
    load_journal,
    load_peg,
    save_journal,
    save_peg,
)

__all__ = [
    "CSV_COLUMNS",
    "JSON_FORMAT",
    "JSON_VERSION",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "PEG_CSV_COLUMNS",
    "BackupPart",
    "Catalog",
    "CsvSyntaxError",
    "Day",
    "ExerciseRef",
    "ImportCounts",
    "Parsed",
    "PartPreview",
    "PegWeek",
    "Problem",
    "ReadContext",
    "Upload",
    "catalog_refs",
    "export_filename",
    "factors",
    "fingerprint",
    "guard_formula",
    "is_peg_csv",
    "load_journal",
    "load_peg",
    "medicines",
    "medicines_export_filename",
    "parse_csv",
    "parse_json",
    "parse_peg_csv",
    "parse_upload",
    "peg_export_filename",
    "preview_upload",
    "read_csv_records",
    "read_document",
    "read_upload",
    "save_journal",
    "save_peg",
    "save_upload",
    "unguard_formula",
    "write_csv",
    "write_document",
    "write_json",
    "write_peg_csv",
]


def parse_upload(filename: str, data: bytes, catalog: Catalog, today: datetime.date) -> Parsed:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "json":
        return parse_json(data, catalog, today)
    if suffix in {"csv", "txt"}:
        if is_peg_csv(data):
            return parse_peg_csv(data, today)
        if medicines.is_medicines_csv(data):
            return medicines.parse_csv(data, today)
        return parse_csv(data, catalog, today)
    return whole_file_problem(
        "Choose a .csv or .json file exported from Footcare Journal "
        f"(this one is called “{short(filename)}”)."
    )


def read_upload(filename: str, data: bytes, catalog: Catalog, today: datetime.date) -> Upload:
    """Any file the import accepts, checked, as what each backup part would save: a JSON
    backup with every part; a CSV of days (with their factors), of PEG weeks or of
    medicines."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if suffix == "json":
        return read_document(data, ReadContext(catalog, today))
    parsed = parse_upload(filename, data, catalog, today)
    if suffix in {"csv", "txt"} and is_peg_csv(data):
        return from_parsed(parsed, {"peg": parsed.weeks})
    if suffix in {"csv", "txt"} and medicines.is_medicines_csv(data):
        return from_parsed(parsed, {medicines.KEY: parsed.medicines})
    ticks = {day.day: day.factors for day in parsed.days if day.factors}
    return from_parsed(
        parsed, {"entries": parsed.days, factors.KEY: factors.FactorFile(days=ticks)}
    )


def export_filename(today: datetime.date, extension: str) -> str:
    return f"footcare-journal-{today.isoformat()}.{extension}"


def peg_export_filename(today: datetime.date) -> str:
    return f"footcare-peg-{today.isoformat()}.csv"


def medicines_export_filename(today: datetime.date) -> str:
    return f"footcare-medicines-{today.isoformat()}.csv"
