"""Tests of the pooling chapter's measures, figures and exercise checks."""
import numpy as np
import pytest

import convbook
from convbook.exercises import pooling as ex
from convbook.plot import pooling as pp


def _torch():
    """torch for the agreement test only: the rest runs without it."""
    torch = pytest.importorskip("torch")
    torch.set_num_threads(1)
    return torch


def test_shift_right_is_circular():
    assert np.array_equal(pp.shift_right(np.arange(4), 1), [3, 0, 1, 2])
    x = np.arange(6).reshape(2, 3)
    assert np.array_equal(pp.shift_right(x, 3), x)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("shape", [(8,), (6, 8)])
def test_strided_pool_matches_torch(kind, shape):
    x = np.random.default_rng(0).random(shape)
    torch = _torch()
    fn = {"max": torch.nn.functional.max_pool1d if len(shape) == 1 else torch.nn.functional.max_pool2d,
          "avg": torch.nn.functional.avg_pool1d if len(shape) == 1 else torch.nn.functional.avg_pool2d}[kind]
    want = fn(torch.tensor(x)[None], 2)[0].numpy()
    assert np.allclose(pp.strided_pool(x, 2, kind), want)


def test_strided_pool_rejects_bad_kind():
    with pytest.raises(ValueError, match="kind"):
        pp.strided_pool(np.zeros(4), 2, "min")


def test_fraction_unchanged_matches_the_noise_formula():
    """For i.i.d. continuous noise the expected fraction is (k - t) / (k + t)."""
    u = np.random.default_rng(1).random((240, 240))
    for k in (2, 3, 4):
        for t in range(6):
            got = pp.fraction_unchanged(lambda z: pp.strided_pool(z, k), u, t)
            assert abs(got - max(k - t, 0) / (k + t)) < 0.03, (k, t, got)


def test_fraction_unchanged_global_average_is_one():
    x = np.random.default_rng(2).random((9, 7))
    for t in range(8):
        assert pp.fraction_unchanged(lambda z: np.array([z.mean()]), x, t, atol=1e-12) == 1.0


def test_blur_pool_without_blur_is_strided_max_pool():
    x = np.random.default_rng(3).random((8, 10))
    assert np.allclose(pp.blur_pool(x, taps=1), convbook.max_pool2d(x[None], 2)[0])
    assert np.allclose(pp.blur_pool(x[0], taps=1), convbook.max_pool1d(x[:1], 2)[0])


def test_blur_pool_avg_with_box_blur_is_avg_pool():
    x = np.random.default_rng(4).random((8, 8))
    # blur [1, 1] / 2 with its window on the previous sample, then subsample: shifted avg pool
    got = pp.blur_pool(x, kind="avg", taps=2)
    want = convbook.avg_pool2d(np.roll(x, (1, 1), axis=(0, 1))[None], 2)[0]
    assert np.allclose(got, want)


def test_blur_pool_zhang_example_and_errors():
    x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    assert np.allclose(pp.blur_pool(x), [0.5, 1, 0.5, 1])
    assert np.allclose(pp.blur_pool(np.roll(x, 1)), [0.75] * 4)
    with pytest.raises(ValueError, match="taps"):
        pp.blur_filter(4)
    with pytest.raises(ValueError, match="kind"):
        pp.blur_pool(x, kind="min")
    with pytest.raises(ValueError, match="shape"):
        pp.blur_pool(np.zeros((2, 2, 2)))


def test_blur_filter_sums_to_one():
    for taps in pp.BLUR_FILTERS:
        assert np.isclose(pp.blur_filter(taps).sum(), 1.0)


def test_equivariance_error_zero_at_multiples_of_the_stride():
    x = np.random.default_rng(5).random((16, 16))
    for t in (0, 2, 4, 6):
        assert pp.equivariance_error(pp.strided_pool, x, t) == 0.0
        assert pp.equivariance_error(pp.blur_pool, x, t) < 1e-12
    assert pp.equivariance_error(pp.strided_pool, x, 1) > pp.equivariance_error(pp.blur_pool, x, 1)


def test_receptive_fields():
    assert pp.receptive_fields([(3, 1), (2, 2), (3, 1)]) == [3, 4, 8]


def test_explorer_pattern():
    assert pp.explorer_pattern("noise").shape == (24, 24)
    assert np.array_equal(pp.explorer_pattern("stripes")[0, :8], [0, 0, 1, 1, 0, 0, 1, 1])
    with pytest.raises(ValueError, match="name"):
        pp.explorer_pattern("zebra")


@pytest.mark.parametrize("make", [
    lambda: pp.pool_example(np.arange(9.0).reshape(3, 3)),
    lambda: pp.pool_example(np.arange(16.0).reshape(4, 4), 3, 2, padding=1, window=(1, 1)),
    lambda: pp.invariance_curves({"a": [1, 0.5]}, [0, 1], expected={"a": [1, 0.4]}),
    lambda: pp.aliasing_1d(np.array([0.0, 0, 1, 1, 0, 0, 1, 1])),
    lambda: pp.aliasing_curves({"a": [0, 0.1]}, [0, 1]),
    lambda: pp.receptive_field_growth({"a": [(3, 1), (2, 2)]}),
    lambda: pp.shift_explorer(1, 2, "blob"),
])
def test_figures_draw(make):
    from matplotlib.figure import Figure
    fig = make()
    assert isinstance(fig, Figure) and fig.axes
    fig.canvas.draw()


# --- exercise checks: right answers pass, wrong answers get a message, nothing raises ---

def test_check_avg_pool_as_conv():
    def right(x, k):
        c = x.shape[0]
        w = np.ones((c, 1, k, k)) / k ** 2
        return convbook.conv2d(x, w, stride=k, groups=c)
    assert ex.check_avg_pool_as_conv(right)
    wrong = ex.check_avg_pool_as_conv(lambda x, k: convbook.conv2d(x, np.ones((1, x.shape[0], k, k)) / k**2, stride=k))
    assert not wrong and "shape" in wrong.message and "groups" in wrong.message
    assert "NotImplementedError" in ex.check_avg_pool_as_conv(lambda x, k: (_ for _ in ()).throw(NotImplementedError)).message


def test_check_min_pool():
    assert ex.check_min_pool(lambda x, k, stride=None: -convbook.max_pool2d(-x, k, stride))
    assert not ex.check_min_pool(lambda x, k, stride=None: convbook.max_pool2d(x, k, stride))
    fb = ex.check_min_pool(lambda x, k, stride=None: 1 / 0)
    assert not fb and "ZeroDivisionError" in fb.message


def test_check_l2_pool():
    assert ex.check_l2_pool(lambda x, k: np.sqrt(k * k * convbook.avg_pool2d(x ** 2, k)))
    assert not ex.check_l2_pool(lambda x, k: np.sqrt(convbook.avg_pool2d(x ** 2, k)))
    assert not ex.check_l2_pool(lambda x, k: None)


def test_check_max_blur_pool():
    def right(x):
        m = np.maximum(x, np.roll(x, -1))
        b = (np.roll(m, 1) + 2 * m + np.roll(m, -1)) / 4
        return b[::2]
    assert ex.check_max_blur_pool(right)
    fb = ex.check_max_blur_pool(lambda x: np.maximum(x, np.roll(x, -1))[::2])
    assert not fb and "differs" in fb.message
    assert not ex.check_max_blur_pool(lambda x: x)
