"""The weekly PEG check-in: answer this week's three questions, or not this week."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from footcare.vocabulary import PEG_ITEMS
from journal.models import PegCheckIn, monday_of

from .forms import PegForm
from .offer import dismiss_peg


@login_required
@require_http_methods(["GET", "POST"])
def peg_check_in(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    week = monday_of(today)
    check_in = PegCheckIn.objects.for_user(request.user).filter(week=week).first()
    initial = {item: getattr(check_in, item) for item in PEG_ITEMS} if check_in else None
    form = PegForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        saved = form.save_for(request.user, week)
        score = "" if saved.score is None else f" Your PEG score this week is {saved.score:.1f}."
        messages.success(request, f"Saved your check-in for the week of {week:%-d %B %Y}.{score}")
        return redirect("journal:today")
    context = {"form": form, "week": week, "check_in": check_in}
    return render(request, "journal/peg.html", context, status=400 if form.is_bound else 200)


@login_required
@require_POST
def peg_dismiss(request: HttpRequest) -> HttpResponse:
    dismiss_peg(request, timezone.localdate())
    messages.info(request, "The weekly check-in will be offered again next week.")
    return redirect("journal:today")
