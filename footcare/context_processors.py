"""What every template may read: the shared vocabulary and the keys of the base fragments."""

from functools import cached_property

from django.http import HttpRequest

from footcare import keys, vocabulary


class BaseKeys:
    """The keys of the fragments base.html and its bars keep; each is worked out only when
    a template asks for it."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    @cached_property
    def nav(self) -> str:
        return keys.nav(self._request)

    same_for_everyone = keys.same_for_everyone()


def vocabulary_and_keys(request: HttpRequest) -> dict[str, object]:
    # The vocabulary as templates read it: {% for area in vocab.AREA_LIST %}{{ area.label }}
    return {"vocab": vocabulary, "base_keys": BaseKeys(request)}
