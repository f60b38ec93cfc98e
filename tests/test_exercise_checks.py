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


# The cases the review found, each pinned to its message (the fuzz in
# test_exercise_fuzz.py covers every check with many more).
from convbook.exercises import channels, continuous, padding, why  # noqa: E402


def test_a_ragged_list_is_called_ragged():
    for check in (continuous.check_dice_pmf, channels.check_conv1d_by_hand,
                  channels.check_conv2d_as_matmul):
        verdict = check(lambda *a, **k: [[1, 2], [3]])
        assert not verdict and "ragged" in verdict.message, verdict.message


def test_a_bool_is_not_an_output_padding():
    verdict = padding.check_output_padding(lambda n, k, s, p: True)
    assert not verdict
    assert verdict.message.endswith("returned a bool (True); output_padding is an int")


def test_a_huge_int_gets_a_message_not_an_overflow():
    verdict = continuous.check_dice_pmf(lambda n: [10**400] * (5 * n + 1))
    assert not verdict and "too large for a float" in verdict.message
    verdict = why.check_local_weights(lambda s, c, m, k: 10**400)
    assert not verdict and "an int with 401 digits, too large for a float" in verdict.message
    verdict = padding.check_output_size(lambda *a: 10**400)
    assert not verdict and "returned an int with 401 digits, expected 2" in verdict.message


def test_a_complex_answer_gets_a_message_and_no_warning():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        verdict = continuous.check_dice_pmf(lambda n: np.ones(5 * n + 1) * 1j)
    assert not verdict and "complex values" in verdict.message


def test_nan_and_tensors_and_generators_are_named():
    verdict = continuous.check_dice_pmf(lambda n: np.full(5 * n + 1, np.nan))
    assert not verdict and "got nan" in verdict.message
    verdict = continuous.check_dice_pmf(lambda n: (i for i in range(n)))
    assert verdict.message.endswith("should be an array of numbers, but got a generator: build "
                                    "a list or array from it")
    verdict = continuous.check_dice_pmf(lambda n: {"sum": n})
    assert verdict.message.endswith("should be an array of numbers, but got a dict")
