"""Your factors (the list a day's chips come from) and your medicines (with their dated
changes). Every object is looked up among the signed-in person's own: anyone else's is 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from footcare.vocabulary import OWN_FACTORS_MAX, READY_FACTORS
from journal.models import Factor, Medicine, MedicineEvent
from journal.models.medicines import order_problem

from .forms import (
    ChangeForm,
    FactorForm,
    MedicineForm,
    as_change,
    check_room_for_own_factor,
    medicine_taken,
)

# --- the named rules: this person's factor, medicine or medicine event, or 404


def get_own_factor(request: HttpRequest, pk: int) -> Factor:
    return get_object_or_404(Factor.objects.for_user(request.user), pk=pk)


def get_own_medicine(request: HttpRequest, pk: int) -> Medicine:
    return get_object_or_404(Medicine.objects.for_user(request.user).with_events(), pk=pk)


def get_own_medicine_event(request: HttpRequest, pk: int) -> MedicineEvent:
    events = MedicineEvent.objects.for_user(request.user).select_related("medicine")
    return get_object_or_404(events, pk=pk)


def _back(request: HttpRequest, default: str) -> str:
    """Where to go after a change: the day page the person came from, else ``default``."""
    target = request.POST.get("back") or request.GET.get("back") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if safe and target.startswith("/journal/") else default


def _form_page(
    request: HttpRequest, template: str, form: forms.BaseForm, **context: object
) -> HttpResponse:
    """A page around a form: 400 when the form was refused, and a way back to the day page
    the person came from."""
    context = {"form": form, **context, "back": _back(request, "")}
    return render(request, template, context, status=400 if form.errors else 200)


# --- factors


@login_required
@require_http_methods(["GET", "POST"])
def factors(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = FactorForm(request.user, request.POST)
        if form.is_valid():
            try:
                factor = form.save()
            except forms.ValidationError as error:
                form.add_error("name", error)
            else:
                messages.success(request, f"Added “{factor.name}”: it shows on every day now.")
                return redirect(_back(request, reverse("journal:factors")))
    else:
        form = FactorForm(request.user)
    listed = Factor.objects.listed(request.user)
    return _form_page(
        request,
        "journal/factors/factors.html",
        form,
        ready=[f for f in listed if f.is_ready_made],
        own=[f for f in listed if not f.is_ready_made and f.shown],
        removed=[f for f in listed if not f.is_ready_made and not f.shown],
        own_max=OWN_FACTORS_MAX,
        ready_count=len(READY_FACTORS),
    )


@login_required
@require_POST
def factor_shown(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide a factor from the day form, or show it again; days that record it keep it."""
    factor = get_own_factor(request, pk)
    show = request.POST.get("shown") == "1"
    if show and not factor.shown and not factor.is_ready_made:
        try:
            check_room_for_own_factor(request.user)
        except forms.ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("journal:factors")
    if factor.shown != show:
        factor.shown = show
        factor.save(update_fields=["shown", "updated_at"])
    if show:
        messages.success(request, f"“{factor.name}” shows on every day again.")
    else:
        messages.success(
            request,
            f"“{factor.name}” no longer shows on new days; the days that record it keep it.",
        )
    return redirect("journal:factors")


# --- medicines


@login_required
@require_http_methods(["GET", "POST"])
def medicines(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = MedicineForm(request.user, request.POST)
        if form.is_valid():
            medicine = form.save()
            messages.success(request, f"Added {medicine.name}, started on {_day(medicine)}.")
            return redirect(_back(request, reverse("journal:medicines")))
    else:
        form = MedicineForm(request.user)
    listed = list(Medicine.objects.for_user(request.user).with_events())
    return _form_page(
        request,
        "journal/factors/medicines.html",
        form,
        taking=[(m, ChangeForm(m), latest(m)) for m in listed if medicine_taken(m)],
        stopped=[(m, latest(m)) for m in listed if not medicine_taken(m)],
    )


def latest(medicine: Medicine) -> MedicineEvent:
    return max(medicine.events.all(), key=lambda e: e.day)


def _day(medicine: Medicine) -> str:
    first = min(medicine.events.all(), key=lambda e: e.day)
    return f"{first.day:%-d %b %Y}"


@login_required
@require_http_methods(["GET", "POST"])
def medicine(request: HttpRequest, pk: int) -> HttpResponse:
    medicine = get_own_medicine(request, pk)
    form = ChangeForm(medicine, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            event = form.save()
        except forms.ValidationError as error:
            form.add_error(None, error)
        except IntegrityError:
            # Another tab recorded a change of this medicine on the same day just now.
            form.add_error("day", f"{medicine.name} already has a change on that day.")
        else:
            messages.success(
                request,
                f"Recorded: {medicine.name}, {event.get_kind_display().lower()} on "
                f"{event.day:%-d %b %Y}.",
            )
            return redirect(_back(request, reverse("journal:medicine", args=[medicine.pk])))
    return _form_page(
        request,
        "journal/factors/medicine.html",
        form,
        medicine=medicine,
        events=sorted(medicine.events.all(), key=lambda e: e.day, reverse=True),
    )


@login_required
@require_POST
def medicine_event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_own_medicine_event(request, pk)
    medicine = event.medicine
    others = [as_change(e) for e in medicine.events.exclude(pk=event.pk)]
    what = f"the {event.get_kind_display().lower()} of {event.day:%-d %b %Y}"
    if not others:
        messages.error(
            request,
            f"That is the only change of {medicine.name}. To remove it, delete the medicine.",
        )
    elif (problem := order_problem(medicine.name, others)) is not None:
        messages.error(request, f"{what[0].upper()}{what[1:]} cannot be deleted. {problem}")
    else:
        event.delete()
        medicine.touch()
        messages.success(request, f"Deleted {what} of {medicine.name}.")
    return redirect("journal:medicine", medicine.pk)


@login_required
@require_http_methods(["GET", "POST"])
def medicine_delete(request: HttpRequest, pk: int) -> HttpResponse:
    medicine = get_own_medicine(request, pk)
    if request.method == "POST":
        medicine.delete()
        messages.success(request, f"Deleted {medicine.name} and its changes.")
        return redirect("journal:medicines")
    return render(request, "journal/factors/medicine_confirm_delete.html", {"medicine": medicine})
