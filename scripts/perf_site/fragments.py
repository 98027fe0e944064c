"""`{% cache %}` for the fragment benchmark (`make perf-fragments`): Django's own tag, except
that the fragments named in PERF_FRAGMENTS_OFF (comma-separated) are rendered afresh on every
request, as if the template had no `{% cache %}` around them. The settings module loads this
library under the name "cache", so the product's templates are measured unchanged."""

import os

from django import template
from django.template import Context
from django.templatetags.cache import CacheNode, do_cache

register = template.Library()
OFF = frozenset(filter(None, os.environ.get("PERF_FRAGMENTS_OFF", "").split(",")))


class UncachedNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> str:
        return self.nodelist.render(context)


@register.tag("cache")
def cache(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node: CacheNode = do_cache(parser, token)
    return UncachedNode(node.nodelist) if node.fragment_name in OFF else node
