"""Fuzz every exercise check with many kinds of wrong answers.

Each wrong answer is given both as the answer itself (the checks expect a function)
and as what a function returns. Every time the check must return a failing
:class:`~convbook.exercises.Feedback` with a message: never raise, never accept,
never write a warning to stderr, and never fall back on the last-resort guard
(which would mean the check itself broke on that answer).
"""
import importlib
import inspect
import pkgutil
import warnings
from fractions import Fraction

import numpy as np
import pytest

import convbook.exercises as exercises
from convbook.exercises import GUARD_PREFIX, Feedback, guarded


def _checks():
    for info in pkgutil.iter_modules(exercises.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"convbook.exercises.{info.name}")
        for name, fn in sorted(vars(mod).items()):
            if name.startswith("check") and inspect.isfunction(fn) and fn.__module__ == mod.__name__:
                yield pytest.param(fn, id=f"{info.name}.{name}")


CHECKS = list(_checks())


class _Weird:
    """An object whose every conversion raises."""

    def __array__(self, *a, **k):
        raise RuntimeError("no array for you")

    def __float__(self):
        raise RuntimeError("no float for you")

    def __index__(self):
        raise RuntimeError("no int for you")

    def __len__(self):
        raise RuntimeError("no len for you")

    def __iter__(self):
        raise RuntimeError("no iteration for you")

    def __eq__(self, other):
        raise RuntimeError("no comparison for you")

    __hash__ = object.__hash__


def _values():
    """Wrong values: what a reader's function might return (or be)."""
    values = {
        "None": None,
        "True": True,
        "False": False,
        "np.True_": np.True_,
        "zero": 0,
        "42": 42,
        "-1": -1,
        "10**400": 10**400,
        "-10**400": -(10**400),
        "1.5": 1.5,
        "nan": float("nan"),
        "inf": float("inf"),
        "np.nan float32": np.float32("nan"),
        "complex": 1 + 2j,
        "np.complex": np.complex128(3 - 1j),
        "Fraction": Fraction(1, 3),
        "string": "junk",
        "numeric string": "3",
        "bytes": b"\x00\x01",
        "dict": {"a": 1},
        "set": {1, 2},
        "Ellipsis": ...,
        "empty list": [],
        "empty tuple": (),
        "ragged list": [[1, 2], [3]],
        "deep ragged": [[[1.0, 2.0]], [[3.0]]],
        "list of None": [None, None, None],
        "list of strings": ["a", "b"],
        "mixed list": [1, "a", None],
        "list with 10**400": [10**400, 1, 2],
        "nested huge": [[10**400, 0], [0, 1]],
        "pair of None": (None, None),
        "pair with nan": (float("nan"), 1),
        "pair of huge": (10**400, 10**400),
        "triple": (1, 2, 3),
        "empty array": np.array([]),
        "zeros(3)": np.zeros(3),
        "zeros(2, 2)": np.zeros((2, 2)),
        "zeros(1, 1, 1, 1, 1)": np.zeros((1, 1, 1, 1, 1)),
        "nan array": np.full(5, np.nan),
        "inf array": np.full((2, 3), np.inf),
        "bool array": np.ones(4, dtype=bool),
        "complex array": np.ones(4) * 1j,
        "object array": np.array([object(), object()]),
        "string array": np.array(["a", "b"]),
        "datetime array": np.array(["2020-01-01"], dtype="datetime64[D]"),
        "structured array": np.zeros(3, dtype=[("a", float), ("b", int)]),
        "timedelta array": np.array([1, 2], dtype="timedelta64[s]"),
        "list with a None": [1.0, None, 2.0],
        "list of lists of None": [[None, None], [None, None]],
        "masked array": np.ma.masked_array([1.0, 2.0], mask=[True, False]),
        "matrix-like 0-d": np.array(5.0),
        "generator": (i for i in range(3)),
        "iterator": iter([1.0, 2.0]),
        "range": range(4),
        "map": map(float, [1, 2]),
        "a class": int,
        "an exception": ValueError("boom"),
        "weird object": _Weird(),
        "a function": lambda *a, **k: None,
    }
    torch = _torch()
    if torch is not None:
        values["torch zeros(3)"] = torch.zeros(3)
        values["torch tensor needing grad"] = torch.ones(2, 2, requires_grad=True)
        values["torch int tensor"] = torch.arange(6).reshape(2, 3)
        values["torch complex"] = torch.ones(3, dtype=torch.complex64)
        values["torch scalar"] = torch.tensor(7)
        values["torch meta"] = torch.empty(3, device="meta")
    return values


def _torch():
    try:
        import torch
    except ImportError:  # the fuzz runs without torch too, minus the tensors
        return None
    return torch


VALUES = _values()


def _raising(exc):
    def reader(*args, **kwargs):
        raise exc
    return reader


def _answers():
    """(label, answer) pairs: each value as the answer, a function returning it, and
    functions that misbehave."""
    for label, value in VALUES.items():
        yield f"is {label}", value
        yield f"returns {label}", (lambda v: (lambda *a, **k: v))(value)
    yield "raises ZeroDivisionError", lambda *a, **k: 1 / 0
    yield "raises NotImplementedError", _raising(NotImplementedError)
    yield "raises RuntimeError", _raising(RuntimeError("oops"))
    yield "raises KeyError", _raising(KeyError("k"))
    yield "raises RecursionError", _raising(RecursionError())
    yield "raises OverflowError", _raising(OverflowError("too big"))
    yield "raises an exception with a broken str", _raising(_BadStrError())
    yield "returns a fresh generator", lambda *a, **k: (x for x in a)
    yield "returns its first argument", lambda *a, **k: a[0] if a else None
    yield "returns its arguments", lambda *a, **k: a
    yield "returns a function", lambda *a, **k: (lambda: 1)
    yield "returns zeros like the first argument", _zeros_like_first
    yield "returns nan like the first argument", _nan_like_first
    yield "returns 10**400 times the first argument", _huge_times_first
    yield "returns the first argument plus 1j", _complex_first
    yield "takes no arguments", lambda: 1.0
    yield "warns and returns None", _warns
    yield "mutates its arguments then returns them", _mutates


class _BadStrError(Exception):
    def __str__(self):
        raise RuntimeError("no str")


def _zeros_like_first(*a, **k):
    return np.zeros_like(np.asarray(a[0], dtype=float)) if a else 0


def _nan_like_first(*a, **k):
    return np.full_like(np.asarray(a[0], dtype=float), np.nan) if a else np.nan


def _huge_times_first(*a, **k):
    if not a:
        return 10**400
    try:
        return (np.asarray(a[0], dtype=float).astype(object) * 10**400).tolist()
    except TypeError:
        return 10**400


def _complex_first(*a, **k):
    return np.asarray(a[0], dtype=complex) + 1j if a else 1j


def _warns(*a, **k):
    warnings.warn("reader's own warning", UserWarning)
    return None


def _mutates(*a, **k):
    for x in a:
        if isinstance(x, np.ndarray) and x.flags.writeable:
            x[...] = 0
    return a[0] if a else None


ANSWERS = dict(_answers())


def _run(check, answer):
    required = [p for p in inspect.signature(check).parameters.values() if p.default is p.empty]
    return check(*[answer] * max(len(required), 1))


@pytest.mark.parametrize("check", CHECKS)
def test_every_wrong_answer_gets_a_message(check, capfd):
    """One check against all the wrong answers: a message each, no traceback, no pass,
    nothing on stderr, no warning (warnings are errors here, so any leak fails)."""
    failures = []
    for label, answer in ANSWERS.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                verdict = _run(check, answer)
            except BaseException as exc:  # noqa: BLE001  what the reader would see
                failures.append(f"{label}: raised {type(exc).__name__}: {exc}")
                continue
        own = [w for w in caught if "reader's own warning" not in str(w.message)]
        if own:
            failures.append(f"{label}: warned {own[0].category.__name__}: {own[0].message}")
        if not isinstance(verdict, Feedback):
            failures.append(f"{label}: returned {type(verdict).__name__}, not Feedback")
            continue
        if verdict:
            failures.append(f"{label}: ACCEPTED ({verdict.message})")
        elif not (isinstance(verdict.message, str) and verdict.message.strip()):
            failures.append(f"{label}: no message")
        elif verdict.message.startswith(GUARD_PREFIX):
            failures.append(f"{label}: only the guard caught it ({verdict.message})")
        elif " at 0x" in verdict.message or "\n" in verdict.message:
            failures.append(f"{label}: a memory address or a line break ({verdict.message!r})")
    err = capfd.readouterr().err
    assert not failures, f"{check.__name__}:\n  " + "\n  ".join(failures)
    assert err == "", f"{check.__name__} wrote to stderr: {err[:500]}"


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_is_guarded(check):
    assert getattr(check, "guarded", False), f"{check.__name__} lacks @guarded"


def test_the_guard_turns_a_broken_check_into_a_message():
    @guarded
    def check_broken(answer):
        return {}["missing"]

    @guarded
    def check_wrong_type(answer):
        return True

    verdict = check_broken(1)
    assert not verdict and verdict.message.startswith(GUARD_PREFIX) and "KeyError" in verdict.message
    verdict = check_wrong_type(1)
    assert not verdict and verdict.message.startswith(GUARD_PREFIX) and "bool" in verdict.message


def test_the_fuzz_is_large():
    # the 528 wrong answers were 24 checks x 22 answers; this fuzz is larger
    assert len(CHECKS) >= 22
    assert len(ANSWERS) * len(CHECKS) >= 2500
