"""Chapter 3's figures and self-checks: the pure helpers are exact, the figures draw, the
checks accept the right answer, name the wrong ones, and never raise."""
import warnings

import numpy as np
import pytest

import convbook
from convbook import data
from convbook.exercises import correlation as ex
from convbook.plot import correlation as fig


def windows_seen(n, k, mode):
    """For each output of correlate(x, kernel, mode), the first input index it touches,
    found by feeding one-hot inputs (so the figure is checked against the computation)."""
    kern = 2.0 ** np.arange(k)  # distinct weights reveal the offset inside the window
    starts = {}
    for j in range(n):
        e = np.zeros(n)
        e[j] = 1
        out = convbook.correlate(e, kern, mode)
        for i, v in enumerate(out):
            if v:
                starts[i] = j - int(np.log2(v))
    return [starts.get(i) for i in range(len(convbook.correlate(np.ones(n), kern, mode)))]


@pytest.mark.parametrize("n", [1, 2, 5, 8])
@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_window_starts_match_convbook(n, k, mode):
    if mode == "valid" and k > n:
        return
    seen = windows_seen(n, k, mode)
    expected = fig.window_starts(n, k, mode)
    assert len(seen) == len(expected)
    # outputs whose window holds no input sample show nothing; all others must agree
    assert all(s is None or s == e for s, e in zip(seen, expected))


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6])
def test_window_starts_torch_same(k):
    torch = pytest.importorskip("torch")
    n = 7
    x = torch.arange(1.0, n + 1, dtype=torch.float64)[None, None]
    kern = torch.zeros(1, 1, k, dtype=torch.float64)
    kern[0, 0, 0] = 1.0  # picks the first sample of each window
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns about even kernels with padding="same"
        out = torch.nn.functional.conv1d(x, kern, padding="same")[0, 0].numpy()
    starts = fig.window_starts(n, k, "same", "torch")
    assert [int(v) - 1 if v else None for v in out] == [s if s >= 0 else None for s in starts]
    assert np.array_equal(out, convbook.conv1d(x.numpy(), kern.numpy(), padding="same")[0, 0])


def test_same_conventions_differ_only_for_even_kernels():
    for k in range(1, 8):
        same = fig.window_starts(6, k, "same") == fig.window_starts(6, k, "same", "torch")
        assert same == (k % 2 == 1)


def test_window_starts_errors():
    with pytest.raises(ValueError, match="mode must be one of"):
        fig.window_starts(5, 3, "half")
    with pytest.raises(ValueError, match="convention"):
        fig.window_starts(5, 3, "same", "numpy")


def test_parse_kernel():
    k = fig.parse_kernel("1, 0, -1\n2 0 -2; 1 0 -1")
    assert np.array_equal(k, [[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    assert np.isclose(fig.parse_kernel("1/16 1/8 1/16; 1/8 1/4 1/8; 1/16 1/8 1/16").sum(), 1)
    with pytest.raises(ValueError, match="need 3 rows of 3 numbers"):
        fig.parse_kernel("1 2 3; 4 5 6")
    with pytest.raises(ValueError, match="'x' is not a number"):
        fig.parse_kernel("1 2 3; 4 x 6; 7 8 9")
    with pytest.raises(ValueError, match="is not a number"):
        fig.parse_kernel("1 2 3; 4 1/0 6; 7 8 9")
    with pytest.raises(TypeError, match="must be a string"):
        fig.parse_kernel(3)


def test_step_arithmetic_sums_to_the_output():
    rng = np.random.default_rng(0)
    x = rng.integers(-5, 6, (5, 6))
    k = rng.integers(-3, 4, (3, 2))
    corr = convbook.correlate(x, k, "valid")
    conv = convbook.convolve(x, k, "valid")
    for step in range(corr.size):
        text, value = fig.step_arithmetic(x, k, step)
        assert value == corr.flat[step] and text.endswith(f"= {value:g}")
        assert text.count("·") == k.size
        assert fig.step_arithmetic(x, k, step, flip=True)[1] == conv.flat[step]


def texts_overlap(figure):
    """Pairs of title/label texts whose boxes overlap once drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    r = canvas.get_renderer()
    boxes = []
    for ax in figure.get_axes():
        for t in (ax.title, ax.xaxis.label, ax.yaxis.label):
            if t.get_text():
                boxes.append(t.get_window_extent(r))
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


PHOTO = data.photo(32)
SMALL = np.arange(25).reshape(5, 5) % 7
KERN = np.array([[1, 2, 0], [0, 1, 0], [0, 0, -1]])
PRESETS = {"Sobel x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], "box": np.ones((3, 3)) / 9}


@pytest.mark.parametrize("make", [
    lambda: fig.side_by_side(np.arange(1, 17).reshape(4, 4), KERN),
    lambda: fig.side_by_side(np.arange(1, 17).reshape(4, 4), KERN, "full"),
    lambda: fig.grid_row([KERN, np.flip(KERN)], ["k", "flipped"]),
    lambda: fig.output_sizes(5, 3),
    lambda: fig.same_conventions(5, 4),
    lambda: fig.filter_gallery(PHOTO, [("Sobel x", PRESETS["Sobel x"], 1), ("box", np.ones((3, 3)), 1 / 9)]),
    lambda: fig.moving_averages(*data.noisy_signal(50)),
    lambda: fig.sliding_window(0, SMALL, KERN),
    lambda: fig.sliding_window(8, SMALL, KERN),
    lambda: fig.kernel_explorer(PHOTO, "Sobel x", presets=PRESETS),
    lambda: fig.kernel_explorer(PHOTO, "box", presets=PRESETS),
    lambda: fig.kernel_explorer(PHOTO, "box", "0 0 0; 0 1 0; 0 0 0", presets=PRESETS),
    lambda: fig.timings({"a": {"loops": 1.0, "direct": 0.01}, "b": {"loops": 2.0, "direct": 0.02}}),
])
def test_figures_draw_without_overlapping_titles(make):
    f = make()
    assert f.get_axes()
    assert not texts_overlap(f)


def test_kernel_explorer_reports_a_bad_kernel_in_the_figure():
    f = fig.kernel_explorer(PHOTO, "box", "1 2; 3", presets=PRESETS)
    assert "need 3 rows" in " ".join(t.get_text() for t in f.texts)
    f = fig.kernel_explorer(PHOTO, "nope", presets=PRESETS)
    assert f.texts


def test_sliding_window_rejects_bad_step():
    with pytest.raises(ValueError, match="step must be in 0..8"):
        fig.sliding_window(9, SMALL, KERN)


def test_figures_do_not_mutate_inputs():
    x = SMALL.copy()
    k = KERN.copy()
    fig.side_by_side(x, k)
    fig.sliding_window(3, x, k)
    assert np.array_equal(x, SMALL) and np.array_equal(k, KERN)


# --- the exercise checks ------------------------------------------------------------------

def reference_true_convolution(x, k):
    torch = pytest.importorskip("torch")
    w = torch.tensor(np.flip(k).copy())[None, None]
    kh, kw = k.shape
    out = torch.nn.functional.conv2d(torch.tensor(x)[None, None], w, padding=(kh - 1, kw - 1))
    return out[0, 0].numpy()


def not_done(*args):
    raise NotImplementedError


def test_check_true_convolution():
    assert ex.check_true_convolution(reference_true_convolution)
    assert ex.check_true_convolution(lambda x, k: convbook.conv2d(
        x[None, None], np.flip(k)[None, None], padding=(k.shape[0] - 1, k.shape[1] - 1))[0, 0])
    cases = {
        "not done yet": lambda x, k: None,
        "NotImplementedError": not_done,
        "raised ZeroDivisionError": lambda x, k: 1 / 0,
        "cross-correlation, not the convolution": lambda x, k: convbook.correlate(x, k),
        "'valid' shape": lambda x, k: convbook.convolve(x, k, "valid"),
        "one axis only": lambda x, k: convbook.correlate(x, np.flip(k, 1)),
        "has shape": lambda x, k: np.zeros((2, 2)),
        "differs": lambda x, k: convbook.convolve(x, k) + (np.arange(35).reshape(5, 7) == 10),
        "array of numbers": lambda x, k: "hello",
    }
    for words, fn in cases.items():
        verdict = ex.check_true_convolution(fn)
        assert not verdict and words in verdict.message, (words, verdict.message)


def test_check_moving_average():
    assert ex.check_moving_average(lambda x, w: convbook.correlate(x, np.ones(w) / w, "same"))
    assert ex.check_moving_average(lambda x, w: np.convolve(x, np.ones(w) / w, "same"))
    cases = {
        "not done yet": lambda x, w: None,
        "'valid' length": lambda x, w: np.convolve(x, np.ones(w) / w, "valid"),
        "times too large": lambda x, w: np.convolve(x, np.ones(w), "same"),
        "border": lambda x, w: np.pad(np.convolve(x, np.ones(w) / w, "valid"), w // 2, mode="edge"),
        "raised": lambda x, w: x + "a",
        "differs": lambda x, w: x,
    }
    for words, fn in cases.items():
        verdict = ex.check_moving_average(fn)
        assert not verdict and words in verdict.message, (words, verdict.message)


def test_checks_do_not_mutate_their_data():
    before = ex._X.copy()

    def vandal(x, k):
        x[:] = 0
        return x

    ex.check_true_convolution(vandal)
    assert np.array_equal(ex._X, before)
