"""Running a validation's simulated cells in chunks, over several processes when asked."""

from collections.abc import Callable, Hashable, Iterable
from typing import Protocol, Self, TypeVar


class Summable(Protocol):
    def __iadd__(self, other: Self) -> Self: ...


Cell = TypeVar("Cell", bound=Hashable)
Tally = TypeVar("Tally", bound=Summable)
Task = tuple[Cell, int, int]  # the cell, how many to simulate, the chunk's number


def chunk_tasks(cells: Iterable[Cell], count: int, size: int) -> list[Task[Cell]]:
    """``count`` simulations of each cell, cut into chunks of at most ``size``."""
    return [
        (cell, min(size, count - first), first // size)
        for cell in cells
        for first in range(0, count, size)
    ]


def add_chunks(
    tally_chunk: Callable[[Task[Cell]], tuple[Cell, Tally]],
    tasks: list[Task[Cell]],
    totals: dict[Cell, Tally],
    jobs: int,
) -> None:
    """Add each task's tally into ``totals[cell]``, over ``jobs`` processes when above one."""
    if jobs > 1:
        from multiprocessing import get_context

        # fork: the workers inherit the imported modules, so each chunk starts at once.
        with get_context("fork").Pool(jobs) as pool:
            for cell, counts in pool.imap_unordered(tally_chunk, tasks):
                totals[cell] += counts
    else:
        for cell, counts in map(tally_chunk, tasks):
            totals[cell] += counts
