"""Argument checking shared by every public function.

Each helper raises ``TypeError`` or ``ValueError`` with a message of the form
``"<function>: <argument> ... but got <value>"`` so that a reader learns what
went wrong without reading a NumPy traceback.
"""
from __future__ import annotations

import numbers
from typing import Any

import numpy as np


def as_real_array(value: Any, func: str, name: str) -> np.ndarray:
    """Return ``value`` as a numeric (bool, integer or float) array, never a view to mutate."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{func}: {name} must be an array of numbers, but got {value!r}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise TypeError(
            f"{func}: {name} must be a rectangular array of numbers ({exc})"
        ) from None
    if np.iscomplexobj(arr):
        raise TypeError(f"{func}: {name} must be real; complex input (dtype {arr.dtype}) is not supported")
    if not (arr.dtype == bool or np.issubdtype(arr.dtype, np.integer)
            or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(
            f"{func}: {name} must hold integers or floats, but got dtype {arr.dtype}"
        )
    return arr


def check_int(value: Any, func: str, name: str, *, minimum: int | None = None) -> int:
    """A plain integer (bool refused) not below ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{func}: {name} must be an int, but got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{func}: {name} must be >= {minimum}, but got {name}={value}")
    return value


def int_tuple(value: Any, n: int, func: str, name: str, *, minimum: int) -> tuple[int, ...]:
    """Expand an int or a length-``n`` sequence of ints into an ``n``-tuple."""
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(
                f"{func}: {name} must be an int or a tuple of {n} ints, but got {name}={value!r}"
            )
        return tuple(check_int(v, func, name, minimum=minimum) for v in value)
    return (check_int(value, func, name, minimum=minimum),) * n


def check_choice(value: Any, allowed: tuple[str, ...], func: str, name: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{func}: {name} must be one of {{{choices}}}, but got {name}={value!r}")
    return value
