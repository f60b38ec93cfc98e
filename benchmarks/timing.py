"""Timing and memory helpers: median of repeated runs, peak memory by tracemalloc."""
from __future__ import annotations

import statistics
import time
import tracemalloc
from typing import Callable


def median_time(fn: Callable[[], object], repeats: int = 7, min_time: float = 0.05) -> float:
    """Median seconds per call; each sample loops until it lasts at least ``min_time``."""
    fn()  # warm up
    return statistics.median(_per_call(fn, min_time) for _ in range(repeats))


def _per_call(fn: Callable[[], object], min_time: float) -> float:
    """Seconds per call of ``fn``, called in a loop until the loop lasts ``min_time``."""
    n, start = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_time:
            return elapsed / n


def peak_bytes(fn: Callable[[], object]) -> int:
    """Peak bytes allocated through Python's allocator (NumPy arrays included) by one call."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def interleaved_best(fns: dict, rounds: int = 15, min_time: float = 0.02) -> dict:
    """Best seconds per call of each function, the functions taking turns.

    Each round times every function once (looping until ``min_time``), in turn, so that
    load from other work on a shared machine falls on all of them alike; the minimum
    over rounds is the least disturbed sample.
    """
    best = {name: float("inf") for name in fns}
    for fn in fns.values():  # warm up
        fn()
    for _ in range(rounds):
        for name, fn in fns.items():
            best[name] = min(best[name], _per_call(fn, min_time))
    return best
