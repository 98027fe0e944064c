"""Races on purpose: several threads released at the same moment against the database."""

import threading
from collections.abc import Callable

from django.db import connection


def at_once(count: int, work: Callable[[int], object]) -> list[object]:
    """Run ``work(0)`` … ``work(count - 1)`` in threads that a barrier releases together, and
    return what each answered, or the exception it raised, in that order."""
    barrier = threading.Barrier(count)
    outcomes: list[object] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = work(index)
        except Exception as error:  # the test client re-raises a view's IntegrityError here
            outcomes[index] = error
        finally:
            # Each thread opened its own connection; PostgreSQL cannot drop the test
            # database while one is still open.
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes
