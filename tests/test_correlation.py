"""Chapter 3's figures, self-checks and theorems: the pure helpers are exact, the figures
draw, the checks accept the right answer, name the wrong ones, and never raise; the
identities the chapter proves (regrouping, the backward pass, separability, circular
padding) hold exactly on random arrays."""
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


def test_kernel_explorer_scales_grey_to_the_kernels_sum():
    """A kernel summing to s > 0 is drawn in grey on [0, s] (not clipped at 1); a
    zero-sum kernel gives maps centred on zero."""
    lopsided = np.array([[1.0, 2, 0], [0, 1, 0], [0, 0, -1]])     # sums to 3
    f = fig.kernel_explorer(PHOTO, "k", presets={"k": lopsided})
    assert [ax.get_images()[0].get_clim() for ax in f.get_axes()[1:3]] == [(0, 3)] * 2
    f = fig.kernel_explorer(PHOTO, "Sobel x", presets=PRESETS)
    lo, hi = f.get_axes()[1].get_images()[0].get_clim()
    assert lo == -hi < 0


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


# --- the chapter's theorems, on random integer arrays (exact) ------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra.numpy import arrays  # noqa: E402


def int_arrays(ndim, max_side=6):
    side = st.integers(1, max_side)
    return arrays(np.int64, st.tuples(*[side] * ndim), elements=st.integers(-9, 9))


@given(st.data(), st.sampled_from([1, 2]))
def test_regrouping_correlations(data, ndim):
    """(x ⋆ k1) ⋆ k2 == x ⋆ (k1 * k2) and x ⋆ (k1 ⋆ k2) == (x ⋆ k1) * k2, full mode."""
    x, k1, k2 = (data.draw(int_arrays(ndim)) for _ in range(3))
    corr, conv = convbook.correlate, convbook.convolve
    assert np.array_equal(corr(corr(x, k1), k2), corr(x, conv(k1, k2)))
    assert np.array_equal(corr(x, corr(k1, k2)), conv(corr(x, k1), k2))


def test_regrouping_fails_for_the_same_operation():
    a, b, c = np.array([1, 2, 3]), np.array([1, -1]), np.array([2, 1])
    corr = convbook.correlate
    assert np.array_equal(corr(corr(a, b), c), [-1, -3, -3, 1, 6])
    assert np.array_equal(corr(a, corr(b, c)), [-2, -3, -3, 5, 3])


@given(st.data(), st.sampled_from([1, 2]))
def test_backward_of_valid_correlation_is_full_convolution(data, ndim):
    """<x ⋆ k (valid), g> == <x, g * k (full)>: the adjoint of a valid correlation."""
    k = data.draw(int_arrays(ndim, 4))
    extra = data.draw(st.tuples(*[st.integers(0, 4)] * ndim))
    shape = tuple(a + b for a, b in zip(k.shape, extra))
    x = data.draw(arrays(np.int64, shape, elements=st.integers(-9, 9)))
    y = convbook.correlate(x, k, "valid")
    g = data.draw(arrays(np.int64, y.shape, elements=st.integers(-9, 9)))
    back = convbook.convolve(g, k, "full")
    assert back.shape == x.shape
    assert int(np.sum(y * g)) == int(np.sum(x * back))


@pytest.mark.parametrize("K", [1, 2, 3, 4, 5])
def test_backward_of_same_correlation(K):
    """The transpose of correlate(., k, "same") is convolve(., k, "same") for odd k only;
    for even k it is the full convolution cropped one place further right."""
    n = 7
    k = np.arange(1, K + 1)
    T = np.stack([convbook.correlate(e, k, "same") for e in np.eye(n, dtype=int)], axis=1)
    g = np.arange(1, n + 1) ** 2
    start = K - 1 - (K - 1) // 2
    assert np.array_equal(T.T @ g, convbook.convolve(g, k, "full")[start:start + n])
    assert np.array_equal(T.T @ g, convbook.convolve(g, k, "same")) == (K % 2 == 1)


def test_stacked_same_layers_differ_only_on_the_outer_ring():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(9, 10))
    k1, k2 = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))

    def layer(a, k, padding):
        return convbook.conv2d(a[None, None], k[None, None], padding=padding)[0, 0]

    assert np.allclose(layer(layer(x, k1, 0), k2, 0), layer(x, convbook.convolve(k1, k2), 0))
    differs = ~np.isclose(layer(layer(x, k1, "same"), k2, "same"),
                          layer(x, convbook.convolve(k1, k2), "same"))
    ring = np.ones(x.shape, bool)
    ring[1:-1, 1:-1] = False
    assert np.array_equal(differs, ring)


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_separable_kernel_is_two_passes(mode):
    rng = np.random.default_rng(4)
    x = rng.integers(-9, 10, size=(8, 9))
    for u, v in (([1, 2, 1], [-1, 0, 1]), ([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]), ([1, 1], [2, -1])):
        u, v = np.array(u), np.array(v)
        two = convbook.correlate(convbook.correlate(x, u[:, None], mode), v[None, :], mode)
        assert np.array_equal(two, convbook.correlate(x, np.outer(u, v), mode))


def test_circular_padding_keeps_a_unit_sum_kernels_mean():
    rng = np.random.default_rng(5)
    x = rng.random((12, 11))
    k = rng.random((5, 3))
    k /= k.sum()
    for mode, exact in (("circular", True), ("zeros", False)):
        out = convbook.conv2d(x[None, None], k[None, None], padding="same", padding_mode=mode)
        assert np.isclose(out.mean(), x.mean(), rtol=1e-12, atol=0) == exact
