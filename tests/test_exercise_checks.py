"""Every chapter's self-checks: a wrong, broken or nonsensical answer gets a verdict, never a
traceback, and is never accepted."""
import importlib
import inspect
import pkgutil

import numpy as np
import pytest

import convbook.exercises as exercises


def _checks():
    for info in pkgutil.iter_modules(exercises.__path__):
        mod = importlib.import_module(f"convbook.exercises.{info.name}")
        for name, fn in sorted(vars(mod).items()):
            if name.startswith("check") and inspect.isfunction(fn) and fn.__module__ == mod.__name__:
                yield pytest.param(fn, id=f"{info.name}.{name}")


BAD_ANSWERS = {
    "None": None,
    "a number": 42,
    "a string": "junk",
    "a ragged list": [[1, 2], [3]],
    "an array": np.zeros(3),
    "a function returning a string": lambda *a, **k: "junk",
    "a function returning None": lambda *a, **k: None,
    "a function that raises": lambda *a, **k: 1 / 0,
    "a function returning the wrong shape": lambda *a, **k: np.zeros((2, 2)),
}


@pytest.mark.parametrize("check", list(_checks()))
@pytest.mark.parametrize("label", list(BAD_ANSWERS))
def test_check_never_crashes_and_never_accepts_nonsense(check, label):
    required = [p for p in inspect.signature(check).parameters.values() if p.default is p.empty]
    verdict = check(*[BAD_ANSWERS[label]] * max(len(required), 1))
    assert not bool(verdict), f"{check.__name__} accepted {label}"
    message = getattr(verdict, "message", "")
    assert isinstance(message, str) and message, f"{check.__name__} gave no message for {label}"
