from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Exercise
from .routine import build_plan

ROUTINE_LIMIT_MINUTES = 20


def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = list(Exercise.objects.active())
    return render(
        request,
        "exercises/list.html",
        {
            "exercises": exercises,
            # The same plan the guided routine runs, so the page and the timer agree.
            "routine_time": build_plan(exercises)["total_display"],
            "limit_minutes": ROUTINE_LIMIT_MINUTES,
        },
    )


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise.objects.active(), slug=slug)
    return render(request, "exercises/detail.html", {"exercise": exercise})
