"""Pausing the cyclic collector while a pack is built, and setting the pack in service aside."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bot.core.bulk import bulk_allocation, lasting, release


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # never leave this process's objects frozen for the other tests


def test_bulk_allocation_pauses_and_restores_the_collector() -> None:
    with bulk_allocation():
        assert not gc.isenabled()
        with bulk_allocation():  # nested: the outer one decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_lasting_sets_what_it_built_aside_and_release_hands_it_back() -> None:
    with lasting():
        pack = [{"fact": n} for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(pack)
    release()
    assert gc.get_freeze_count() >= len(pack)  # the new pack is set aside again


def test_a_failed_build_freezes_nothing() -> None:
    with pytest.raises(ValueError), lasting():
        raise ValueError("broken pack")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
