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


@contextmanager
def lasting() -> Iterator[None]:
    """Build what the process keeps until it is replaced (the pack in service), then leave it
    out of the collector's full passes (gc.freeze).

    A full pass walks every object in the process: over a 10,000-fact pack it took 10-20 ms,
    once in a while, in the middle of answering someone. The pack is acyclic data and does not
    need the collector; `release()` hands it back when a reload replaces it.
    """
    with bulk_allocation():
        yield
        gc.freeze()


def release() -> None:
    """After a reload: let the collector take the replaced pack, then set the new one aside."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
