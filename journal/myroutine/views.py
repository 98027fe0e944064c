from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from exercises.models import Exercise
from exercises.routine import format_seconds, step_for
from journal.models import RoutineChoice

from .forms import MyRoutineForm


def routine_time(exercises: list[Exercise]) -> str:
    return format_seconds(sum(step_for(exercise).seconds for exercise in exercises))


@login_required
def my_routine_page(request: HttpRequest) -> HttpResponse:
    catalog = list(Exercise.objects.active())
    current = RoutineChoice.objects.routine_of(request.user)
    if request.method == "POST" and "reset" in request.POST:
        RoutineChoice.objects.choose(request.user, catalog)
        messages.success(request, f"Your routine is all {len(catalog)} exercises again.")
        return redirect("journal:routine")
    form = MyRoutineForm(
        request.POST if request.method == "POST" else None, exercises=catalog, current=current
    )
    if form.is_valid():
        RoutineChoice.objects.choose(request.user, form.routine)
        names = ", then ".join(exercise.name for exercise in form.routine)
        messages.success(request, f"Your routine: {names} ({routine_time(form.routine)}).")
        return redirect("journal:routine")
    context = {
        "form": form,
        "current": current,
        "current_time": routine_time(current),
        "rows": [
            (exercise, field, format_seconds(step_for(exercise).seconds))
            for exercise, field in form.rows()
        ],
        "is_everything": [e.pk for e in current] == [e.pk for e in catalog],
    }
    return render(request, "journal/my_routine.html", context, status=400 if form.errors else 200)
