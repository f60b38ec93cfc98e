"""Argument checks for the edge modules (continuous, data, widgets, quiz, shapes).

They complete :mod:`convbook._validate` with real numbers, flags, strings, pairs and
callables, in the same form: ``TypeError`` for the wrong kind of value, ``ValueError``
for a value out of range, and a message ``"<function>: <argument> must be <what is
allowed>, but got <value>"``. A value is shown with :func:`shown`, which never prints
a 400-digit integer or a whole array.
"""
from __future__ import annotations

import math
import numbers
import re
from typing import Any, Callable

import numpy as np


DOCS = {
    "raises": """TypeError
        An argument of the wrong kind (a string for a number, a bool for a count, ...).
    ValueError
        An argument out of range. Both messages name the function, the argument and
        the value, and say what is allowed.""",
    "seed": """seed : int
        Seed (>= 0) of ``np.random.default_rng``: the same seed gives the same data.""",
}
"""Docstring fragments shared by the edge modules, filled in by :func:`fill`."""


def fill(func: Callable[..., Any]) -> Callable[..., Any]:
    """Replace ``%(key)s`` in ``func.__doc__`` by ``DOCS[key]`` (as scipy.ndimage does).

    Examples
    --------
    >>> from convbook._args import fill
    >>> @fill
    ... def f():
    ...     '''Raises
    ...     ------
    ...     %(raises)s'''
    >>> "TypeError" in f.__doc__ and "%" not in f.__doc__
    True
    """
    if func.__doc__:
        func.__doc__ = re.sub(r"%\((\w+)\)s", lambda m: DOCS[m.group(1)], func.__doc__)
    return func


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters; huge ints and arrays summarised.

    Examples
    --------
    >>> from convbook._args import shown
    >>> shown(10**400), shown("a"), shown(np.zeros((3, 4)))
    ('an int with 401 digits', "'a'", 'an array of shape (3, 4)')
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_, np.integer)):
        v = abs(int(value))
        if v >= 10**20:
            digits = len(str(v)) if v.bit_length() < 4000 else int(math.log10(v)) + 1
            return f"an int with {digits} digits"
    if isinstance(value, np.ndarray) and value.size > 8:
        return f"an array of shape {value.shape}"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001  a broken __repr__ is still an argument to report
        return f"a {type(value).__name__}"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def real(value: Any, func: str, name: str, *, positive: bool = False,
         minimum: float | None = None) -> float:
    """A finite real number (bool, complex, strings refused) as a float.

    ``positive``: strictly above 0; ``minimum``: not below it.

    Examples
    --------
    >>> from convbook._args import real
    >>> real(2, "f", "x")
    2.0
    >>> real("a", "f", "x")
    Traceback (most recent call last):
    ...
    TypeError: f: x must be a real number, but got 'a'
    >>> real(-1, "f", "x", positive=True)
    Traceback (most recent call last):
    ...
    ValueError: f: x must be positive and finite, but got x=-1
    """
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        kind = "a positive number" if positive else "a real number"
        raise TypeError(f"{func}: {name} must be {kind}, but got {shown(value)}")
    try:
        v = float(value)
    except OverflowError:
        v = math.inf if value > 0 else -math.inf
    what = ("positive and finite" if positive else
            f">= {minimum:g} and finite" if minimum is not None else "finite")
    if (not math.isfinite(v) or (positive and not v > 0)
            or (minimum is not None and v < minimum)):
        raise ValueError(f"{func}: {name} must be {what}, but got {name}={shown(value)}")
    return v


def count(value: Any, func: str, name: str, *, minimum: int, maximum: int) -> int:
    """An int from ``minimum`` to ``maximum`` (bool refused): a size or a number of
    points, bounded so that an absurd value gets a message, not a MemoryError.

    Examples
    --------
    >>> from convbook._args import count
    >>> count(10**400, "f", "n", minimum=1, maximum=1000)
    Traceback (most recent call last):
    ...
    ValueError: f: n must be at most 1000, but got n=an int with 401 digits
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{func}: {name} must be an int, but got {shown(value)}")
    if value < minimum:
        raise ValueError(f"{func}: {name} must be >= {minimum}, but got {name}={shown(value)}")
    if value > maximum:
        raise ValueError(f"{func}: {name} must be at most {maximum}, but got {name}={shown(value)}")
    return int(value)


def flag(value: Any, func: str, name: str) -> bool:
    """True or False (NumPy's bools too), nothing else.

    Examples
    --------
    >>> from convbook._args import flag
    >>> flag(np.True_, "f", "color")
    True
    >>> flag("yes", "f", "color")
    Traceback (most recent call last):
    ...
    TypeError: f: color must be True or False, but got 'yes'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{func}: {name} must be True or False, but got {shown(value)}")
    return bool(value)


def text(value: Any, func: str, name: str, *, empty: bool = False) -> str:
    """A string (non-blank unless ``empty``)."""
    if not isinstance(value, str) or (not empty and not value.strip()):
        what = "a string" if empty else "a non-empty string"
        raise TypeError(f"{func}: {name} must be {what}, but got {shown(value)}")
    return value


def function(value: Any, func: str, name: str) -> Callable[..., Any]:
    """A callable."""
    if not callable(value):
        raise TypeError(f"{func}: {name} must be a function, but got {shown(value)} "
                        f"({type(value).__name__})")
    return value


def real_pair(value: Any, func: str, name: str, *, increasing: bool = False) -> tuple[float, float]:
    """Two finite real numbers ``(a, b)``; ``increasing``: ``a < b``.

    Examples
    --------
    >>> from convbook._args import real_pair
    >>> real_pair((0, 1), "f", "window", increasing=True)
    (0.0, 1.0)
    >>> real_pair(3, "f", "window")
    Traceback (most recent call last):
    ...
    TypeError: f: window must be a pair (a, b) of numbers, but got 3
    """
    if isinstance(value, np.ndarray):
        value = value.tolist() if value.ndim == 1 else value
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise TypeError(f"{func}: {name} must be a pair (a, b) of numbers, but got {shown(value)}")
    a, b = (real(v, func, name) for v in value)
    if increasing and not a < b:
        raise ValueError(f"{func}: {name} must be (a, b) with a < b, but got {name}={shown(value)}")
    return a, b


def reals(value: Any, func: str, name: str, *, finite: bool = True) -> np.ndarray:
    """A number or array of real numbers (finite ones unless ``finite=False``), as a
    float array (never a view).

    Examples
    --------
    >>> from convbook._args import reals
    >>> reals([1, 2], "f", "t")
    array([1., 2.])
    >>> reals([1, "a"], "f", "t")
    Traceback (most recent call last):
    ...
    TypeError: f: t must be a number or an array of real numbers, but got [1, 'a']
    """
    bad = TypeError(f"{func}: {name} must be a number or an array of real numbers, but got "
                    f"{shown(value)}")
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise bad
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001  ragged lists, objects whose __array__ raises
        raise bad from None
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer)
                                 or np.issubdtype(arr.dtype, np.floating)):
        if arr.dtype != object:
            raise bad
        try:
            arr = arr.astype(float)
        except Exception:  # noqa: BLE001  huge ints, strings in a list
            raise bad from None
    arr = np.array(arr, dtype=float)
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{func}: {name} must be finite, but got {shown(value)}")
    return arr


__all__ = ["DOCS", "fill", "shown", "real", "count", "flag", "text", "function", "real_pair", "reals"]
