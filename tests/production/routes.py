"""Every URL pattern of the site, read from the URLconf, and the path each one takes for
given arguments. A URL that another one shadows (the same path, matched first) is left out:
no request can reach it."""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str | None  # "journal:day"; None for the few unnamed patterns (admin's)
    namespace: str | None
    route: str  # "journal/day/<isodate:day>/"
    params: tuple[str, ...]
    parts: tuple[RoutePattern | RegexPattern, ...]
    callback: object

    @property
    def key(self) -> str:
        """How the lane's tables name it: its name, or its route when it has none."""
        return self.name or self.route

    @property
    def is_admin(self) -> bool:
        return self.namespace == "admin"

    def path(self, kwargs: Mapping[str, object] | None = None) -> str:
        kwargs = kwargs or {}
        missing = set(self.params) - set(kwargs)
        if missing:
            raise KeyError(f"{self.key}: no value for {sorted(missing)}")
        built = "/" + "".join(_fill(part, kwargs) for part in self.parts)
        match = resolve(built)
        if match.func is not self.callback and match.route != self.route:
            raise ValueError(f"{built} reaches {match.view_name}, not {self.key}")
        return built


def all_routes() -> list[Route]:
    routes: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns, (), None):
        # The first pattern with a path wins (Django tries them in order): the rest are shadowed.
        routes.setdefault(_shape(route), route)
    return list(routes.values())


def _walk(
    patterns: list[URLPattern | URLResolver],
    parts: tuple[RoutePattern | RegexPattern, ...],
    namespace: str | None,
) -> Iterator[Route]:
    for pattern in patterns:
        here = (*parts, pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, here, inner)
            continue
        name = None
        if pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
        params = tuple(p for part in here for p in _params(part))
        route = "".join(str(part) for part in here)
        yield Route(name, namespace, route, params, here, pattern.callback)


def _params(part: RoutePattern | RegexPattern) -> list[str]:
    if isinstance(part, RoutePattern):
        return [m.group("name") for m in _ROUTE_PARAM.finditer(str(part))]
    return list(part.regex.groupindex)


def _shape(route: Route) -> str:
    """The route with every parameter blanked: two routes of one shape match the same paths."""
    text = _ROUTE_PARAM.sub("<>", route.route)
    return re.sub(r"\(\?P<\w+>", "(<>", text)


def _fill(part: RoutePattern | RegexPattern, kwargs: Mapping[str, object]) -> str:
    if isinstance(part, RoutePattern):
        converters = part.converters

        def value(match: re.Match[str]) -> str:
            name = match.group("name")
            return str(converters[name].to_url(kwargs[name]))

        return _ROUTE_PARAM.sub(value, str(part))
    return _fill_regex(part.regex.pattern, kwargs)


def _fill_regex(regex: str, kwargs: Mapping[str, object]) -> str:
    """A path for a regular-expression route: each named group replaced by its value."""
    out, i = [], 0
    while i < len(regex):
        group = re.match(r"\(\?P<(\w+)>", regex[i:])
        if group:
            depth, j = 1, i + group.end()
            while depth:
                if regex[j] == "\\":
                    j += 2
                    continue
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
            out.append(str(kwargs[group.group(1)]))
            i = j
        elif regex[i] == "\\":
            out.append(regex[i + 1])
            i += 2
        elif regex[i] in "^$":
            i += 1
        else:
            out.append(regex[i])
            i += 1
    return "".join(out)
