"""Self-checks for chapter 3 (convolution and cross-correlation).

Each ``check_*`` takes the reader's function, runs it on small fixed inputs, compares
with convbook's tested answer and returns a :class:`~convbook.exercises.Feedback` that
says what is wrong. It never raises.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import signal
from . import Feedback, as_array, call, close, compare_arrays, guarded

_X = np.array([[3., 1, 4, 1, 5],
               [9., 2, 6, 5, 3],
               [5., 8, 9, 7, 9],
               [3., 2, 3, 8, 4]])
_K = np.array([[1., 2, 0],
               [0., -1, 3]])


@guarded
def check_true_convolution(fn: Any) -> Feedback:
    """Check ``fn(x, k)``: the *full* 2-D convolution of ``x`` with ``k``, built from a
    deep-learning layer (cross-correlation). Expected: ``convbook.convolve(x, k, "full")``.

    Parameters
    ----------
    fn : callable
        The reader's ``fn(x, k)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> import numpy as np, convbook
    >>> from convbook.exercises.correlation import check_true_convolution
    >>> check_true_convolution(lambda x, k: convbook.correlate(x, k))
    ✘ true_convolution(x, k) is the cross-correlation, not the convolution: rotate the kernel by 180 degrees (np.flip(k))
    >>> check_true_convolution(lambda x, k: convbook.convolve(x, k))
    ✔ true_convolution(x, k) is right
    """
    name = "true_convolution(x, k)"
    answer, problem = call(fn, _X.copy(), _K.copy(), name=name)
    if problem is not None:
        return problem
    got, bad = as_array(answer, name, none="returned None", verb="should return")
    if bad is not None:
        return bad
    got = np.squeeze(got)
    want = signal.convolve(_X, _K, "full")
    if close(got, signal.correlate(_X, _K, "full")):
        return Feedback(False, f"{name} is the cross-correlation, not the convolution: rotate the kernel "
                               "by 180 degrees (np.flip(k))")
    if got.shape == signal.convolve(_X, _K, "valid").shape:
        return Feedback(False, f"{name} has the 'valid' shape {got.shape}; the full output is "
                               f"{want.shape}: pad k - 1 zeros on every side first")
    if got.shape != want.shape:
        return Feedback(False, f"{name} has shape {got.shape} but the full convolution of a {_X.shape} "
                               f"input with a {_K.shape} kernel has shape {want.shape} (n + k - 1 per axis)")
    one_axis = [signal.correlate(_X, np.flip(_K, axis), "full") for axis in (0, 1)]
    if any(close(got, wrong) for wrong in one_axis):
        return Feedback(False, f"{name} flips the kernel along one axis only: rotate by 180 degrees, "
                               "i.e. flip both axes")
    return compare_arrays(got, want, name=name, border=_K.shape[0] - 1)


@guarded
def check_moving_average(fn: Any) -> Feedback:
    """Check ``fn(x, w)``: the moving average of width ``w`` (odd) with the length of ``x``,
    zeros beyond the ends (``convbook.correlate(x, ones(w) / w, "same")``).

    Parameters
    ----------
    fn : callable
        The reader's ``fn(x, w)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> import numpy as np, convbook
    >>> from convbook.exercises.correlation import check_moving_average
    >>> check_moving_average(lambda x, w: convbook.correlate(x, np.ones(w), "same"))
    ✘ moving_avg(x, 3) is w = 3 times too large: divide the sum by the width
    >>> check_moving_average(lambda x, w: convbook.correlate(x, np.ones(w) / w, "same"))
    ✔ moving_avg(x, w) is right for w = 3 and w = 5
    """
    x = np.array([2., 4, 6, 8, 6, 4, 2, 0, 3])
    for w in (3, 5):
        name = f"moving_avg(x, {w})"
        answer, problem = call(fn, x.copy(), w, name=name)
        if problem is not None:
            return problem
        got, bad = as_array(answer, name, none="returned None", verb="should return")
        if bad is not None:
            return bad
        want = signal.correlate(x, np.full(w, 1.0 / w), "same")
        if got.shape == (len(x) - w + 1,):
            return Feedback(False, f"{name} has the 'valid' length {got.shape[0]}; keep the length of x "
                                   f"({len(x)}) with mode 'same'")
        if close(got, w * want):
            return Feedback(False, f"{name} is w = {w} times too large: divide the sum by the width")
        verdict = compare_arrays(got, want, name=name, border=w // 2)
        if not verdict:
            return verdict
    return Feedback(True, "moving_avg(x, w) is right for w = 3 and w = 5")


__all__ = ["check_true_convolution", "check_moving_average"]
