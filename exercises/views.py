from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from footcare import keys

from .models import Exercise, catalog_version
from .routine import build_plan


def exercise_list(request: HttpRequest) -> HttpResponse:
    # The page body is cached under the catalog's version; the exercises and the routine's
    # time are read only when it has to be rendered.
    exercises = SimpleLazyObject(lambda: list(Exercise.objects.active()))
    return render(
        request,
        "exercises/list.html",
        {
            "catalog_key": keys.catalog_page(catalog_version(), request.user.is_authenticated),
            "exercises": exercises,
            # The same plan the guided routine runs, so the page and the timer agree.
            "routine_time": SimpleLazyObject(lambda: build_plan(exercises)["total_display"]),
        },
    )


def active_names(version: str) -> dict[str, str]:
    """Slug -> name of the active exercises, kept in the worker's memory per catalog version."""
    key = keys.active_exercises(version)
    names = caches["pages"].get(key)
    if names is None:
        names = dict(Exercise.objects.active().values_list("slug", "name"))
        caches["pages"].set(key, names, keys.FRAGMENT_SECONDS)
    return names


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    version = catalog_version()
    name = active_names(version).get(slug)
    if name is None:
        raise Http404("No such exercise in the catalog.")
    exercise = SimpleLazyObject(lambda: Exercise.objects.active().get(slug=slug))
    return render(
        request,
        "exercises/detail.html",
        {"exercise": exercise, "name": name, "catalog_key": keys.catalog_page(version, name)},
    )
