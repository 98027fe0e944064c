"""{% experiment_link %}: where the running experiment stands, or, when none runs, the offer
to start one. Pages that already know (the routine) pass ``experiment_now`` in their context;
others cost one query."""

from django import template
from django.utils import timezone

from journal.experiment.practice import experiment_now

register = template.Library()
UNKNOWN = object()


@register.inclusion_tag("journal/_experiment_status.html", takes_context=True)
def experiment_link(context: template.Context) -> dict[str, object]:
    running = context.get("experiment_now", UNKNOWN)
    if running is UNKNOWN:
        user = context["request"].user
        running = experiment_now(user, timezone.localdate()) if user.is_authenticated else None
    return {"running": running}
