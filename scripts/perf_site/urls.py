from django.http import HttpRequest, HttpResponse
from django.urls import path

from footcare.urls import urlpatterns as product_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """The ceiling: Django's whole middleware stack around a view that does nothing."""
    return HttpResponse("ok")


urlpatterns = [path("perf/bare/", bare), *product_urlpatterns]
