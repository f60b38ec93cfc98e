"""Self-checks for chapter 8, "Convolution backwards".

Each ``check_*`` takes the reader's function, runs it on small seeded inputs and
compares with tested convbook code (:mod:`convbook.grad`, :mod:`convbook.upsampling`);
it returns a :class:`~convbook.exercises.Feedback` and never raises.

Examples
--------
>>> from convbook.exercises.backwards import check_copies
>>> check_copies(lambda k, s: [k // s])
✘ copies(1, 2) is [0], expected 2 values: with k = 1 and s = 2 not every cell gets the same number of copies
"""
from __future__ import annotations

from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from .. import functional as F
from .. import grad
from ..upsampling import overlap_counts, pixel_shuffle
from . import Feedback, as_array, as_int, call, close, compare_arrays, guarded, kind, show


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _unpack(result: Any, n: int, label: str) -> tuple[Any, Feedback | None]:
    """The reader's result as a tuple of ``n`` parts, or a Feedback."""
    if result is None:
        return None, Feedback(False, f"not done yet: {label} returned None")
    if not isinstance(result, (tuple, list)) or len(result) != n:
        return None, Feedback(False, f"{label} should return a tuple of {n} arrays, but returned "
                                     f"{kind(result)}")
    return tuple(result), None


@guarded
def check_conv1d_backward(conv1d_backward: Any) -> Feedback:
    """Check ``conv1d_backward(x, w, g, stride)`` -> ``(grad_x, grad_w, grad_b)``.

    For one sample: ``x`` (C_in, L), ``w`` (C_out, C_in, k), ``g`` = dL/dy (C_out, L_out)
    of ``y = conv1d(x, w, b, stride=stride)`` (no padding). The expected gradients are
    :func:`convbook.grad.conv1d_input`, :func:`convbook.grad.conv1d_weight` and the sum
    of ``g`` over positions.

    >>> check_conv1d_backward(lambda x, w, g, stride: None)
    ✘ not done yet: conv1d_backward(x, w, g, stride=1) returned None
    """
    cases = [((1, 1, 6, 3), 1, 0), ((2, 3, 9, 3), 1, 1), ((2, 2, 10, 3), 2, 2),
             ((3, 2, 11, 4), 3, 3)]
    names = ("grad_x", "grad_w", "grad_b")
    for (c_in, c_out, length, k), stride, seed in cases:
        r = _rng(seed)
        x = r.normal(size=(c_in, length))
        w = r.normal(size=(c_out, c_in, k))
        o = (length - k) // stride + 1
        g = r.normal(size=(c_out, o))
        label = f"conv1d_backward(x, w, g, stride={stride})"
        result, problem = call(conv1d_backward, x.copy(), w.copy(), g.copy(), stride, name=label)
        if problem is not None:
            return problem
        parts, problem = _unpack(result, 3, label)
        if problem is not None:
            return problem
        want = (grad.conv1d_input(x.shape, w, g, stride=stride),
                grad.conv1d_weight(x, w.shape, g, stride=stride), g.sum(axis=1))
        for name, got, expected in zip(names, parts, want):
            fb = compare_arrays(got, expected, name=f"{name} of {label}")
            if fb:
                continue
            arr, bad = as_array(got)
            if bad is None and name == "grad_x" and arr.shape == expected.shape:
                flipped = grad.conv1d_input(x.shape, np.flip(w, -1), g, stride=stride)
                if close(arr, flipped):
                    return Feedback(False, fb.message + ": you used the kernel reversed; "
                                    "grad_x[s n + m] collects g[n] * w[m], w as it is")
            if bad is None and name == "grad_w" and arr.shape == expected.shape and stride > 1:
                unstrided = sliding_window_view(x, k, axis=1)[:, :o]     # x[c, n + m]
                if close(arr, np.einsum("on,cnm->ocm", g, unstrided)):
                    return Feedback(False, fb.message + ": with a stride, output n reads "
                                           "x[stride * n + m], not x[n + m]")
            return fb
    return Feedback(True, "all three gradients are right for strides 1, 2 and 3 and several "
                          "channel counts")


def _transpose_reference(y: np.ndarray, w: np.ndarray, stride: int, padding: int) -> np.ndarray:
    return F.conv_transpose1d(y[None, None], w[None, None], stride=stride, padding=padding)[0, 0]


@guarded
def check_transpose_scatter(transpose_by_scatter: Any) -> Feedback:
    """Check ``transpose_by_scatter(y, w, stride, padding)`` for 1-D ``y`` and ``w``: the
    transposed convolution, length ``(len(y) - 1) * stride - 2 * padding + len(w)``.

    >>> import numpy as np, convbook
    >>> check_transpose_scatter(lambda y, w, s, p: convbook.convolve(y, w))   # stride 1 only
    ✘ transpose_by_scatter(y, w, 2, 0) has shape (6,) but should have shape (9,)
    """
    cases = [(4, 3, 1, 0), (4, 3, 2, 0), (5, 4, 3, 1), (3, 5, 2, 2)]
    messages = []
    for seed, (n, k, s, p) in enumerate(cases):
        r = _rng(10 + seed)
        y, w = r.normal(size=n), r.normal(size=k)
        label = f"transpose_by_scatter(y, w, {s}, {p})"
        got, problem = call(transpose_by_scatter, y.copy(), w.copy(), s, p, name=label)
        if problem is not None:
            return problem
        want = _transpose_reference(y, w, s, p)
        fb = compare_arrays(got, want, name=label)
        if not fb:
            arr, bad = as_array(got)
            if bad is None and p and arr.shape == ((n - 1) * s + k,):
                return Feedback(False, f"{label} has the uncropped length {(n - 1) * s + k}: "
                                       f"padding={p} removes {p} cells from each end")
            if bad is None and arr.shape == want.shape and close(arr, _transpose_reference(y, w[::-1], s, p)):
                return Feedback(False, fb.message + ": copy the kernel as it is, w[0] first "
                                       "(the scatter does the flip for you)")
            return fb
        messages.append(fb.message)
    return Feedback(True, "; ".join(messages))


def _max_pool_grad(x: np.ndarray, g: np.ndarray, k: int, s: int) -> np.ndarray:
    """The gradient of a k x k max pool with stride s (first maximum on ties), by loops."""
    out = np.zeros_like(x, dtype=float)
    windows = sliding_window_view(x, (k, k))[::s, ::s]
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            a, b = np.unravel_index(np.argmax(windows[i, j]), (k, k))
            out[i * s + a, j * s + b] += g[i, j]
    return out


@guarded
def check_max_pool_backward(max_pool_backward: Any) -> Feedback:
    """Check ``max_pool_backward(x, g, k, stride)`` for an (H, W) ``x``: the gradient of
    ``max_pool2d(x, k, stride)`` for the upstream gradient ``g``. The first maximum of a
    window (row by row) gets the gradient on ties, as torch does; overlapping windows add.

    >>> check_max_pool_backward(lambda x, g, k, stride: np.zeros_like(x))
    ✘ max_pool_backward(x, g, 2, 2) differs in 4 of 16 entries; first at index (0, 1): got 0, expected 1.05312
    """
    r = _rng(20)
    ties = np.array([[1.0, 1.0, 0.0, 2.0], [0.0, 1.0, 2.0, 2.0], [3.0, 3.0, 5.0, 0.0],
                     [3.0, 3.0, 0.0, 5.0]])
    cases = [(r.normal(size=(4, 4)), 2, 2, "distinct values"),
             (ties, 2, 2, "ties"),
             (r.normal(size=(5, 5)), 3, 1, "overlapping windows"),
             (np.round(r.normal(size=(6, 6))), 3, 2, "ties and overlaps")]
    for x, k, s, what in cases:
        o = (x.shape[0] - k) // s + 1
        g = _rng(int(x.shape[0]) + k).normal(size=(o, o))
        label = f"max_pool_backward(x, g, {k}, {s})"
        got, problem = call(max_pool_backward, x.copy(), g.copy(), k, s, name=label)
        if problem is not None:
            return problem
        want = _max_pool_grad(x, g, k, s)
        fb = compare_arrays(got, want, name=label)
        if not fb:
            arr, bad = as_array(got)
            if bad is None and arr.shape == want.shape:
                if what.startswith("ties"):
                    return Feedback(False, fb.message + f" (case: {what}): on a tie the first "
                                    "maximum of the window, row by row, takes all of the gradient")
                if what == "overlapping windows":
                    return Feedback(False, fb.message + f" (case: {what}): a pixel that is the "
                                    "maximum of several windows collects all their gradients (+=)")
            return fb
    return Feedback(True, "right on distinct values, ties, and overlapping windows")


@guarded
def check_copies(copies: Any) -> Feedback:
    """Check ``copies(k, s)``: the sorted distinct numbers of kernel copies that the
    interior cells of a 1-D stride-``s`` transposed convolution with a ``k``-tap kernel
    receive (``[2]`` for k = 4, s = 2; ``[1, 2]`` for k = 3, s = 2).

    >>> check_copies(lambda k, s: sorted({-(-k // s), k // s}))
    ✔ copies(k, s) is right for k = 1..7 and s = 1..4
    """
    for k in range(1, 8):
        for s in range(1, 5):
            counts = overlap_counts(12, k, stride=s)
            interior = counts[k - 1:11 * s + 1]
            want = sorted({int(c) for c in interior})
            label = f"copies({k}, {s})"
            got, problem = call(copies, k, s, name=label)
            if problem is not None:
                return problem
            if got is None:
                return Feedback(False, f"not done yet: {label} returned None")
            if isinstance(got, (int, np.integer)) and not isinstance(got, bool):
                got = [got]
            if isinstance(got, (set, frozenset)):
                got = list(got)
            arr, bad = as_array(got, label)
            if bad is not None:
                return bad
            if arr.ndim != 1:
                return Feedback(False, f"{label} should be a flat list of counts, but got shape "
                                       f"{arr.shape}")
            values = sorted({float(v) for v in arr})
            if values == [float(v) for v in want]:
                continue
            if len(values) != len(want):
                why = ("not every cell gets the same number of copies" if len(want) == 2 else
                       "every interior cell gets the same number of copies")
                return Feedback(False, f"{label} is {show(got)}, expected {len(want)} value"
                                       f"{'s' if len(want) > 1 else ''}: with k = {k} and s = {s} "
                                       f"{why}")
            return Feedback(False, f"{label} is {show(got)}, expected other counts: how many of "
                                   f"the taps 0..{k - 1} fall on one residue modulo {s}?")
    return Feedback(True, "copies(k, s) is right for k = 1..7 and s = 1..4")


@guarded
def check_pixel_shuffle(my_pixel_shuffle: Any) -> Feedback:
    """Check ``my_pixel_shuffle(x, r)``: (C r², H, W) -> (C, r H, r W), torch's order
    (channel ``c r² + i r + j`` becomes sub-pixel ``(i, j)`` of channel ``c``).

    >>> from convbook.upsampling import pixel_shuffle
    >>> check_pixel_shuffle(pixel_shuffle)
    ✔ my_pixel_shuffle(x, 2) is right; my_pixel_shuffle(x, 3) is right
    """
    cases = [(2, (4, 2, 3)), (3, (18, 2, 2))]
    messages = []
    for r, shape in cases:
        x = np.arange(float(np.prod(shape))).reshape(shape)
        label = f"my_pixel_shuffle(x, {r})"
        got, problem = call(my_pixel_shuffle, x.copy(), r, name=label)
        if problem is not None:
            return problem
        want = pixel_shuffle(x, r)
        fb = compare_arrays(got, want, name=label)
        if not fb:
            arr, bad = as_array(got)
            if bad is None and arr.shape == want.shape:
                c, h, w = shape
                swapped = pixel_shuffle(x.reshape(c // (r * r), r, r, h, w).swapaxes(1, 2)
                                        .reshape(shape), r)
                if close(arr, swapped):
                    return Feedback(False, fb.message + ": the sub-pixel row i comes first: "
                                           "channel c r² + i r + j goes to (i, j)")
            return fb
        messages.append(fb.message)
    return Feedback(True, "; ".join(messages))


@guarded
def check_weight_grad_args(weight_grad_args: Any) -> Feedback:
    """Check ``weight_grad_args(s, d)`` -> ``(stride, dilation)``: the arguments of the
    ``conv1d`` that computes a layer's kernel gradient from its zero-padded input (as the
    input) and the upstream gradient (as the kernel), for a layer of stride ``s`` and
    dilation ``d``.

    >>> check_weight_grad_args(lambda s, d: (s, d))
    ✘ weight_grad_args(2, 1) is (2, 1): stride and dilation are swapped; tap m of the kernel meets x[s n + d m]
    """
    for s, d in [(1, 1), (2, 1), (1, 2), (2, 3), (3, 2)]:
        label = f"weight_grad_args({s}, {d})"
        got, problem = call(weight_grad_args, s, d, name=label)
        if problem is not None:
            return problem
        if got is None:
            return Feedback(False, f"not done yet: {label} returned None")
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            count = (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
            return Feedback(False, f"{label} should return a pair (stride, dilation), but got "
                                   f"{kind(got)}{count}")
        stride, bad = as_int(got[0], f"the stride from {label}")
        if bad is not None:
            return bad
        dilation, bad = as_int(got[1], f"the dilation from {label}")
        if bad is not None:
            return bad
        if (stride, dilation) == (d, s):
            continue
        if (stride, dilation) == (s, d) and s != d:
            return Feedback(False, f"{label} is {show(got)}: stride and dilation are swapped; tap m "
                                   "of the kernel meets x[s n + d m]")
        return Feedback(False, f"{label} is {show(got)}, expected another pair: in "
                               "sum_n g[n] x[s n + d m], which step moves along n and which along m?")
    return Feedback(True, "weight_grad_args is right: the kernel gradient is a correlation with "
                          "stride d and dilation s")


__all__ = ["check_conv1d_backward", "check_transpose_scatter", "check_max_pool_backward",
           "check_copies", "check_pixel_shuffle", "check_weight_grad_args"]
