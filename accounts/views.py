from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.db import IntegrityError
from django.db.models import Count, Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import transfer
from journal.models import Entry

from .forms import DeleteAccountForm, ImportForm, SignUpForm

# After log-out nothing personal may stay readable on the phone: the browser empties its
# HTTP cache, the service worker's caches, localStorage (the drafts) and IndexedDB.
CLEAR_SITE_DATA = '"cache", "storage"'


def clear_site_data(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@require_POST
def log_out(request: HttpRequest) -> HttpResponse:
    return clear_site_data(LogoutView.as_view()(request))


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journal:today")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Rate today's pain to start your journal.")
        return redirect("journal:today")
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


@login_required
@require_GET
def your_data(request: HttpRequest) -> HttpResponse:
    summary = Entry.objects.for_user(request.user).aggregate(
        days=Count("pk"), first=Min("day"), last=Max("day")
    )
    return render(request, "accounts/data.html", {"summary": summary})


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
    days = transfer.load_journal(request.user)
    data = transfer.write_json(days, exported_at=timezone.now())
    return _attachment(data, "application/json; charset=utf-8", "json")


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
                counts = transfer.save_journal(request.user, parsed.days, replace=replace)
            except IntegrityError:
                # Another tab saved one of these days mid-import; the transaction undid all.
                messages.error(
                    request,
                    "Your journal changed while the file was being imported, so nothing was "
                    "saved. Please import the file again.",
                )
                return render(request, "accounts/import.html", {"form": form}, status=409)
            messages.success(
                request,
                f"Imported “{upload.name}”: {_days(counts.added)} added, "
                f"{_days(counts.replaced)} replaced, {_days(counts.kept)} kept as they were.",
            )
            return redirect("accounts:data")
    context = {"form": form, "parsed": parsed}
    return render(request, "accounts/import.html", context, status=400 if posted else 200)


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
        # CASCADE removes the entries, and with them their exercise rows.
        user.delete()
        messages.success(request, "Your account and your whole journal have been deleted.")
        return clear_site_data(redirect("home"))
    days = Entry.objects.for_user(request.user).count()
    context = {"form": form, "days": days}
    return render(request, "accounts/delete.html", context, status=400 if posted else 200)
