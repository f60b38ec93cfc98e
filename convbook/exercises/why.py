"""Self-checks for the exercises of chapter 1, "Why convolution".

Each ``check_*`` takes the reader's function, runs it on a few cases, and returns a
:class:`~convbook.exercises.Feedback` that says what is wrong; it never raises.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from .. import _args
from .._validate import check_int
from . import Feedback, as_array, as_number, call, close, compare_arrays, guarded, show
from ..costs import layer_costs


def circulant_matrix(w: Any, n: int) -> np.ndarray:
    """The ``n x n`` matrix of circular cross-correlation with ``w``:
    ``(C @ x)[i] = sum_m w[m] x[(i + m) mod n]``.

    Examples
    --------
    >>> from convbook.exercises.why import circulant_matrix
    >>> circulant_matrix([1, 2], 3)
    array([[1., 2., 0.],
           [0., 1., 2.],
           [2., 0., 1.]])
    """
    w = _args.reals(w, "circulant_matrix", "w")
    n = check_int(n, "circulant_matrix", "n", minimum=1)
    if w.ndim != 1 or not 0 < w.size <= n:
        raise ValueError(f"circulant_matrix: w must be 1-D with 1 to n = {n} weights, but got "
                         f"shape {w.shape}")
    c = np.zeros((n, n))
    for i in range(n):
        for m, wm in enumerate(w):
            c[i, (i + m) % n] += wm
    return c


@guarded
def check_circulant(func: Any) -> Feedback:
    """Check ``func(w, n)``: the matrix of circular cross-correlation (see :func:`circulant_matrix`).

    Parameters
    ----------
    func : callable
        The reader's ``func(w, n)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> from convbook.exercises.why import check_circulant, circulant_matrix
    >>> check_circulant(circulant_matrix)
    ✔ circulant_by_hand is right on all 3 cases
    >>> check_circulant(lambda w, n: None)
    ✘ not done yet: circulant_by_hand([1.0, 2.0, 3.0], 6) is None
    """
    cases = [(np.array([1.0, 2.0, 3.0]), 6), (np.array([-1.0, 1.0]), 5),
             (np.array([1.0, 0.0, 2.0, 5.0]), 7)]
    for w, n in cases:
        name = f"circulant_by_hand({w.tolist()}, {n})"
        got, problem = call(func, w, n, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        want = circulant_matrix(w, n)
        arr, bad = as_array(got, name)
        if bad is not None:
            return bad
        if arr.shape != want.shape:
            return Feedback(False, f"{name} has shape {arr.shape} but should be {want.shape}: "
                                   f"one row per output, one column per input")
        if close(arr, want):
            continue
        if close(arr, circulant_matrix(w[::-1], n)):
            return Feedback(False, f"{name} uses the kernel reversed: that is convolution; "
                                   f"row i should hold w[0], w[1], ... from column i on")
        if close(arr, want.T):
            return Feedback(False, f"{name} is the transpose of the right matrix: row i holds "
                                   f"the weights of output i")
        k = len(w)
        if close(arr[: n - k + 1], want[: n - k + 1]):
            return Feedback(False, f"{name}: the first {n - k + 1} rows are right but the last "
                                   f"{k - 1} are not: their windows must wrap around (index mod n)")
        return compare_arrays(arr, want, name=name)
    return Feedback(True, f"circulant_by_hand is right on all {len(cases)} cases")


@guarded
def check_local_weights(func: Any) -> Feedback:
    """Check ``func(image_size, channels, feature_maps, kernel_size)``: the weights of a
    locally connected layer with a same-size output (no biases).

    Parameters
    ----------
    func : callable
        The reader's ``func(image_size, channels, feature_maps, kernel_size)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> from convbook.exercises.why import check_local_weights
    >>> check_local_weights(lambda s, c, m, k: s * s * m * k * k * c)
    ✔ local_weights is right on all 3 cases
    >>> check_local_weights(lambda s, c, m, k: m * k * k * c)
    ✘ local_weights(32, 3, 6, 5) = 450 is the convolutional count: a locally connected layer has its own weights at each of the 32 x 32 positions
    """
    cases = [(32, 3, 6, 5), (28, 1, 8, 3), (1000, 3, 1, 3)]
    for s, c, m, k in cases:
        name = f"local_weights({s}, {c}, {m}, {k})"
        got, problem = call(func, s, c, m, k, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        value, bad = as_number(got, name)
        if bad is not None:
            return bad
        costs = layer_costs(s, c, m, k)
        want = costs["locally connected"][0]
        if value == want:
            continue
        shown = f"{name} = {show(got)}"
        if value == costs["convolutional"][0]:
            return Feedback(False, f"{shown} is the convolutional count: a locally connected layer "
                                   f"has its own weights at each of the {s} x {s} positions")
        if value == costs["dense"][0]:
            return Feedback(False, f"{shown} is the dense count: each output sees only a "
                                   f"{k} x {k} window")
        if c > 1 and value == want // c:
            return Feedback(False, f"{shown} forgets the channels: each window spans all {c} "
                                   f"input channels, {k} x {k} x {c} entries")
        if m > 1 and value == want // m:
            return Feedback(False, f"{shown} forgets the feature maps: each of the {m} maps has "
                                   f"its own weights")
        if value == s * s * m * c * (k - 1) ** 2 or value == s * s * m * c * 4 * ((k - 1) // 2) ** 2:
            return Feedback(False, f"{shown} miscounts the window: a {k} x {k} window has "
                                   f"{k * k} entries, (2D+1)^2 with D = {(k - 1) // 2}")
        return Feedback(False, f"{shown}, expected something else: count positions x feature "
                               f"maps x window entries x channels")
    return Feedback(True, f"local_weights is right on all {len(cases)} cases")


__all__ = ["circulant_matrix", "check_circulant", "check_local_weights"]
