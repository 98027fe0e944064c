"""Your data: what the journal holds, its exports (CSV, JSON, PEG CSV, FHIR), an import,
and deleting the account with the whole journal."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.erase import erase_person
from accounts.forms import DeleteAccountForm
from accounts.views import clear_site_data
from journal import transfer
from journal.models import Entry, PendingImport
from journal.transfer import fhir

from .forms import ImportForm
from .inventory import what_goes


@login_required
@require_GET
def your_data(request: HttpRequest) -> HttpResponse:
    summary = Entry.objects.for_user(request.user).aggregate(
        days=Count("pk"), first=Min("day"), last=Max("day")
    )
    return render(request, "journal/yourdata/data.html", {"summary": summary})


@login_required
@require_GET
@never_cache
def export_csv(request: HttpRequest) -> HttpResponse:
    data = transfer.write_csv(transfer.load_journal(request.user))
    filename = transfer.export_filename(timezone.localdate(), "csv")
    return _attachment(data, "text/csv; charset=utf-8", filename)


@login_required
@require_GET
@never_cache
def export_json(request: HttpRequest) -> HttpResponse:
    data = transfer.write_document(request.user, exported_at=timezone.now())
    filename = transfer.export_filename(timezone.localdate(), "json")
    return _attachment(data, "application/json; charset=utf-8", filename)


@login_required
@require_GET
@never_cache
def export_peg_csv(request: HttpRequest) -> HttpResponse:
    data = transfer.write_peg_csv(transfer.load_peg(request.user))
    filename = transfer.peg_export_filename(timezone.localdate())
    return _attachment(data, "text/csv; charset=utf-8", filename)


@login_required
@require_GET
@never_cache
def export_medicines_csv(request: HttpRequest) -> HttpResponse:
    data = transfer.medicines.write_csv(transfer.medicines.load(request.user))
    filename = transfer.medicines_export_filename(timezone.localdate())
    return _attachment(data, "text/csv; charset=utf-8", filename)


@login_required
@require_GET
@never_cache
def export_fhir(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = fhir.first_day(request.user) or today
    document = fhir.bundle_for(request.user, start, today, timezone.now())
    return fhir.fhir_response(document, fhir.fhir_filename(start, today))


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    return HttpResponse(
        data,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest) -> HttpResponse:
    """Step 1: upload and check a file. Nothing changes here: a good file is kept on the
    server and its preview shown; a bad one is refused with every reason."""
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    upload = None
    if posted and form.is_valid():
        file = form.cleaned_data["file"]
        data = file.read()
        upload = _read(file.name, data)
        if upload.ok:
            pending = PendingImport.objects.hold(request.user, file.name, data, timezone.now())
            return redirect("yourdata:import_preview", key=pending.key)
    context = {"form": form, "upload": upload}
    return render(request, "journal/yourdata/import.html", context, status=400 if posted else 200)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, key: str) -> HttpResponse:
    """Step 2: what the file would add and change; saved only when the person says so."""
    pending = get_own_pending_import(request, key)
    upload = _read(pending.name, bytes(pending.data))
    previews = transfer.preview_upload(request.user, upload) if upload.ok else []
    seen = transfer.fingerprint(previews)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "cancel":
        pending.delete()
        messages.info(request, f"Nothing was imported from “{pending.name}”.")
        return redirect("yourdata:data")
    status, note = 200, ""
    if action in {"add", "replace"}:
        if request.POST.get("seen") != seen:
            status, note = 409, CHANGED_SINCE_PREVIEW
        elif upload.ok and not any(p.preview.refused for p in previews):
            try:
                counts = transfer.save_upload(request.user, upload, replace=action == "replace")
            except IntegrityError:
                # Another tab saved one of these days mid-import; the transaction undid all.
                status, note = 409, CHANGED_WHILE_SAVING
            else:
                pending.delete()
                messages.success(request, import_summary(pending.name, counts))
                return redirect("yourdata:data")
        else:
            status = 400
    context = {
        "pending": pending,
        "upload": upload,
        "previews": previews,
        "seen": seen,
        "note": note,
        "summary": summarise(previews),
    }
    return render(request, "journal/yourdata/import_preview.html", context, status=status)


CHANGED_SINCE_PREVIEW = (
    "Your journal changed since this preview was shown (another tab or device saved "
    "something), so nothing was imported. Here is the preview again: check it and choose again."
)
CHANGED_WHILE_SAVING = (
    "Your journal changed while the file was being imported, so nothing was saved. "
    "Please check the preview and choose again."
)


def get_own_pending_import(request: HttpRequest, key: str) -> PendingImport:
    live = PendingImport.objects.for_user(request.user).live(timezone.now())
    return get_object_or_404(live, key=key)


def _read(name: str, data: bytes) -> transfer.Upload:
    catalog = transfer.Catalog(transfer.catalog_refs())
    return transfer.read_upload(name, data, catalog, timezone.localdate())


def summarise(previews: list[transfer.PartPreview]) -> dict[str, int]:
    return {
        "new": sum(len(p.preview.new) for p in previews),
        "changed": sum(len(p.preview.changed) for p in previews),
        "unchanged": sum(p.preview.unchanged for p in previews),
        "refused": sum(len(p.preview.refused) for p in previews),
    }


def import_summary(
    name: str, counts: list[tuple[transfer.BackupPart, transfer.ImportCounts]]
) -> str:
    sentences = [f"Imported “{name}”:"]
    for part, count in counts:
        if part.key == "entries":
            sentences.append(
                f"{_days(count.added)} added, {_days(count.replaced)} replaced, "
                f"{_days(count.kept)} kept as they were."
            )
        elif count.added + count.replaced + count.kept:
            sentences.append(
                f"{part.noun.capitalize()}: {count.added} added, {count.replaced} replaced, "
                f"{count.kept} kept as they were."
            )
    return " ".join(sentences)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = DeleteAccountForm(request, request.POST if posted else None)
    if posted and form.is_valid():
        user = request.user
        logout(request)
        erase_person(user)
        messages.success(request, "Your account and your whole journal have been deleted.")
        return clear_site_data(redirect("home"))
    context = {"form": form, "what_goes": what_goes(request.user)}
    return render(request, "journal/yourdata/delete.html", context, status=400 if posted else 200)
