from csp.decorators import csp_replace
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe

from footcare import keys

from .models import EXTENSIONS, Drawing, DrawingType, Exercise, catalog_version
from .routine import build_plan


def exercise_list(request: HttpRequest) -> HttpResponse:
    # The page body is cached under the catalog's version; the exercises and the routine's
    # time are read only when it has to be rendered.
    exercises = SimpleLazyObject(lambda: list(Exercise.objects.active().with_drawings()))
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
    exercise = SimpleLazyObject(lambda: Exercise.objects.active().with_drawings().get(slug=slug))
    return render(
        request,
        "exercises/detail.html",
        {"exercise": exercise, "name": name, "catalog_key": keys.catalog_page(version, name)},
    )


# Even opened on its own, an uploaded picture can load, run and show nothing else.
PICTURE_POLICY = {
    "default-src": ["'none'"],
    **dict.fromkeys(["script-src", "style-src", "img-src", "worker-src", "manifest-src"]),
    "sandbox": [],
}


@require_safe
@csp_replace(PICTURE_POLICY)
def drawing(request: HttpRequest, pk: int, upload_hash: str, extension: str) -> HttpResponse:
    """A curator's uploaded picture, under an address that changes with every upload."""
    found = get_object_or_404(Drawing, pk=pk, upload_hash=upload_hash)
    if not found.upload_type or EXTENSIONS[DrawingType(found.upload_type)] != extension:
        raise Http404("No such picture.")
    response = HttpResponse(bytes(found.upload), content_type=found.upload_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Disposition"] = f'inline; filename="drawing-{pk}.{extension}"'
    return response
