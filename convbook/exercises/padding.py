"""Self-checks for chapter 5, padding, stride and dilation.

Each ``check_*`` takes the reader's function, calls it on a few cases, compares with
tested convbook code, and returns a :class:`~convbook.exercises.Feedback` that says
which case is wrong and what to look at. It never raises.

Examples
--------
>>> from convbook.exercises.padding import check_same_padding
>>> check_same_padding(lambda k, d=1: ((d * (k - 1)) // 2, d * (k - 1) - (d * (k - 1)) // 2))
✔ same_padding is right on all 8 cases
>>> check_same_padding(lambda k, d=1: (k // 2, k // 2))
✘ same_padding(2, d=1) returned (1, 1), whose total 2 should be d*(k-1) = 1
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..arithmetic import conv_output_size, conv_transpose_output_size
from ..windows import usage
from . import Feedback, as_int, call, compare_arrays, describe, guarded, show

_NP_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge", "circular": "wrap"}
_MODES = tuple(_NP_MODE)


@guarded
def check_pad(pad_1d: Callable[..., Any]) -> Feedback:
    """``pad_1d(x, p, mode)`` must pad a 1-D array by ``p`` on each side, as a layer's
    ``padding_mode`` ("zeros", "reflect", "replicate", "circular") does.

    Parameters
    ----------
    pad_1d : callable
        The reader's ``pad_1d(x, p, mode)``.

    Returns
    -------
    %(feedback)s
    """
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    # p = 1 and 3 first, then the limits: p = 0, and the largest p torch allows
    # (len(x) - 1 for reflect, len(x) for circular)
    cases = [(mode, p) for mode in _MODES for p in (1, 3)]
    cases += [(mode, 0) for mode in _MODES]
    cases += [("reflect", 4), ("circular", 5), ("zeros", 5), ("replicate", 5)]
    for mode, p in cases:
        expected = np.pad(x, p, mode=_NP_MODE[mode])
        name = f"pad_1d(x, {p}, {mode!r}) with x = [1 2 3 4 5]"
        got, problem = call(pad_1d, x.copy(), p, mode, name=name)
        if problem is not None:
            return problem
        verdict = compare_arrays(got, expected, name=name)
        if not verdict:
            if "differs" in verdict.message:  # same shape, wrong values: show both
                return Feedback(False, f"{verdict.message}. Expected {_show(expected)}, got "
                                       f"{_show(got)}")
            return verdict
    return Feedback(True, "pad_1d is right for all four modes")


_COVER_CASES = (
    # (i, k, s, p), all with p < k and d = 1: both verdicts, strides below, at and
    # above the kernel, one window only, and the dropped remainder r at and past p
    (11, 3, 1, 0), (11, 3, 2, 0), (11, 3, 3, 0), (11, 3, 4, 0), (11, 3, 8, 0),
    (10, 3, 7, 0), (10, 3, 2, 0), (32, 5, 2, 2), (32, 5, 3, 2), (32, 5, 4, 2),
    (32, 5, 5, 2), (32, 5, 31, 2), (14, 3, 3, 0), (7, 3, 2, 1), (8, 3, 3, 1),
    (3, 5, 9, 2), (4, 5, 9, 2), (9, 4, 5, 3), (6, 2, 3, 1), (5, 1, 1, 0),
)


@guarded
def check_reads_every_pixel(reads_every_pixel: Callable[..., Any]) -> Feedback:
    """``reads_every_pixel(i, k, s, p)`` must say (True or False) whether every one of
    the ``i`` input cells is read by some window of a layer with kernel ``k``, stride
    ``s``, padding ``p < k`` per side and no dilation.

    The truth is counted with :func:`convbook.windows.usage`; a wrong verdict gets
    the unread cells and the likely mistake (CS231n's integer condition, a stride
    larger than the kernel, a remainder larger than the padding).

    Parameters
    ----------
    reads_every_pixel : callable
        The reader's ``reads_every_pixel(i, k, s, p)``.

    Returns
    -------
    %(feedback)s
    """
    for i, k, s, p in _COVER_CASES:
        name = f"reads_every_pixel(i={i}, k={k}, s={s}, p={p})"
        got, problem = call(reads_every_pixel, i, k, s, p, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        if got is None:
            return Feedback(False, f"not done yet: {name} returned None")
        if not isinstance(got, (bool, np.bool_)):
            return Feedback(False, f"{name} returned {describe(got)}; return True "
                                   "or False")
        unread = np.flatnonzero(usage(i, k, s, p) == 0).tolist()
        want = not unread
        if bool(got) == want:
            continue
        r = (i + 2 * p - k) % s
        one = (i + 2 * p - k) // s == 0  # a single window: no gaps between windows
        last = "the only window" if one else "the last window"
        if want:
            end = ("at the end of the padded input" if r == 0 else
                   f"r = {r} cell{'s' * (r > 1)} before the end of the padded input, "
                   f"inside its p = {p} cells of padding")
            how = "" if one else "the windows overlap or touch and "
            return Feedback(False, f"{name} returned False, but every cell is read: "
                                   f"{how}{last} ends {end}")
        shown = ", ".join(str(n) for n in unread[:6]) + (", ..." if len(unread) > 6 else "")
        cells = f"input cells {shown} are" if len(unread) > 1 else f"input cell {shown} is"
        gap = s - k
        why = (f"the windows leave gaps of s - k = {gap} cell{'s' * (gap > 1)} between them"
               if s > k and not one else
               f"{last} ends r = {r} cell{'s' * (r > 1)} before the end of the padded input, "
               f"more than its p = {p} cells of padding")
        if (i + 2 * p - k) % s == 0:
            why += ("; that (i + 2p - k)/s is an integer (CS231n's condition) does not "
                    "mean every pixel is read")
        return Feedback(False, f"{name} returned True, but {cells} never read: {why}")
    return Feedback(True, f"reads_every_pixel is right on all {len(_COVER_CASES)} cases")


_SIZE_CASES = (
    # (i, k, s, p, d): the guide's cases, the CS231n floor cases, dilation
    (4, 3, 1, 0, 1), (5, 4, 1, 2, 1), (5, 3, 1, 1, 1), (5, 3, 1, 2, 1), (5, 3, 2, 0, 1),
    (5, 3, 2, 1, 1), (6, 3, 2, 1, 1), (7, 3, 1, 0, 2), (10, 3, 2, 0, 1), (227, 11, 4, 0, 1),
    (32, 5, 3, 2, 1), (9, 3, 2, 1, 3),
)


@guarded
def check_output_size(output_size: Callable[..., Any]) -> Feedback:
    """``output_size(i, k, s=1, p=0, d=1)`` must return the output length of a layer
    (``p`` per side), as :func:`convbook.conv_output_size`.

    Parameters
    ----------
    output_size : callable
        The reader's ``output_size(i, k, s=1, p=0, d=1)``.

    Returns
    -------
    %(feedback)s
    """
    for i, k, s, p, d in _SIZE_CASES:
        name = f"output_size(i={i}, k={k}, s={s}, p={p}, d={d})"
        answer, problem = call(output_size, i, k, s, p, d, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        if answer is None:
            return Feedback(False, f"not done yet: {name} returned None")
        want = conv_output_size(i, k, s, p, d)
        got, bad = as_int(answer)
        if bad is not None:
            return Feedback(False, f"{name} returned {describe(answer)}; a size is "
                                   "an int (use // for the floor)")
        if got == want:
            continue
        hint = "check the formula"
        if got == conv_output_size(i, k, s, 0, d) and p:
            hint = "the padding is missing"
        elif p and got == (i + p - d * (k - 1) - 1) // s + 1:
            hint = "p is per side: the padded input has i + 2p cells"
        elif d > 1 and got == conv_output_size(i, k, s, p, 1):
            hint = "a dilated kernel spans d(k - 1) + 1 cells"
        elif s > 1 and got == -(-(i + 2 * p - d * (k - 1) - 1) // s) + 1:
            hint = "round down, not up: a window that does not fit is dropped"
        return Feedback(False, f"{name} returned {show(got)}, expected {want}: {hint}")
    return Feedback(True, f"output_size is right on all {len(_SIZE_CASES)} cases")


@guarded
def check_same_padding(same_padding: Callable[..., Any]) -> Feedback:
    """``same_padding(k, d=1)`` must return torch's ``(left, right)`` padding for
    ``padding="same"``: total ``d(k - 1)``, the extra cell (if any) on the right.

    Parameters
    ----------
    same_padding : callable
        The reader's ``same_padding(k, d=1)``.

    Returns
    -------
    %(feedback)s
    """
    cases = [(k, 1) for k in (1, 2, 3, 4, 5, 6)] + [(3, 2), (4, 3)]
    for k, d in cases:
        name = f"same_padding({k}, d={d})"
        got, problem = call(same_padding, k, d=d, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        if got is None:
            return Feedback(False, f"not done yet: {name} returned None")
        total = d * (k - 1)
        want = (total // 2, total - total // 2)
        pair = _int_pair(got)
        if pair is None:
            return Feedback(False, f"{name} returned {describe(got)}; return a pair "
                                   "of ints (left, right)")
        left, right = pair
        shown = show(pair)
        if (left, right) == want:
            continue
        if left + right != total:
            return Feedback(False, f"{name} returned {shown}, whose total {show(left + right)} "
                                   f"should be d*(k-1) = {total}")
        if (right, left) == want:
            return Feedback(False, f"{name} returned {shown}: torch puts the extra cell on "
                                   f"the right, expected {want}")
        return Feedback(False, f"{name} returned {shown}, expected {want}: split the total "
                               f"as evenly as possible")
    return Feedback(True, f"same_padding is right on all {len(cases)} cases")


@guarded
def check_output_padding(output_padding: Callable[..., Any]) -> Feedback:
    """``output_padding(n, k, s, p)`` must return the ``output_padding`` that makes the
    transposed convolution give back ``n`` from ``conv_output_size(n, k, s, p)``.

    Parameters
    ----------
    output_padding : callable
        The reader's ``output_padding(n, k, s, p)``.

    Returns
    -------
    %(feedback)s
    """
    cases = [(7, 3, 2, 1), (8, 3, 2, 1), (28, 4, 2, 1), (10, 3, 3, 0), (11, 3, 3, 0),
             (12, 3, 3, 0), (5, 5, 1, 2), (64, 7, 4, 3)]
    for n, k, s, p in cases:
        o = conv_output_size(n, k, s, p)
        name = f"output_padding(n={n}, k={k}, s={s}, p={p})"
        got, problem = call(output_padding, n, k, s, p, name=name)
        if problem is not None:  # a Feedback is falsy when wrong: test for None
            return problem
        if got is None:
            return Feedback(False, f"not done yet: {name} returned None")
        want = n - conv_transpose_output_size(o, k, s, p)
        value, bad = as_int(got)
        if bad is not None:
            return Feedback(False, f"{name} returned {describe(got)}; output_padding "
                                   "is an int")
        if value == want:
            continue
        back = (conv_transpose_output_size(o, k, s, p, output_padding=value)
                if 0 <= value < s else "an error")
        return Feedback(False, f"{name} returned {show(got)}: the convolution maps {n} to {o}, and "
                               f"the transposed one with that output_padding gives {back}, "
                               f"not {n}; expected {want}")
    return Feedback(True, f"output_padding is right on all {len(cases)} cases")


def _int_pair(value: Any) -> tuple[int, int] | None:
    """``value`` as two ints (a tuple, list or 1-D array of two), else None."""
    if isinstance(value, np.ndarray):
        if value.shape != (2,) or not np.issubdtype(value.dtype, np.integer):
            return None
        value = value.tolist()
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    ints = [as_int(v)[0] for v in value]
    return None if None in ints else (ints[0], ints[1])


def _show(a: Any) -> str:
    return np.array2string(np.asarray(a, dtype=float), precision=3, separator=" ")


__all__ = ["check_pad", "check_reads_every_pixel", "check_output_size", "check_same_padding", "check_output_padding"]
