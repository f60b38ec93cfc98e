"""Bad arguments to the edge modules (continuous, data, widgets, quiz, shapes) get a
TypeError or ValueError that names the function, the argument and the value, and says
what is allowed: never NumPy's raw error, an AttributeError, or a silent answer."""
import math
import re

import numpy as np
import pytest

from convbook import continuous as C
from convbook import data, quiz, shapes, widgets
from convbook._args import shown

BOX = C.box()


def _render(**kw):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    plt.close(fig)
    return fig


CASES = [
    # continuous: the cases first
    (lambda: C.convolve(BOX, BOX, 0.0, window=3), TypeError,
     r"continuous.convolve: window must be a pair \(a, b\) of numbers, but got 3"),
    (lambda: C.convolve(BOX, BOX, 0.0, breaks="x"), TypeError,
     r"continuous.convolve: breaks must be a number or an array of real numbers, but got 'x'"),
    (lambda: C.gaussian(1, "a"), TypeError, r"gaussian: mean must be a real number, but got 'a'"),
    (lambda: C.closed_form(np.sin, np.cos), TypeError,
     r"closed_form: f must be one of this module's functions .*, but got <ufunc 'sin'>"),
    (lambda: C.closed_form(BOX, "box"), TypeError, r"closed_form: g must be .*, but got 'box'"),
    (lambda: C.convolve(BOX, BOX, 0.0, window=(0, "b")), TypeError,
     r"continuous.convolve: window must be a real number, but got 'b'"),
    (lambda: C.convolve(BOX, BOX, 0.0, window=(0, math.inf)), ValueError,
     r"continuous.convolve: window must be finite, but got window=inf"),
    (lambda: C.convolve(BOX, BOX, 0.0, window=(1, 1)), ValueError,
     r"continuous.convolve: window must be \(a, b\) with a < b, but got window=\(1, 1\)"),
    (lambda: C.convolve(BOX, BOX, 0.0, breaks=[0, math.nan]), ValueError,
     r"continuous.convolve: breaks must be finite, but got \[0, nan\]"),
    (lambda: C.convolve(BOX, BOX, [0.0, 1j]), TypeError,
     r"continuous.convolve: t must be a number or an array of real numbers, but got \[0.0, 1j\]"),
    (lambda: C.convolve(BOX, BOX, [[0.0], [1, 2]]), TypeError,
     r"continuous.convolve: t must be .*, but got \[\[0.0\], \[1, 2\]\]"),
    (lambda: C.convolve(BOX, BOX, math.nan), ValueError, r"continuous.convolve: t must be finite"),
    (lambda: C.convolve(BOX, BOX, "0"), TypeError, r"continuous.convolve: t must be .*'0'"),
    (lambda: C.convolve(BOX, BOX, 0.0, n=True), TypeError,
     r"continuous.convolve: n must be an int, but got True"),
    (lambda: C.convolve(BOX, BOX, 0.0, n=2.5), TypeError,
     r"continuous.convolve: n must be an int, but got 2.5"),
    (lambda: C.convolve(BOX, BOX, 0.0, n=1), ValueError, r"continuous.convolve: n must be >= 2"),
    (lambda: C.convolve(BOX, BOX, 0.0, rule=None), ValueError,
     r"continuous.convolve: rule must be one of .*'gauss'.*, but got rule=None"),
    (lambda: C.convolve(BOX, lambda x: "a", 0.0), TypeError,
     r"continuous.convolve: f and g must map an array of x to an array of real numbers"),
    (lambda: C.convolve(BOX, lambda x: x[:2], 0.0), TypeError,
     r"continuous.convolve: f and g must map .* of the same shape"),
    (lambda: C.convolve(BOX, "g", 0.0), TypeError,
     r"continuous.convolve: f and g must be callables .*, but got g='g' \(str\)"),
    (lambda: C.box(True), TypeError, r"box: width must be a positive number, but got True"),
    (lambda: C.box(10**400), ValueError,
     r"box: width must be positive and finite, but got width=an int with 401 digits"),
    (lambda: C.triangle(1j), TypeError, r"triangle: width must be a positive number, but got 1j"),
    (lambda: C.exponential(0), ValueError, r"exponential: rate must be positive and finite, but got rate=0"),
    (lambda: C.exponential(None), TypeError, r"exponential: rate must be a positive number, but got None"),
    (lambda: C.gaussian(math.nan), ValueError, r"gaussian: sigma must be positive and finite, but got sigma=nan"),
    (lambda: C.gaussian(1, math.inf), ValueError, r"gaussian: mean must be finite, but got mean=inf"),
    (lambda: C.observed_order("ab", [1, 2]), TypeError,
     r"observed_order: spacings must be a number or an array of real numbers, but got 'ab'"),
    (lambda: C.observed_order([0.1, 0.05], [1e-2, -1e-3]), ValueError,
     r"observed_order: spacings and errors must be positive .*errors=\[0.01, -0.001\]"),
    (lambda: C.observed_order([0.1, 0.05], [[1e-2, 1e-3]]), ValueError,
     r"observed_order: spacings and errors must be 1-D of one length >= 2, but got shapes \(2,\) and \(1, 2\)"),
    # data
    (lambda: data.photo(64, color="yes"), TypeError, r"photo: color must be True or False, but got 'yes'"),
    (lambda: data.photo(4), ValueError, r"photo: size must be >= 8, but got size=4"),
    (lambda: data.photo(1000), ValueError, r"photo: size must be at most 512 \(or None\), but got size=1000"),
    (lambda: data.photo(64.0), TypeError, r"photo: size must be an int, but got 64.0"),
    (lambda: data.photo(True), TypeError, r"photo: size must be an int, but got True"),
    (lambda: data.noisy_signal(1), ValueError, r"noisy_signal: n must be >= 2, but got n=1"),
    (lambda: data.noisy_signal(50, noise=-0.1), ValueError,
     r"noisy_signal: noise must be >= 0 and finite, but got noise=-0.1"),
    (lambda: data.noisy_signal(50, noise="big"), TypeError,
     r"noisy_signal: noise must be a real number, but got 'big'"),
    (lambda: data.noisy_signal(50, seed=1.5), TypeError, r"noisy_signal: seed must be an int, but got 1.5"),
    (lambda: data.noisy_signal(50, seed=-1), ValueError, r"noisy_signal: seed must be >= 0, but got seed=-1"),
    # widgets
    (lambda: widgets.frames(_render, "k", 3, alt="a"), TypeError,
     r"frames: values must be a sequence .*, but got 3"),
    (lambda: widgets.frames(_render, "k", "abc", alt="a"), TypeError,
     r"frames: values must be a sequence .*, but got 'abc'"),
    (lambda: widgets.frames(_render, "k", np.array([]), alt="a"), ValueError,
     r"frames: values must not be empty"),
    (lambda: widgets.frames("render", "k", [1], alt="a"), TypeError,
     r"frames: render must be a function, but got 'render' \(str\)"),
    (lambda: widgets.frames(_render, "not a name", [1], alt="a"), ValueError,
     r"frames: param must be the name of an argument of render, but got param='not a name'"),
    (lambda: widgets.frames(_render, 3, [1], alt="a"), TypeError,
     r"frames: param must be a non-empty string, but got 3"),
    (lambda: widgets.frames(_render, "k", [1], alt=""), TypeError,
     r"frames: alt must be a non-empty string, but got ''"),
    (lambda: widgets.frames(_render, "k", [1], alt="a", dpi=0), ValueError,
     r"frames: dpi must be >= 1, but got dpi=0"),
    (lambda: widgets.frames(_render, "k", [1], alt="a", fmt="{:d}{}"), ValueError,
     r"frames: fmt must format one value, like '\{\}' or '\{:.2f\}', but fmt='\{:d\}\{\}' gave IndexError"),
    (lambda: widgets.frames(_render, "k", [1], alt="a", k=2), ValueError,
     r"frames: 'k' is both the moving parameter and a fixed one"),
    (lambda: widgets.explore(42), TypeError, r"explore: render must be a function, but got 42"),
    (lambda: widgets.figure_png("fig"), TypeError,
     r"figure_png: fig must be a matplotlib Figure, but got 'fig'"),
    (lambda: widgets.FrameSlider([b"x"], [], name="n", alt="a"), ValueError,
     r"FrameSlider: need one label per frame and at least one frame, but got 1 frames and 0 labels"),
    (lambda: widgets.FrameSlider(["x"], ["a"], name="n", alt="a"), TypeError,
     r"FrameSlider: pngs must be PNG bytes, but got 'x'"),
    # quiz
    (lambda: quiz.numeric("q", True, hint="h"), TypeError, r"quiz.numeric: answer must be a real number, but got True"),
    (lambda: quiz.numeric("q", 10**400, hint="h"), ValueError,
     r"quiz.numeric: answer must be finite, but got answer=an int with 401 digits"),
    (lambda: quiz.numeric("q", 1, hint="h", tol="0.1"), TypeError,
     r"quiz.numeric: tol must be a real number, but got '0.1'"),
    (lambda: quiz.numeric("q", 1, hint="h", explain=None), TypeError,
     r"quiz.numeric: explain must be a string, but got None"),
    (lambda: quiz.numeric("", 1, hint="h"), TypeError, r"quiz.numeric: question must be a non-empty string"),
    (lambda: quiz.choice("q", "ab", 0, hint="h"), TypeError,
     r"quiz.choice: options must be a list of strings, but got 'ab'"),
    (lambda: quiz.choice("q", ["a", "b"], True, hint="h"), ValueError,
     r"quiz.choice: answer must be option indices in 0..1, but got True"),
    (lambda: quiz.choice("q", ["a", "b"], "0", hint="h"), TypeError,
     r"quiz.choice: answer must be an option index or a list of them, but got '0'"),
    (lambda: quiz.choice("q", ["a", "b"], 1.0, hint="h"), TypeError,
     r"quiz.choice: answer must be an option index or a list of them, but got 1.0"),
    (lambda: quiz.choice("q", ["a", "b"], [1, 1], hint="h"), ValueError,
     r"quiz.choice: answer must not repeat an index, but got \[1, 1\]"),
    (lambda: quiz.QuickCheck("essay", "q", 1, "h"), ValueError,
     r"QuickCheck: kind must be one of \{'numeric', 'choice'\}, but got kind='essay'"),
    # shapes
    (lambda: shapes.bar(5, "flat", (2, 2), 3), TypeError, r"bar: angle must be a real number, but got 'flat'"),
    (lambda: shapes.bar(5, 0, 2, 3), TypeError, r"bar: center must be a pair \(a, b\) of numbers, but got 2"),
    (lambda: shapes.bar(5, 0, (2, 2), "long"), TypeError, r"bar: length must be a real number, but got 'long'"),
    (lambda: shapes.bar(5, 0, (2, 2), 3, width=0), ValueError,
     r"bar: length and width must be positive, but got length=3, width=0"),
    (lambda: shapes.oriented_bars(4, polarity="yes"), TypeError,
     r"oriented_bars: polarity must be True or False, but got 'yes'"),
    (lambda: shapes.oriented_bars(4, length=(5,)), TypeError,
     r"oriented_bars: length must be a pair \(a, b\) of numbers, but got \(5,\)"),
    (lambda: shapes.oriented_bars(4, width=(3, 1)), ValueError,
     r"oriented_bars: width must be a range \(low, high\) with 0 < low <= high, but got width=\(3, 1\)"),
    (lambda: shapes.oriented_bars(4, background=-1), ValueError,
     r"oriented_bars: background must be >= 0 and finite, but got background=-1"),
    (lambda: shapes.oriented_bars(4, margin="x"), TypeError, r"oriented_bars: margin must be a real number, but got 'x'"),
    (lambda: shapes.oriented_bars(4, seed=None), TypeError, r"oriented_bars: seed must be an int, but got None"),
    (lambda: shapes.match_templates("abc", shapes.edge_kernels()), TypeError,
     r"match_templates: filters must be a number or an array of real numbers, but got 'abc'"),
    (lambda: shapes.match_templates(shapes.edge_kernels(), [[[1, 2]], [[3]]]), TypeError,
     r"match_templates: templates must be .*, but got \[\[\[1, 2\]\], \[\[3\]\]\]"),
    (lambda: C.convolve(BOX, BOX, 0.0, n=10**400), ValueError,
     r"continuous.convolve: n must be at most 1000, but got n=an int with 401 digits"),
    (lambda: shapes.bar(10**6, 0, (2, 2), 3), ValueError, r"bar: size must be at most 4096"),
    (lambda: widgets.frames(_render, "k", [1], alt="a", dpi=10**4), ValueError,
     r"frames: dpi must be at most 600, but got dpi=10000"),
]


@pytest.mark.parametrize("call, exc, match", CASES, ids=[c[2][:60] for c in CASES])
def test_bad_argument_gets_a_message_naming_function_argument_value(call, exc, match):
    with pytest.raises(exc) as info:
        call()
    assert info.type is exc, f"{info.type.__name__}: {info.value}"
    assert re.search(match, str(info.value)), f"message was: {info.value}"


def test_frames_takes_a_numpy_array_of_values():
    """The issue's case: a NumPy array of values used to fail with "truth value ... is
    ambiguous"."""
    slider = widgets.frames(_render, "k", np.array([1, 2, 3]), alt="a figure", dpi=10)
    assert slider.labels == ["1", "2", "3"] and len(slider.pngs) == 3


def test_the_valid_edges_still_work():
    # the same functions at the edges of what they allow
    assert C.convolve(BOX, BOX, 0.0, window=np.array([-1.0, 1.0])) == pytest.approx(1.0)
    assert C.convolve(BOX, BOX, 0.25, breaks=0.0) == pytest.approx(0.75)
    assert C.convolve(BOX, lambda x: 1.0, 0.0) == pytest.approx(1.0)  # a scalar g broadcasts
    assert C.gaussian(np.float32(2.0), np.int64(1)).params == {"sigma": 2.0, "mean": 1.0}
    assert C.convolve(BOX, BOX, 0.0, n=np.int64(8)) == pytest.approx(1.0)
    assert data.photo(8, color=np.True_).shape == (3, 8, 8)
    assert data.noisy_signal(2, noise=0)[0].shape == (2,)
    q = quiz.choice("q", ["a", "b", "c"], np.int64(2), hint="h")
    assert q.answer == (2,) and not q.multiple
    assert quiz.numeric("q", np.float32(0.5), hint="h", tol=0).judge("0.5")


@pytest.mark.parametrize("response", [True, 10**400, "x", None, {"a": 1}, 1j, object(),
                                      (i for i in [0])])
def test_judge_never_raises_and_never_accepts_nonsense(response):
    numeric = quiz.numeric("How many?", 1, hint="h")
    single = quiz.choice("Which?", ["a", "b"], 1, hint="h")
    several = quiz.choice("Which ones?", ["a", "b", "c"], [0, 2], hint="h")
    for q in (numeric, single, several):
        assert q.judge(response) is False


def test_shown_keeps_messages_short():
    assert shown(10**5000) == "an int with 5001 digits"
    assert len(shown("x" * 1000)) == 60
    assert shown(np.zeros(100)) == "an array of shape (100,)"


# ---------------------------------------------------------------- a fuzz of the arguments

class _Weird:
    def __array__(self, *a, **k):
        raise RuntimeError("no array")

    def __float__(self):
        raise RuntimeError("no float")

    def __len__(self):
        raise RuntimeError("no len")


GARBAGE = {
    "None": None, "True": True, "string": "x", "10**400": 10**400, "-10**400": -(10**400),
    "nan": math.nan, "inf": math.inf, "-1": -1, "complex": 1j, "dict": {"a": 1},
    "ragged": [[1, 2], [3]], "empty list": [], "object": object(), "weird": _Weird(),
    "generator": (i for i in range(2)), "bytes": b"ab", "2-D array": np.ones((2, 2)),
}

# (label, function, {argument: valid value}): each argument in turn gets each garbage
# value, the others stay valid
SIGNATURES = [
    ("continuous.convolve", lambda **a: C.convolve(**a),
     {"f": BOX, "g": BOX, "t": 0.0, "window": (-1.0, 1.0), "breaks": (), "rule": "gauss", "n": 8}),
    ("box", lambda **a: C.box(**a), {"width": 1.0}),
    ("triangle", lambda **a: C.triangle(**a), {"width": 1.0}),
    ("gaussian", lambda **a: C.gaussian(**a), {"sigma": 1.0, "mean": 0.0}),
    ("exponential", lambda **a: C.exponential(**a), {"rate": 1.0}),
    ("observed_order", lambda **a: C.observed_order(**a),
     {"spacings": [0.1, 0.05], "errors": [1e-2, 2.5e-3]}),
    ("photo", lambda **a: data.photo(**a), {"size": 8, "color": False}),
    ("noisy_signal", lambda **a: data.noisy_signal(**a), {"n": 10, "noise": 0.1, "seed": 0}),
    ("quiz.numeric", lambda **a: quiz.numeric(**a),
     {"question": "q", "answer": 1.0, "hint": "h", "explain": "", "tol": 0.0}),
    ("quiz.choice", lambda **a: quiz.choice(**a),
     {"question": "q", "options": ["a", "b"], "answer": 0, "hint": "h", "explain": ""}),
    ("bar", lambda **a: shapes.bar(**a),
     {"size": 5, "angle": 0.0, "center": (2, 2), "length": 3.0, "width": 1.0}),
    ("oriented_bars", lambda **a: shapes.oriented_bars(**a),
     {"n": 2, "size": 12, "noise": 0.1, "length": (5, 7), "width": (1.5, 2.5), "margin": 3.0,
      "polarity": False, "background": 0.0, "seed": 0}),
    ("match_templates", lambda **a: shapes.match_templates(**a),
     {"filters": np.ones((1, 3, 3)), "templates": np.ones((2, 3, 3))}),
    ("frames", lambda **a: widgets.frames(**a),
     {"render": _render, "param": "k", "values": [1], "alt": "a", "fmt": "{}", "dpi": 10}),
]

# garbage that is a valid value for that argument (nothing to report)
ALLOWED = {
    ("continuous.convolve", "t", "-1"), ("continuous.convolve", "t", "2-D array"),
    ("continuous.convolve", "t", "empty list"), ("continuous.convolve", "breaks", "-1"),
    ("continuous.convolve", "breaks", "empty list"), ("continuous.convolve", "breaks", "2-D array"),
    ("continuous.convolve", "window", "None"), ("gaussian", "mean", "-1"),
    ("photo", "size", "None"), ("quiz.numeric", "answer", "-1"), ("bar", "angle", "-1"),
    ("quiz.choice", "answer", "empty list"),  # refused below with its own message
    ("frames", "values", "2-D array"), ("frames", "values", "generator"),
    ("frames", "values", "ragged"), ("frames", "values", "bytes"),
    ("match_templates", "filters", "-1"), ("photo", "color", "True"),
    ("oriented_bars", "polarity", "True"), ("noisy_signal", "seed", "10**400"),
    ("oriented_bars", "seed", "10**400"), ("quiz.choice", "answer", "generator"),
}
# any non-blank string is a valid question, hint, explanation, parameter name, alt or fmt
ALLOWED |= {(label, arg, "string") for label, arg in (
    ("quiz.numeric", "question"), ("quiz.numeric", "hint"), ("quiz.numeric", "explain"),
    ("quiz.choice", "question"), ("quiz.choice", "hint"), ("quiz.choice", "explain"),
    ("frames", "param"), ("frames", "alt"), ("frames", "fmt"))}


def _fuzz_cases():
    for label, fn, valid in SIGNATURES:
        for arg in valid:
            for kind in GARBAGE:
                yield pytest.param(label, fn, valid, arg, kind, id=f"{label}-{arg}-{kind}")


@pytest.mark.parametrize("label, fn, valid, arg, kind", list(_fuzz_cases()))
def test_garbage_arguments_get_a_message_naming_the_function(label, fn, valid, arg, kind):
    value = GARBAGE[kind]
    if kind == "generator":
        value = (i for i in range(2))
    args = dict(valid, **{arg: value})
    try:
        fn(**args)
    except (TypeError, ValueError) as exc:
        message = str(exc)
        func = label.split(".")[-1] if label.startswith("quiz") is False else label
        assert message.startswith((label, func)), f"{type(exc).__name__}: {message}"
        return
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{label}({arg}={kind}) raised {type(exc).__name__}: {exc}")
    # no error: only where the value is allowed
    assert (label, arg, kind) in ALLOWED, f"{label}({arg}={kind}) accepted it silently"


def test_frames_of_different_sizes_share_one_size():
    """A render whose figure size changes with the parameter still gives frames of one
    size (centred on a common canvas), so the page does not jump as the slider moves."""
    import io

    import matplotlib.figure
    from PIL import Image

    from convbook.widgets import frames

    def render(w):
        fig = matplotlib.figure.Figure(figsize=(w, 1.5))
        fig.add_subplot().plot([0, 1], [0, w])
        return fig

    fs = frames(render, "w", [2, 3, 4], alt="lines", dpi=20)
    sizes = {Image.open(io.BytesIO(p)).size for p in fs.pngs}
    assert len(sizes) == 1, sizes
