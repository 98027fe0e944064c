"""Your data: what the journal holds, its exports (CSV, JSON, PEG CSV, FHIR), an import,
and deleting the account with the whole journal."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from accounts.erase import erase_person
from accounts.forms import DeleteAccountForm
from accounts.views import clear_site_data
from journal import transfer
from journal.models import Entry
from journal.transfer import fhir, routines

from .forms import ImportForm


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
    return _attachment(data, "text/csv; charset=utf-8", "csv")


@login_required
@require_GET
@never_cache
def export_json(request: HttpRequest) -> HttpResponse:
    user = request.user
    days = transfer.load_journal(user)
    weeks = transfer.load_peg(user)
    extra = {
        **routines.dump(user),
        transfer.factors.KEY: transfer.factors.dump(user),
        transfer.medicines.KEY: transfer.medicines.dump(user),
    }
    data = transfer.write_json(days, exported_at=timezone.now(), weeks=weeks, extra=extra)
    return _attachment(data, "application/json; charset=utf-8", "json")


@login_required
@require_GET
@never_cache
def export_peg_csv(request: HttpRequest) -> HttpResponse:
    data = transfer.write_peg_csv(transfer.load_peg(request.user))
    filename = transfer.peg_export_filename(timezone.localdate())
    return HttpResponse(
        data,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_GET
@never_cache
def export_medicines_csv(request: HttpRequest) -> HttpResponse:
    data = transfer.medicines.write_csv(transfer.medicines.load(request.user))
    filename = transfer.medicines_export_filename(timezone.localdate())
    return HttpResponse(
        data,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_GET
@never_cache
def export_fhir(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = fhir.first_day(request.user) or today
    document = fhir.bundle_for(request.user, start, today, timezone.now())
    return fhir.fhir_response(document, fhir.fhir_filename(start, today))


def _attachment(data: bytes, content_type: str, extension: str) -> HttpResponse:
    filename = transfer.export_filename(timezone.localdate(), extension)
    return HttpResponse(
        data,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_data(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    parsed = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        catalog = transfer.Catalog(transfer.catalog_refs())
        parsed = transfer.parse_upload(upload.name, upload.read(), catalog, timezone.localdate())
        if parsed.ok:
            replace = form.cleaned_data["on_existing"] == ImportForm.REPLACE
            try:
                counts, weeks = transfer.save_import(request.user, parsed, replace=replace)
            except IntegrityError:
                # Another tab saved one of these days mid-import; the transaction undid all.
                messages.error(
                    request,
                    "Your journal changed while the file was being imported, so nothing was "
                    "saved. Please import the file again.",
                )
                return render(request, "journal/yourdata/import.html", {"form": form}, status=409)
            messages.success(
                request,
                f"Imported “{upload.name}”: {_days(counts.added)} added, "
                f"{_days(counts.replaced)} replaced, {_days(counts.kept)} kept as they were."
                + _peg_weeks(weeks)
                + transfer.medicines.counts_text(
                    parsed.medicine_counts or transfer.ImportCounts(0, 0, 0)
                ),
            )
            return redirect("yourdata:data")
    context = {"form": form, "parsed": parsed}
    return render(request, "journal/yourdata/import.html", context, status=400 if posted else 200)


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def _peg_weeks(counts: transfer.ImportCounts) -> str:
    total = counts.added + counts.replaced + counts.kept
    if not total:
        return ""
    return (
        f" Weekly check-ins: {counts.added} added, {counts.replaced} replaced, "
        f"{counts.kept} kept as they were."
    )


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
    days = Entry.objects.for_user(request.user).count()
    context = {"form": form, "days": days}
    return render(request, "journal/yourdata/delete.html", context, status=400 if posted else 200)
