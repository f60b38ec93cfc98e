"""Self-checks for chapter 6, multi-channel convolution layers.

Each ``check_*`` takes the reader's function, runs it on small fixed integer inputs,
compares with :func:`convbook.conv1d` / :func:`convbook.conv2d`, and returns a
:class:`~convbook.exercises.Feedback` that names the likely mistake (the bias added
once per input channel, a flipped kernel, the stride ignored, swapped indices).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import Feedback, as_array, call, close, compare_arrays, guarded
from ..functional import conv1d, conv2d

__all__ = ["check_conv1d_by_hand", "check_full_from_separable", "check_conv2d_as_matmul"]


def _inputs_1d():
    rng = np.random.default_rng(6)
    x = rng.integers(-3, 4, size=(3, 9)).astype(float)
    w = rng.integers(-2, 3, size=(2, 3, 3)).astype(float)
    b = np.array([1.0, -2.0])
    return x, w, b


@guarded
def check_conv1d_by_hand(func: Any) -> Feedback:
    """Check ``func(x, w, b)``: a multi-channel 1-D layer, ``x (C_in, L)``, ``w (C_out, C_in, k)``,
    ``b (C_out,)``, returning ``(C_out, L - k + 1)`` (no padding, stride 1).

    Parameters
    ----------
    func : callable
        The reader's ``func(x, w, b)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> import convbook
    >>> check_conv1d_by_hand(lambda x, w, b: convbook.conv1d(x, w, b))
    ✔ conv1d_by_hand(x, w, b) is right
    >>> check_conv1d_by_hand(lambda x, w, b: convbook.conv1d(x, w) + 3 * b[:, None])
    ✘ the bias is added 3 times, once per input channel: add b[o] once, after the sum over c
    >>> check_conv1d_by_hand(lambda x, w, b: convbook.conv1d(x, w))
    ✘ the bias is missing: add b[o] to every value of output channel o
    """
    name = "conv1d_by_hand(x, w, b)"
    x, w, b = _inputs_1d()
    answer, problem = call(func, x.copy(), w.copy(), b.copy(), name=name)
    if problem is not None:
        return problem
    want = conv1d(x, w, b)
    got, bad = as_array(answer, name)
    if bad is not None:
        return bad
    fb = compare_arrays(got, want, name=name)
    if fb or got.shape != want.shape:
        return fb
    c_in = x.shape[0]
    if close(got, want + (c_in - 1) * b[:, None]):
        return Feedback(False, f"the bias is added {c_in} times, once per input channel: "
                               "add b[o] once, after the sum over c")
    if close(got, want - b[:, None]):
        return Feedback(False, "the bias is missing: add b[o] to every value of output channel o")
    if close(got, conv1d(x, w[..., ::-1], b)):
        return Feedback(False, "you flipped the kernel (true convolution): layers compute "
                               "cross-correlation, sum_j x[c, i + j] w[o, c, j]")
    for c in range(c_in):
        if close(got, conv1d(x[c:c + 1], w[:, c:c + 1], b)):
            return Feedback(False, f"only input channel {c} is used: sum over all {c_in} channels")
    return fb


def _separable_full(d: np.ndarray, p: np.ndarray, c_in: int) -> np.ndarray:
    """The full weight equal to depthwise ``d`` (groups = c_in) then pointwise ``p``."""
    m = d.shape[0] // c_in
    k = d.shape[2:]
    dd = d[:, 0].reshape((c_in, m) + k)
    pp = p[:, :, 0, 0].reshape(p.shape[0], c_in, m)
    return np.einsum("ocm,cm...->oc...", pp, dd)


@guarded
def check_full_from_separable(func: Any) -> Feedback:
    """Check ``func(depthwise, pointwise, in_channels)``: the full weight ``(C_out, C_in, k, k)``
    of a depthwise convolution with channel multiplier ``m`` (weight ``(m C_in, 1, k, k)``,
    ``groups=C_in``) followed by a pointwise one (weight ``(C_out, m C_in, 1, 1)``).

    Tested with ``m = 1`` and ``m = 2``.

    Parameters
    ----------
    func : callable
        The reader's ``func(depthwise, pointwise, in_channels)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> def full(d, p, c_in):
    ...     m = d.shape[0] // c_in
    ...     dd = d[:, 0].reshape(c_in, m, *d.shape[2:])
    ...     pp = p[:, :, 0, 0].reshape(len(p), c_in, m)
    ...     return (pp[..., None, None] * dd[None]).sum(axis=2)
    >>> check_full_from_separable(full)
    ✔ full_from_separable(depthwise, pointwise, in_channels) is right
    >>> check_full_from_separable(lambda d, p, c: p * d[:, 0][None])
    ✘ with channel multiplier 2: full_from_separable(depthwise, pointwise, in_channels) has shape (4, 6, 3, 3) but should have shape (4, 3, 3, 3): there is one slice per input channel, and depthwise channels c*m ... c*m + m - 1 all come from input channel c
    """
    name = "full_from_separable(depthwise, pointwise, in_channels)"
    rng = np.random.default_rng(7)
    c_in, c_out = 3, 4
    for m in (1, 2):
        d = rng.integers(-2, 3, size=(m * c_in, 1, 3, 3)).astype(float)
        p = rng.integers(-2, 3, size=(c_out, m * c_in, 1, 1)).astype(float)
        answer, problem = call(func, d.copy(), p.copy(), c_in, name=name)
        if problem is not None:
            return problem
        want = _separable_full(d, p, c_in)
        fb = compare_arrays(answer, want, name=name)
        if not fb:
            hint = ("W[o, c, i, j] = P[o, c] D[c, i, j]" if m == 1 else
                    "there is one slice per input channel, and depthwise channels "
                    "c*m ... c*m + m - 1 all come from input channel c")
            return Feedback(False, f"with channel multiplier {m}: {fb.message}: {hint}")
    return Feedback(True, f"{name} is right")


def _inputs_2d():
    rng = np.random.default_rng(8)
    x = rng.integers(-3, 4, size=(2, 7, 8)).astype(float)
    w = rng.integers(-2, 3, size=(3, 2, 3, 2)).astype(float)
    b = np.array([1.0, 0.0, -1.0])
    return x, w, b


@guarded
def check_conv2d_as_matmul(func: Any) -> Feedback:
    """Check ``func(x, w, b, stride)``: a 2-D layer (no padding) computed as one matrix
    product; ``x (C_in, H, W)``, ``w (C_out, C_in, kH, kW)``, ``b (C_out,)``, ``stride`` an int.

    Tested with a non-square kernel and strides 1 and 2, so swapped axes and an ignored
    stride show up.

    Parameters
    ----------
    func : callable
        The reader's ``func(x, w, b, stride)``.

    Returns
    -------
    %(feedback)s

    Examples
    --------
    >>> import convbook
    >>> check_conv2d_as_matmul(lambda x, w, b, s: convbook.conv2d(x, w, b, stride=s))
    ✔ conv2d_as_matmul(x, w, b, stride) is right
    >>> check_conv2d_as_matmul(lambda x, w, b, s: convbook.conv2d(x, w, b))
    ✘ with stride=2 the output has shape (3, 5, 7), expected (3, 3, 4): keep every stride-th window in each direction
    """
    name = "conv2d_as_matmul(x, w, b, stride)"
    x, w, b = _inputs_2d()
    for stride in (1, 2):
        answer, problem = call(func, x.copy(), w.copy(), b.copy(), stride, name=name)
        if problem is not None:
            return problem
        want = conv2d(x, w, b, stride=stride)
        got, bad = as_array(answer, f"{name} with stride={stride}")
        if bad is not None:
            return bad
        if stride > 1 and got.shape == conv2d(x, w, b).shape:
            return Feedback(False, f"with stride={stride} the output has shape {got.shape}, "
                                   f"expected {want.shape}: keep every stride-th window in each "
                                   "direction")
        fb = compare_arrays(got, want, name=f"{name} with stride={stride}")
        if not fb:
            if got.shape == want.shape:
                if close(got, want + (x.shape[0] - 1) * b[:, None, None]):
                    return Feedback(False, "the bias is added once per input channel: add it "
                                           "once per output channel")
                if close(got, want - b[:, None, None]):
                    return Feedback(False, "the bias is missing")
            return fb
    return Feedback(True, f"{name} is right")
