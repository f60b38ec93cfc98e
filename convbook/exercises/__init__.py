"""Self-checks for the exercises: they say what is wrong, and never crash.

Each chapter has a module here (``convbook.exercises.<topic>``) whose ``check_*``
functions take the reader's answer (a value or a function), compute the expected one
with tested convbook code, and return a :class:`Feedback`: true when right, and a
message that names what is wrong (not done yet, the type, the shape, the border, the
values). A wrong answer of any kind (None, a bool, a ragged list, ``10**400``, a
complex number, NaN, a dict, a generator, a torch tensor) or a function that raises
gives a message, never a traceback and never a warning.

The shared preamble lives in ``convbook/exercises/_common.py`` and is re-exported
here: :func:`call` runs the reader's function, :func:`as_array`, :func:`as_int` and
:func:`as_number` read its result, :func:`compare_arrays` and :func:`compare_number`
judge it, and :func:`guarded` wraps every check as a last resort.
"""
from __future__ import annotations

from ._common import (GUARD_PREFIX, Feedback, as_array, as_int, as_number, call, close,
                      compare_arrays, compare_number, describe, guarded, kind, show)

__all__ = ["Feedback", "GUARD_PREFIX", "call", "as_array", "as_int", "as_number", "close",
           "compare_arrays", "compare_number", "describe", "guarded", "kind",
           "show"]
