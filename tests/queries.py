"""How many database queries a request costs, for tests that hold that figure steady."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as queries:
        fetch()
    return len(queries)
