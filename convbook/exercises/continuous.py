"""Self-checks for chapter 2, continuous convolution.

Each check calls the reader's function on a few cases, compares with an answer computed
here, and returns a :class:`~convbook.exercises.Feedback` that names the mistake (the
missing factor ``h``, the kernel not flipped, counts instead of probabilities).
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .. import continuous as C
from .. import _args, signal
from .._validate import check_int
from . import Feedback, as_array, as_number, call, compare_arrays, guarded


def riemann_reference(f: C.Function, g: Callable, t: float, h: float) -> float:
    """``h * sum_m f(m h) g(t - m h)`` over the grid points ``m h`` inside ``f.support``.

    Examples
    --------
    >>> from convbook.continuous import box
    >>> round(riemann_reference(box(1.0), box(1.0), 0.0, 0.25), 12)
    1.25
    """
    func = "riemann_reference"
    if not isinstance(f, C.Function):
        raise TypeError(f"{func}: f must be a function of convbook.continuous (it knows its "
                        f"support), but got {_args.shown(f)}")
    _args.function(g, func, "g")
    t = _args.real(t, func, "t")
    h = _args.real(h, func, "h", positive=True)
    a, b = f.support
    m = np.arange(math.ceil(a / h), math.floor(b / h) + 1)
    x = m * h
    return float(h * np.sum(f(x) * g(t - x)))


@guarded
def check_riemann_conv(fn: Callable) -> Feedback:
    """Check ``fn(f, g, t, h)``: the Riemann sum ``h * sum_m f(m h) g(t - m h)`` over the
    grid points ``m h`` in the support of ``f``.

    Parameters
    ----------
    fn : callable
        The reader's ``fn(f, g, t, h)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> check_riemann_conv(riemann_reference)
    ✔ riemann_conv is right on 4 cases, and within 0.003 of the integral at h = 0.01
    >>> check_riemann_conv(lambda f, g, t, h: None)
    ✘ not done yet: riemann_conv(box(2), exponential(1.5), t=0.5, h=0.1) returned None
    """
    cases = [(C.box(2.0), C.exponential(1.5), 0.5, 0.1), (C.box(2.0), C.exponential(1.5), 2.0, 0.1),
             (C.exponential(1.0), C.box(1.0), 1.25, 0.05), (C.gaussian(0.5), C.gaussian(1.0), 0.3, 0.2)]
    names = ["box(2), exponential(1.5)", "box(2), exponential(1.5)", "exponential(1), box(1)",
             "gaussian(0.5), gaussian(1)"]
    for (f, g, t, h), pair in zip(cases, names):
        label = f"riemann_conv({pair}, t={t}, h={h})"
        answer, problem = call(fn, f, g, t, h, name=label)
        if problem is not None:
            return problem
        if answer is None:
            return Feedback(False, f"not done yet: {label} returned None")
        value, bad = as_number(answer, label, verb="should return one")
        if bad is not None:
            return bad
        if not math.isfinite(value):
            return Feedback(False, f"{label} is {value}: a Riemann sum of bounded functions over "
                                   "a bounded support is finite")
        want = riemann_reference(f, g, t, h)
        if math.isclose(value, want, rel_tol=1e-9, abs_tol=1e-12):
            continue
        if math.isclose(value, want / h, rel_tol=1e-9):
            return Feedback(False, f"{label} is {value:.6g}, the sum without its factor h: a "
                                   "Riemann sum is h times the sum of the samples")
        flipped = riemann_reference(f, lambda x: g(-x), t, h)
        if math.isclose(value, flipped, rel_tol=1e-9) and not math.isclose(flipped, want):
            return Feedback(False, f"{label} is {value:.6g}: you evaluated g(x - t); the kernel is "
                                   "flipped, g(t - x)")
        return Feedback(False, f"{label} is {value:.6g}, expected {want:.6g}: sum over the grid "
                               "points m*h inside f.support")
    f, g, t, h = C.exponential(1.0), C.box(1.0), 1.25, 0.01
    answer, problem = call(fn, f, g, t, h, name="riemann_conv")
    if problem is not None:
        return problem
    value, bad = as_number(answer, "riemann_conv")
    if bad is not None:
        return bad
    gap = abs(value - float(C.closed_form(f, g)(t)))
    if not gap < 0.01:
        return Feedback(False, f"riemann_conv is right on {len(cases)} cases but {gap:.3g} away "
                               f"from the integral at h = {h}")
    return Feedback(True, f"riemann_conv is right on {len(cases)} cases, and within {gap:.1g} of "
                          f"the integral at h = {h}")


def dice_reference(n: int) -> np.ndarray:
    """Probabilities of the sums ``n, n+1, ..., 6n`` of ``n`` fair six-sided dice.

    Examples
    --------
    >>> round(float(dice_reference(2)[5] * 36), 12)
    6.0
    """
    n = check_int(n, "dice_reference", "n", minimum=1)
    pmf = np.ones(1)
    for _ in range(n):
        pmf = signal.convolve(pmf, np.full(6, 1 / 6))
    return pmf


@guarded
def check_dice_pmf(fn: Callable) -> Feedback:
    """Check ``fn(n)``: the probabilities of the sums ``n .. 6n`` of ``n`` fair dice.

    Parameters
    ----------
    fn : callable
        The reader's ``fn(n)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> check_dice_pmf(dice_reference)
    ✔ dice_pmf is right for n = 1, 2, 3, 5
    >>> check_dice_pmf(lambda n: dice_reference(n) * 6 ** n)
    ✘ dice_pmf(1) sums to 6, not 1: these are counts; divide by 6**n to get probabilities
    """
    for n in (1, 2, 3, 5):
        name = f"dice_pmf({n})"
        answer, problem = call(fn, n, name=name)
        if problem is not None:
            return problem
        want = dice_reference(n)
        got, bad = as_array(answer, name)
        if bad is not None:
            return bad
        with np.errstate(all="ignore"):
            total = float(got.sum())
            if (got.shape == want.shape and math.isfinite(total) and total > 0
                    and not math.isclose(total, 1.0, rel_tol=1e-9)
                    and np.allclose(got / total, want, atol=1e-12)):
                return Feedback(False, f"{name} sums to {total:.6g}, not 1: these are "
                                       "counts; divide by 6**n to get probabilities")
        verdict = compare_arrays(got, want, name=name, atol=1e-12)
        if not verdict:
            if got.shape != want.shape:
                return Feedback(False, verdict.message + f" (one entry per sum {n}..{6 * n})")
            return verdict
    return Feedback(True, "dice_pmf is right for n = 1, 2, 3, 5")


__all__ = ["check_riemann_conv", "check_dice_pmf", "riemann_reference", "dice_reference"]
