"""Finitely supported sequences on the integers, and the algebraic laws of chapter 4.

A sequence is a pair ``(start, values)``: ``values[i]`` is the value at index
``start + i`` and every other value is zero; a bare 1-D array means ``start = 0``.
:func:`seq_convolve`, :func:`seq_correlate`, :func:`seq_add`, :func:`seq_scale` and
:func:`seq_shift` act on such pairs, so that both sides of a law are compared as
sequences on Z (index origin included), not as bare arrays. :func:`law_sides`
computes the two sides of a law; ``convbook.plot.algebra.law_figure`` draws them.

Examples
--------
>>> from convbook.sequences import seq_convolve, seq_shift
>>> seq_convolve((1, [1, 2]), (-1, [1, 1]))
(0, array([1., 3., 2.]))
>>> seq_shift((0, [5, 6]), 3)
(3, array([5., 6.]))
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import signal
from ._validate import check_choice, check_int

__all__ = ["LAWS", "OPS", "SIGNALS", "as_sequence", "seq_convolve", "seq_correlate",
           "align", "seq_add", "seq_scale", "seq_shift", "example_signals", "law_sides"]

LAWS = ("commutative", "associative", "distributive", "scalar", "shift")
OPS = ("convolution", "cross-correlation")
SIGNALS = ("asymmetric", "random", "ramp and box")

Sequence_ = tuple[int, np.ndarray]


def as_sequence(a: Any, func: str = "as_sequence", name: str = "a") -> Sequence_:
    """``(start, values)`` from a pair or a bare 1-D array (``start = 0``).

    Raises ``TypeError``/``ValueError`` naming ``func`` and ``name`` for anything
    else: a start that is not an int, values that are not a non-empty 1-D array of
    real numbers.

    >>> as_sequence([1, 2])
    (0, array([1., 2.]))
    >>> as_sequence((-2, [3]))
    (-2, array([3.]))
    """
    start: Any = 0
    values = a
    if isinstance(a, tuple) and len(a) == 2 and np.ndim(a[0]) == 0:
        start, values = a
        start = check_int(start, func, f"the start of {name}")
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{func}: {name} must be (start, values) or a 1-D array of numbers, "
                        f"but got {a!r}") from None
    arr = np.atleast_1d(arr)
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{func}: the values of {name} must be a non-empty 1-D array, but "
                         f"got shape {arr.shape}")
    return int(start), arr


def seq_convolve(a: Any, b: Any) -> Sequence_:
    """``a * b`` on Z: ``(a * b)[n] = sum_m a[m] b[n - m]``; supports add.

    >>> seq_convolve((1, [1, 2]), (-1, [1, 1]))
    (0, array([1., 3., 2.]))
    """
    sa, va = as_sequence(a, "seq_convolve", "a")
    sb, vb = as_sequence(b, "seq_convolve", "b")
    return sa + sb, signal.convolve(va, vb, method="direct")


def seq_correlate(a: Any, b: Any) -> Sequence_:
    """``a ⋆ b`` on Z: ``(a ⋆ b)[n] = sum_m a[n + m] b[m]``.

    The output starts at ``start(a) - start(b) - (len(b) - 1)``.

    >>> seq_correlate([1, 2, 3], [0, 1, 0.5])
    (-2, array([0.5, 2. , 3.5, 3. , 0. ]))
    """
    sa, va = as_sequence(a, "seq_correlate", "a")
    sb, vb = as_sequence(b, "seq_correlate", "b")
    return sa - sb - (len(vb) - 1), signal.correlate(va, vb, method="direct")


def align(*seqs: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """Indices ``n`` covering every sequence, and each sequence's values on them.

    >>> n, (a, b) = align((0, [1, 2]), (-1, [5]))
    >>> n.tolist(), a.tolist(), b.tolist()
    ([-1, 0, 1], [0.0, 1.0, 2.0], [5.0, 0.0, 0.0])
    """
    if not seqs:
        raise ValueError("align: need at least one sequence, but got none")
    pairs = [as_sequence(s, "align", f"sequence {i}") for i, s in enumerate(seqs)]
    lo = min(s for s, _ in pairs)
    hi = max(s + len(v) for s, v in pairs)
    out = []
    for s, v in pairs:
        full = np.zeros(hi - lo)
        full[s - lo:s - lo + len(v)] = v
        out.append(full)
    return np.arange(lo, hi), out


def seq_add(a: Any, b: Any) -> Sequence_:
    """``a + b`` on Z (supports need not agree).

    >>> seq_add((0, [1, 1]), (1, [1]))
    (0, array([1., 2.]))
    """
    n, (va, vb) = align(a, b)
    return int(n[0]), va + vb


def seq_scale(alpha: float, a: Any) -> Sequence_:
    """``alpha * a``.

    >>> seq_scale(2, (3, [1, -1]))
    (3, array([ 2., -2.]))
    """
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float, np.integer, np.floating)):
        raise TypeError(f"seq_scale: alpha must be a real number, but got {alpha!r}")
    s, v = as_sequence(a, "seq_scale", "a")
    return s, float(alpha) * v


def seq_shift(a: Any, tau: int) -> Sequence_:
    """``(S_tau a)[n] = a[n - tau]``: the sequence moved ``tau`` steps to the right.

    >>> seq_shift([1, 2], -1)
    (-1, array([1., 2.]))
    """
    tau = check_int(tau, "seq_shift", "tau")
    s, v = as_sequence(a, "seq_shift", "a")
    return s + tau, v.copy()


def example_signals(name: str = "asymmetric", seed: int = 0) -> tuple[Sequence_, ...]:
    """Three short signals ``f, g, h`` (as ``(start, values)``) for the law explorer.

    >>> f, g, h = example_signals("ramp and box")
    >>> f[1].tolist(), g[1].tolist()
    ([1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 1.0, 1.0])
    """
    check_choice(name, SIGNALS, "example_signals", "name")
    if name == "asymmetric":
        return ((0, np.array([1.0, 2.0, 0.0, -1.0])), (0, np.array([1.0, 0.0, 3.0])),
                (0, np.array([2.0, -1.0])))
    if name == "random":
        rng = np.random.default_rng(check_int(seed, "example_signals", "seed", minimum=0))
        return tuple((0, rng.integers(-3, 4, n).astype(float)) for n in (5, 3, 4))
    return (0, np.arange(1.0, 6.0)), (0, np.ones(3)), (0, np.array([1.0, 0.0, 0.0, 0.0]))


def law_sides(law: str, op: str, f: Any, g: Any, h: Any, *, alpha: float = 2.0,
              tau: int = 2) -> tuple[Sequence_, Sequence_, str, str]:
    """The two sides of ``law`` for the product ``op``, as sequences on Z.

    Returns ``(left, right, left_label, right_label)``; the law holds for these
    signals when ``left`` and ``right`` agree (see :func:`align`).

    >>> l, r, _, _ = law_sides("commutative", "cross-correlation", [1], [1, 2], [0])
    >>> l, r
    ((-1, array([2., 1.])), (0, array([1., 2.])))
    """
    check_choice(law, LAWS, "law_sides", "law")
    check_choice(op, OPS, "law_sides", "op")
    p = seq_convolve if op == "convolution" else seq_correlate
    s = "∗" if op == "convolution" else "⋆"
    if law == "commutative":
        return p(f, g), p(g, f), f"f{s}g", f"g{s}f"
    if law == "associative":
        return p(p(f, g), h), p(f, p(g, h)), f"(f{s}g){s}h", f"f{s}(g{s}h)"
    if law == "distributive":
        return (p(f, seq_add(g, h)), seq_add(p(f, g), p(f, h)), f"f{s}(g+h)",
                f"f{s}g + f{s}h")
    if law == "scalar":
        return (seq_scale(alpha, p(f, g)), p(f, seq_scale(alpha, g)),
                f"{alpha:g}(f{s}g)", f"f{s}({alpha:g}g)")
    return (p(seq_shift(f, tau), g), seq_shift(p(f, g), tau), f"(S{tau}f){s}g",
            f"S{tau}(f{s}g)")
