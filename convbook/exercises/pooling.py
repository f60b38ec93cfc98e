"""Self-checks for the pooling chapter (chapter 7).

Each ``check_*`` takes the reader's function, runs it on small inputs and compares
with tested convbook code; it returns a :class:`~convbook.exercises.Feedback` and
never raises.

Examples
--------
>>> import numpy as np, convbook
>>> from convbook.exercises.pooling import check_min_pool
>>> check_min_pool(lambda x, k, stride=None: -convbook.max_pool2d(-x, k, stride))
✔ min_pool2d(x, 2) is right; min_pool2d(x, 3, stride=1) is right
>>> check_min_pool(lambda x, k, stride=None: convbook.max_pool2d(x, k, stride))
✘ min_pool2d(x, 2) differs in 8 of 8 entries; first at index (0, 0, 0): got 0.912756, expected 0.269787
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .. import functional as F
from ..shifts import blur_pool
from . import Feedback, call, compare_arrays, guarded


def _windows(x: np.ndarray, k: int, stride: int) -> np.ndarray:
    """(C, H, W) -> (C, H_out, W_out, k, k): the pooling windows, no padding."""
    return sliding_window_view(x, (k, k), axis=(-2, -1))[:, ::stride, ::stride]


def _input(shape=(2, 4, 6), seed=0) -> np.ndarray:
    return np.random.default_rng(seed).random(shape)


def _run(fn: Callable, cases, expected_fn, name: str, **compare) -> Feedback:
    """Call ``fn(*args, **kwargs)`` for each case; the first failure wins."""
    messages = []
    for args, kwargs, label in cases:
        answer, problem = call(fn, *args, name=label, **kwargs)
        if problem is not None:
            return problem
        fb = compare_arrays(answer, expected_fn(*args, **kwargs), name=label, **compare)
        if not fb:
            return fb
        messages.append(fb.message)
    return Feedback(True, "; ".join(messages))


@guarded
def check_avg_pool_as_conv(avg_pool_by_conv: Any) -> Feedback:
    """Check ``avg_pool_by_conv(x, k)``: average pooling of ``x`` (C, H, W) with a
    ``k`` x ``k`` window and stride ``k``, computed with ``convbook.conv2d``.

    Parameters
    ----------
    avg_pool_by_conv : callable
        The reader's ``avg_pool_by_conv(x, k)``.

    Returns
    -------
    %(feedback)s

    >>> check_avg_pool_as_conv(lambda x, k: None)
    ✘ not done yet: avg_pool_by_conv(x, 2) is None
    """
    cases = [((_input((2, 4, 6)), 2), {}, "avg_pool_by_conv(x, 2)"),
             ((_input((3, 6, 6), seed=1), 3), {}, "avg_pool_by_conv(x, 3)")]
    fb = _run(avg_pool_by_conv, cases, lambda x, k: F.avg_pool2d(x, k), "avg_pool_by_conv")
    if not fb and "shape" in fb.message and "(1," in fb.message:
        return Feedback(False, fb.message + ": one output channel per input channel (groups=C)")
    return fb


@guarded
def check_min_pool(min_pool2d: Any) -> Feedback:
    """Check ``min_pool2d(x, k, stride=None)`` on (C, H, W) inputs, stride defaulting to k.

    Parameters
    ----------
    min_pool2d : callable
        The reader's ``min_pool2d(x, k, stride=None)``.

    Returns
    -------
    %(feedback)s
    """
    def expected(x, k, stride=None):
        return _windows(x, k, stride or k).min(axis=(-2, -1))
    cases = [((_input((2, 4, 4)), 2), {}, "min_pool2d(x, 2)"),
             ((_input((1, 5, 5), seed=2) - 0.5, 3), {"stride": 1}, "min_pool2d(x, 3, stride=1)")]
    return _run(min_pool2d, cases, expected, "min_pool2d")


@guarded
def check_l2_pool(l2_pool2d: Any) -> Feedback:
    """Check ``l2_pool2d(x, k)``: the root of the sum of squares over each ``k`` x ``k``
    window, stride ``k``, for (C, H, W) inputs (signed values included).

    Parameters
    ----------
    l2_pool2d : callable
        The reader's ``l2_pool2d(x, k)``.

    Returns
    -------
    %(feedback)s

    >>> import numpy as np, convbook
    >>> check_l2_pool(lambda x, k: np.sqrt(convbook.avg_pool2d(x ** 2, k)))
    ✘ l2_pool2d(x, 2) differs in 12 of 12 entries; first at index (0, 0, 0): got 0.29166, expected 0.58332
    """
    def expected(x, k):
        return np.sqrt((_windows(x, k, k) ** 2).sum(axis=(-2, -1)))
    cases = [((_input((3, 4, 4)) - 0.5, 2), {}, "l2_pool2d(x, 2)"),
             ((_input((1, 6, 6), seed=3) - 0.5, 3), {}, "l2_pool2d(x, 3)")]
    return _run(l2_pool2d, cases, expected, "l2_pool2d")


@guarded
def check_max_blur_pool(max_blur_pool1d: Any) -> Feedback:
    """Check ``max_blur_pool1d(x)`` for a 1-D signal with circular borders: max over
    windows of 2 with stride 1, blur with [1, 2, 1] / 4, keep every second sample.

    Parameters
    ----------
    max_blur_pool1d : callable
        The reader's ``max_blur_pool1d(x)``.

    Returns
    -------
    %(feedback)s

    >>> import numpy as np
    >>> check_max_blur_pool(lambda x: np.maximum(x, np.roll(x, -1))[::2])
    ✘ max_blur_pool1d(x) differs in 2 of 4 entries; first at index (0,): got 0, expected 0.5
    """
    zhang = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    cases = [((zhang,), {}, "max_blur_pool1d(x)"),
             ((np.roll(zhang, 1),), {}, "max_blur_pool1d(x shifted by 1)"),
             ((_input((12,), seed=4),), {}, "max_blur_pool1d(random x)")]
    return _run(max_blur_pool1d, cases, lambda x: blur_pool(x, taps=3), "max_blur_pool1d")


__all__ = ["check_avg_pool_as_conv", "check_min_pool", "check_l2_pool", "check_max_blur_pool"]
