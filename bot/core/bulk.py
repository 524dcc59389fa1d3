"""Building big immutable structures (a parsed pack, its index) without the garbage collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector while a pack is composed and read, or indexed.

    A big pack is hundreds of thousands of small nodes, tuples and sets with no reference
    cycles; the collector would rescan them again and again (a 10,000-fact pack loads 4x and
    indexes 3x slower with it running).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
