"""Self-checks for the exercises: they say what is wrong, and never crash.

Each chapter has a module here (``convbook.exercises.<topic>``) whose ``check_*``
functions take the reader's answer (a value or a function), compute the expected one
with tested convbook code, and return a :class:`Feedback`: true when right, and a
message that names what is wrong (not done yet, the shape, the border, the values).
A wrong answer, or a function that raises, gives a message, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The verdict of a check: ``bool(feedback)`` is whether the answer is right."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✔ " if self.ok else "✘ ") + self.message


def call(func: Any, *args: Any, name: str = "your function", **kwargs: Any) -> tuple[Any, Feedback | None]:
    """Call the reader's function: ``(result, None)``, or ``(None, Feedback)`` if it raised.

    Test the second value with ``is not None``: a Feedback is falsy when it reports a
    problem, so ``problem or compare(...)`` would hide it.

    Examples
    --------
    >>> from convbook.exercises import call
    >>> call(lambda x: 1 / x, 0)[1]
    ✘ your function raised ZeroDivisionError: division by zero
    """
    if not callable(func):
        return None, Feedback(False, f"{name} should be a function, but got {type(func).__name__}")
    try:
        return func(*args, **kwargs), None
    except NotImplementedError:
        return None, Feedback(False, f"not done yet: {name} still raises NotImplementedError")
    except Exception as exc:  # the reader's code: report, never crash
        return None, Feedback(False, f"{name} raised {type(exc).__name__}: {exc}")


def compare_arrays(answer: Any, expected: Any, *, name: str = "your answer", atol: float = 1e-8,
                   border: int = 0) -> Feedback:
    """Compare an array answer, diagnosing None, shape, border-only and value errors.

    ``border`` is the width of the rim where padding matters: when only cells there
    are wrong, the message says to look at the padding.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.exercises import compare_arrays
    >>> compare_arrays(None, np.zeros(3))
    ✘ not done yet: your answer is None
    >>> compare_arrays(np.zeros(4), np.zeros(3))
    ✘ your answer has shape (4,) but should have shape (3,)
    >>> compare_arrays(np.array([1, 2, 3.5]), np.array([1, 2, 3]))
    ✘ your answer differs in 1 of 3 entries; first at index (2,): got 3.5, expected 3
    >>> compare_arrays([1, 2, 3], np.array([1, 2, 3]))
    ✔ your answer is right
    """
    if answer is None:
        return Feedback(False, f"not done yet: {name} is None")
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{name} should be an array of numbers, but got {type(answer).__name__}")
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return Feedback(False, f"{name} has shape {got.shape} but should have shape {want.shape}")
    bad = ~np.isclose(got, want, atol=atol, rtol=1e-6)
    if not bad.any():
        return Feedback(True, f"{name} is right")
    if want.ndim and np.allclose(got, np.flip(want), atol=atol) and not np.allclose(want, np.flip(want)):
        return Feedback(False, f"{name} is the expected array reversed: check the flip")
    if border and want.ndim:
        inner = tuple(slice(border, n - border) for n in want.shape)
        if bad.sum() and not bad[inner].any():
            return Feedback(False, f"{name} is right inside but wrong on the border "
                                   f"({int(bad.sum())} cells): check the padding")
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    return Feedback(False, f"{name} differs in {int(bad.sum())} of {bad.size} entries; first at "
                           f"index {first}: got {got[first]:.6g}, expected {want[first]:.6g}")


def compare_number(answer: Any, expected: float, *, name: str = "your answer",
                   tol: float = 0.0, hint: str = "") -> Feedback:
    """Compare a number answer within ``tol``.

    Examples
    --------
    >>> from convbook.exercises import compare_number
    >>> compare_number(54, 55, hint="count the windows, not the gaps")
    ✘ your answer is 54, expected something else: count the windows, not the gaps
    """
    if answer is None:
        return Feedback(False, f"not done yet: {name} is None")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, f"{name} should be a number, but got {answer!r}")
    if abs(value - expected) <= tol:
        return Feedback(True, f"{name} is right")
    tail = f": {hint}" if hint else ""
    return Feedback(False, f"{name} is {answer!r}, expected something else{tail}")


__all__ = ["Feedback", "call", "compare_arrays", "compare_number"]
