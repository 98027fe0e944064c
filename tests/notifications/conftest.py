from collections.abc import Iterator

import pytest

from notifications import vapid

from .pushservice import PushServiceStandIn


@pytest.fixture
def push_service(settings: object) -> Iterator[PushServiceStandIn]:
    """A push service on a loopback port that accepts only our VAPID key."""
    with PushServiceStandIn(expected_public_key=vapid.public_key()) as service:
        yield service
