"""The shared preamble of every exercise check: call, None, type, shape, compare.

A check takes whatever the reader wrote: a function, or by mistake a number, a
string, a ragged list, a generator, a torch tensor, ``10**400``... The helpers here
turn each of those into either a clean value or a :class:`Feedback` that says what is
wrong, without a traceback and without a warning. :func:`guarded` wraps every
``check_*`` as a last resort: if a check's own code still breaks on some answer, the
reader gets a message that starts with ``GUARD_PREFIX`` instead of a traceback
(the fuzz test in ``tests/test_exercise_fuzz.py`` makes sure no check relies on it).
"""
from __future__ import annotations

import functools
import inspect
import math
import numbers
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

GUARD_PREFIX = "the check could not judge this answer"
"""How a message starts when :func:`guarded` caught a failure of the check itself."""

_FLOAT_LIMIT = float(np.finfo(float).max)

DOCS = {
    "feedback": """Feedback
        True when the answer is right on every case; otherwise false, with a message
        that names the first wrong case and the likely mistake. Never raises and never
        warns: an answer of the wrong kind (None, a number, a ragged list, a
        generator, ...), or a function that raises, gets a message.""",
}
"""Docstring fragments of the checks, filled in by :func:`guarded` (``%(feedback)s``)."""


@dataclass(frozen=True)
class Feedback:
    """The verdict of a check: ``bool(feedback)`` is whether the answer is right.

    Examples
    --------
    >>> from convbook.exercises import Feedback
    >>> Feedback(False, "your answer is None")
    ✘ your answer is None
    >>> bool(Feedback(True, "right"))
    True
    """

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✔ " if self.ok else "✘ ") + self.message


def _text(value: Any) -> str:
    """``str(value)`` that never raises (a reader's exception may have a broken ``__str__``)."""
    try:
        return str(value)
    except Exception:  # noqa: BLE001  the reader's object: anything can happen
        return f"<{type(value).__name__} that cannot be printed>"


def kind(value: Any) -> str:
    """A short, safe description of what ``value`` is, for a message.

    Examples
    --------
    >>> from convbook.exercises import kind
    >>> kind(True), kind((x for x in "ab")), kind(10**400), kind({"a": 1})
    ('a bool (True)', 'a generator', 'an int with 401 digits', 'a dict')
    """
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"a bool ({bool(value)})"
    if isinstance(value, numbers.Integral) and not isinstance(value, np.integer):
        v = abs(int(value))
        digits = len(str(v)) if v.bit_length() < 4000 else int(math.log10(v)) + 1
        return f"an int with {digits} digits" if digits > 20 else f"the int {int(value)}"
    if inspect.isgenerator(value):
        return "a generator"
    if _is_tensor(value):
        return f"a torch tensor of shape {tuple(value.shape)}"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if inspect.isclass(value):
        return f"the class {value.__name__}"
    if callable(value):
        return f"a function ({getattr(value, '__name__', type(value).__name__)})"
    name = type(value).__name__
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def show(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, and never raising.

    Examples
    --------
    >>> from convbook.exercises import show
    >>> show(3), show("junk"), show(10**400)
    ('3', "'junk'", 'an int with 401 digits')
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_, np.integer)):
        if abs(int(value)) >= 10**20:
            return kind(value)
    try:
        text = " ".join(repr(value).split())
    except Exception:  # noqa: BLE001
        return kind(value)
    if " at 0x" in text:  # generators, functions, plain objects: no addresses in a message
        return kind(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(value: Any) -> str:
    """:func:`show` and :func:`kind` together, once when they say the same.

    Examples
    --------
    >>> from convbook.exercises import describe
    >>> describe(2.5), describe((x for x in "ab")), describe(True)
    ('2.5 (a float)', 'a generator', 'a bool (True)')
    """
    shown, what = show(value), kind(value)
    return what if shown == what or f"({shown})" in what else f"{shown} ({what})"


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.split(".")[0] == "torch" and hasattr(value, "detach")


def call(func: Any, *args: Any, name: str = "your function", **kwargs: Any) -> tuple[Any, Feedback | None]:
    """Call the reader's function: ``(result, None)``, or ``(None, Feedback)`` if it raised.

    Test the second value with ``is not None``: a Feedback is falsy when it reports a
    problem, so ``problem or compare(...)`` would hide it.

    Examples
    --------
    >>> from convbook.exercises import call
    >>> call(lambda x: 1 / x, 0)[1]
    ✘ your function raised ZeroDivisionError: division by zero
    >>> call(42)[1]
    ✘ your function should be a function, but got int
    """
    if not callable(func) or inspect.isclass(func):
        return None, Feedback(False, f"{name} should be a function, but got {type(func).__name__}")
    try:
        return func(*args, **kwargs), None
    except NotImplementedError:
        return None, Feedback(False, f"not done yet: {name} still raises NotImplementedError")
    except Exception as exc:  # noqa: BLE001  the reader's code: report, never crash
        return None, Feedback(False, f"{name} raised {type(exc).__name__}: {_text(exc)}")


def as_array(answer: Any, name: str = "your answer", *, complex_ok: bool = False,
             none: str = "is None", verb: str = "should be") -> tuple[np.ndarray | None, Feedback | None]:
    """The answer as a float (or, with ``complex_ok``, complex) array, or a Feedback.

    Refuses, with a message: None (``"not done yet: <name> <none>"``), functions,
    strings, dicts, sets, generators and other iterators, ragged lists, True/False
    values, complex values (unless ``complex_ok``), numbers too large for a float,
    and arrays of anything but numbers. A torch tensor is read as its values.
    ``verb`` words the type message: ``"<name> <verb> an array of numbers, but ..."``.

    Examples
    --------
    >>> from convbook.exercises import as_array
    >>> as_array([[1, 2], [3]])[1]
    ✘ your answer is ragged: its rows have different lengths
    >>> as_array([1, 10**400])[1]
    ✘ your answer holds a number too large for a float (above 1.8e+308)
    >>> as_array([1, 2])[0]
    array([1., 2.])
    """
    if answer is None:
        return None, Feedback(False, f"not done yet: {name} {none}")
    if _is_tensor(answer):
        try:
            answer = answer.detach().cpu().resolve_conj().numpy()
        except Exception as exc:  # noqa: BLE001  meta tensors, sparse layouts, ...
            return None, Feedback(False, f"{name} is a torch tensor that cannot be read as "
                                         f"numbers ({_text(exc)}): return a NumPy array")
    if isinstance(answer, (bool, np.bool_)):
        return None, Feedback(False, f"{name} is {kind(answer)}; return numbers, not True/False")
    if (isinstance(answer, (str, bytes, dict, set, frozenset)) or inspect.isclass(answer)
            or (callable(answer) and not isinstance(answer, np.ndarray))
            or (hasattr(answer, "__next__") and not isinstance(answer, np.ndarray))):
        hint = ": call it and return its result" if callable(answer) and not inspect.isclass(answer) else ""
        hint = ": build a list or array from it" if hasattr(answer, "__next__") else hint
        return None, Feedback(False, f"{name} {verb} an array of numbers, but got "
                                     f"{kind(answer)}{hint}")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            arr = np.asarray(answer)
        except ValueError as exc:
            if "inhomogeneous" in _text(exc) or "sequence" in _text(exc):
                return None, Feedback(False, f"{name} is ragged: its rows have different lengths")
            return None, Feedback(False, f"{name} {verb} an array of numbers, but got "
                                         f"{kind(answer)}")
        except Exception:  # noqa: BLE001  __array__ or __len__ that raise, ...
            return None, Feedback(False, f"{name} {verb} an array of numbers, but got "
                                         f"{kind(answer)}")
        if arr.dtype == object:
            items = arr.ravel().tolist()
            if any(v is None for v in items):
                return None, Feedback(False, f"{name} holds None values: is a return missing?")
            if not all(isinstance(v, numbers.Number) for v in items):
                return None, Feedback(False, f"{name} {verb} an array of numbers, but it holds "
                                             f"{_object_kinds(arr)}")
            try:
                arr = arr.astype(complex if complex_ok else float)
            except OverflowError:
                return None, Feedback(False, f"{name} holds a number too large for a float "
                                             f"(above {_FLOAT_LIMIT:.2g})")
            except Exception:  # noqa: BLE001
                return None, Feedback(False, f"{name} {verb} an array of numbers, but it holds "
                                             f"{_object_kinds(arr)}")
    if arr.dtype == bool:
        return None, Feedback(False, f"{name} holds True/False values; return numbers")
    if np.iscomplexobj(arr):
        if not complex_ok:
            return None, Feedback(False, f"{name} has complex values; the answer is real "
                                         "(np.real drops an imaginary part that is rounding noise)")
        return arr.astype(complex), None
    if arr.dtype.kind not in "iuf":  # not strings, dates, durations, records
        return None, Feedback(False, f"{name} {verb} an array of numbers, but got an array of "
                                     f"dtype {arr.dtype}")
    return arr.astype(float), None


def _object_kinds(arr: np.ndarray) -> str:
    kinds = sorted({type(v).__name__ for v in arr.ravel()[:20]})
    return "values of type " + ", ".join(kinds) if kinds else "no values"


def as_int(answer: Any, name: str = "your answer") -> tuple[int | None, Feedback | None]:
    """The answer as a Python int, or a Feedback: a size or a count is an int, not a
    float, a bool, a string or an array.

    Examples
    --------
    >>> from convbook.exercises import as_int
    >>> as_int(True)[1]
    ✘ your answer is a bool (True); return an int
    >>> as_int(np.int64(3))
    (3, None)
    """
    if answer is None:
        return None, Feedback(False, f"not done yet: {name} is None")
    if isinstance(answer, (bool, np.bool_)):
        return None, Feedback(False, f"{name} is {kind(answer)}; return an int")
    if isinstance(answer, numbers.Integral):
        return int(answer), None
    return None, Feedback(False, f"{name} should be an int, but got {describe(answer)}")


def as_number(answer: Any, name: str = "your answer", *, strings: bool = False,
              verb: str = "should be a") -> tuple[float | None, Feedback | None]:
    """The answer as one real float, or a Feedback.

    A NumPy or torch scalar counts; a bool, a complex number, a string (unless
    ``strings``), a container or a number too large for a float do not. ``verb``
    words the type message: ``"<name> <verb> number, but got ..."``.

    Examples
    --------
    >>> from convbook.exercises import as_number
    >>> as_number(1 + 2j)[1]
    ✘ your answer is (1+2j), a complex number; the answer is real
    >>> as_number([3.0])[1]
    ✘ your answer should be a number, but got [3.0] (a list)
    >>> as_number(np.float32(0.5))
    (0.5, None)
    """
    if answer is None:
        return None, Feedback(False, f"not done yet: {name} is None")
    if isinstance(answer, (bool, np.bool_)):
        return None, Feedback(False, f"{name} is {kind(answer)}; return a number")
    if _is_tensor(answer) or (isinstance(answer, np.ndarray) and answer.ndim == 0):
        try:
            answer = (answer.detach() if _is_tensor(answer) else answer).item()
        except Exception:  # noqa: BLE001  tensors with several values, meta tensors
            return None, Feedback(False, f"{name} {verb} number, but got {kind(answer)}")
        if isinstance(answer, bool):
            return None, Feedback(False, f"{name} is {kind(answer)}; return a number")
    if isinstance(answer, (complex, np.complexfloating)):
        return None, Feedback(False, f"{name} is {show(answer)}, a complex number; the answer is real")
    if isinstance(answer, str) and strings:
        try:
            return float(answer), None
        except ValueError:
            pass
    if not isinstance(answer, numbers.Real):
        return None, Feedback(False, f"{name} {verb} number, but got {describe(answer)}")
    try:
        return float(answer), None
    except OverflowError:
        return None, Feedback(False, f"{name} is {kind(answer)}, too large for a float")
    except Exception:  # noqa: BLE001  a Real whose __float__ breaks
        return None, Feedback(False, f"{name} {verb} number, but got {kind(answer)}")


def compare_arrays(answer: Any, expected: Any, *, name: str = "your answer", atol: float = 1e-8,
                   border: int = 0) -> Feedback:
    """Compare an array answer, diagnosing None, type, shape, border-only and value errors.

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
    got, problem = as_array(answer, name)
    if problem is not None:
        return problem
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return Feedback(False, f"{name} has shape {got.shape} but should have shape {want.shape}")
    with np.errstate(all="ignore"):
        bad = ~np.isclose(got, want, atol=atol, rtol=1e-6)
        if not bad.any():
            return Feedback(True, f"{name} is right")
        if (want.ndim and np.allclose(got, np.flip(want), atol=atol)
                and not np.allclose(want, np.flip(want))):
            return Feedback(False, f"{name} is the expected array reversed: check the flip")
    if border and want.ndim:
        inner = tuple(slice(border, n - border) for n in want.shape)
        if bad.sum() and not bad[inner].any():
            return Feedback(False, f"{name} is right inside but wrong on the border "
                                   f"({int(bad.sum())} cells): check the padding")
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    return Feedback(False, f"{name} differs in {int(bad.sum())} of {bad.size} entries; first at "
                           f"index {first}: got {got[first]:.6g}, expected {want[first]:.6g}")


def close(got: Any, want: Any, **kwargs: Any) -> bool:
    """``np.allclose`` that is False, not an error or a warning, when the shapes differ
    or the values are not numbers (for the checks' diagnoses of typical slips).

    Examples
    --------
    >>> from convbook.exercises import close
    >>> close([1.0, 2.0], [1.0, 2.0]), close([1.0], [1.0, 2.0, 3.0]), close("a", [1.0])
    (True, False, False)
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("error")
            a, b = np.asarray(got), np.asarray(want)
            if a.shape != b.shape or a.dtype == object or b.dtype == object:
                return False
            return bool(np.allclose(a, b, **kwargs))
    except Exception:  # noqa: BLE001
        return False


def compare_number(answer: Any, expected: float, *, name: str = "your answer",
                   tol: float = 0.0, hint: str = "") -> Feedback:
    """Compare a number answer within ``tol`` (a numeric string counts as its number).

    Examples
    --------
    >>> from convbook.exercises import compare_number
    >>> compare_number(54, 55, hint="count the windows, not the gaps")
    ✘ your answer is 54, expected something else: count the windows, not the gaps
    >>> compare_number(True, 1)
    ✘ your answer is a bool (True); return a number
    """
    value, problem = as_number(answer, name, strings=True)
    if problem is not None:
        return problem
    if abs(value - expected) <= tol:
        return Feedback(True, f"{name} is right")
    tail = f": {hint}" if hint else ""
    return Feedback(False, f"{name} is {show(answer)}, expected something else{tail}")


def guarded(check: Callable[..., Feedback]) -> Callable[..., Feedback]:
    """Wrap a ``check_*`` so that it always returns a :class:`Feedback`.

    The last resort, not the method: each check handles wrong answers itself with the
    helpers above. If its own code still raises, the reader gets a message starting
    with ``GUARD_PREFIX`` that names the error, instead of a traceback. It also
    fills the shared docstring fragments (``%(feedback)s``, from ``DOCS``).

    Examples
    --------
    >>> from convbook.exercises import guarded
    >>> @guarded
    ... def check_broken(answer):
    ...     return [][0]
    >>> check_broken(1)
    ✘ the check could not judge this answer (IndexError: list index out of range); look at its type and shape
    """
    if check.__doc__:
        check.__doc__ = re.sub(r"%\((\w+)\)s", lambda m: DOCS[m.group(1)], check.__doc__)

    @functools.wraps(check)
    def wrapper(*args: Any, **kwargs: Any) -> Feedback:
        try:
            verdict = check(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001  never a traceback for the reader
            return Feedback(False, f"{GUARD_PREFIX} ({type(exc).__name__}: {_text(exc)}); look at "
                                   "its type and shape")
        if not isinstance(verdict, Feedback):
            return Feedback(False, f"{GUARD_PREFIX} (the check returned {kind(verdict)})")
        return verdict

    wrapper.guarded = True
    return wrapper


__all__ = ["Feedback", "GUARD_PREFIX", "call", "as_array", "as_int", "as_number", "close",
           "compare_arrays", "compare_number", "describe", "guarded", "kind", "show"]
