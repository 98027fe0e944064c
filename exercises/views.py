from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Exercise

ROUTINE_LIMIT_MINUTES = 20


def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = list(Exercise.objects.active())
    total_seconds = sum(exercise.duration_seconds for exercise in exercises)
    return render(
        request,
        "exercises/list.html",
        {
            "exercises": exercises,
            "total_minutes": round(total_seconds / 60),
            "limit_minutes": ROUTINE_LIMIT_MINUTES,
        },
    )


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise.objects.active(), slug=slug)
    return render(request, "exercises/detail.html", {"exercise": exercise})
