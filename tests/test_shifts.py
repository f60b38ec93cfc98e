"""convbook.shifts, convbook.kernels, convbook.patterns: what a shift does to a pool."""
import numpy as np
import pytest

import convbook
from convbook import kernels as K
from convbook import patterns as P
from convbook import shifts as Z


def test_blur_pool_steps_are_the_layers():
    # MaxBlurPool = dense max pool (circular), then blur, then keep every stride-th
    x = np.random.default_rng(0).random((8, 8))
    z = np.pad(x, [(0, 1)] * 2, mode="wrap")
    dense = convbook.max_pool2d(z[None], 2, stride=1)[0]
    blurred = convbook.conv2d(np.pad(dense, 1, mode="wrap")[None, None],
                              K.blur_filter(3)[None, None])[0, 0]
    np.testing.assert_allclose(Z.blur_pool(x), blurred[::2, ::2])


def test_blur_pool_without_blur_is_a_strided_pool():
    x = np.random.default_rng(1).random(12)
    np.testing.assert_array_equal(Z.blur_pool(x, taps=1), Z.strided_pool(x))
    y = np.random.default_rng(2).random((6, 6))
    # the 2-tap box blur starts one pixel to the left (its centre is taps // 2 = 1)
    np.testing.assert_allclose(Z.blur_pool(y, kind="avg", taps=2),
                               Z.strided_pool(np.roll(y, 1, (0, 1)), 2, "avg"))


def test_the_period_four_example():
    x = np.array([0.0, 0.0, 1.0, 1.0] * 2)
    assert Z.strided_pool(x).tolist() == [0, 1, 0, 1]
    assert Z.strided_pool(Z.shift_right(x, 1)).tolist() == [1, 1, 1, 1]
    assert Z.fraction_unchanged(Z.strided_pool, x, 1) == 0.5
    assert Z.equivariance_error(Z.strided_pool, x, 2) == 0.0
    assert Z.equivariance_error(Z.blur_pool, x, 1) < Z.equivariance_error(Z.strided_pool, x, 1)


def test_filtered_is_shift_equivariant_with_circular_padding():
    rng = np.random.default_rng(3)
    x, k = rng.random((7, 9)), rng.normal(size=(3, 3))
    shifted = Z.filtered(np.roll(x, (2, 3), (0, 1)), k, "circular")
    np.testing.assert_allclose(shifted, np.roll(Z.filtered(x, k, "circular"), (2, 3), (0, 1)))
    np.testing.assert_allclose(Z.filtered(x, k), convbook.correlate(x, k, "same"))


def test_kernels_and_patterns():
    assert K.blur_filter(5).sum() == pytest.approx(1.0)
    g = K.gaussian_kernel(7, 1.2)
    assert g.sum() == pytest.approx(1.0) and np.array_equal(g, g.T) and g[3, 3] == g.max()
    assert K.parse_kernel("1, 0, -1\n2 0 -2\n1 0 -1").tolist()[1] == [2, 0, -2]
    z = P.zone_plate(64)
    assert z.shape == (64, 64) and 0 <= z.min() and z.max() <= 1
    for name in P.PATTERNS:
        p = P.explorer_pattern(name, 12)
        assert p.shape == (12, 12) and 0 <= p.min() and p.max() <= 1
    np.testing.assert_array_equal(P.explorer_pattern("noise"), P.explorer_pattern("noise"))


@pytest.mark.parametrize("call, error, match", [
    (lambda: Z.strided_pool(np.ones((2, 2, 2))), ValueError, r"strided_pool: x must be \(L,\)"),
    (lambda: Z.strided_pool([1, 2], kind="min"), ValueError, "strided_pool: kind must be"),
    (lambda: Z.blur_pool(np.ones(8), taps=4), ValueError, "blur_filter: taps must be one of"),
    (lambda: Z.blur_pool(np.ones(8), stride=0), ValueError, "blur_pool: stride must be >= 1"),
    (lambda: Z.blur_pool("abc"), TypeError, "blur_pool: x must be an array of numbers"),
    (lambda: Z.shift_right([1, 2], 0.5), TypeError, "shift_right: t must be an int"),
    (lambda: Z.fraction_unchanged(3, [1, 2], 1), TypeError, "pool must be a function"),
    (lambda: Z.equivariance_error(Z.strided_pool, [1, 2], 1, 0), ValueError, "stride must"),
    (lambda: Z.filtered(np.ones((4, 4)), np.ones((2, 2))), ValueError, "odd sides"),
    (lambda: K.gaussian_kernel(4, 1.0), ValueError, "gaussian_kernel: size must be odd"),
    (lambda: K.gaussian_kernel(5, 0), ValueError, "sigma must be a positive number"),
    (lambda: K.parse_kernel("1 2; 3 x"), ValueError, "'x' is not a number"),
    (lambda: K.parse_kernel(5), TypeError, "text must be a string"),
    (lambda: P.explorer_pattern("blobs"), ValueError, "explorer_pattern: name must be one of"),
    (lambda: P.zone_plate(0), ValueError, "zone_plate: n must be >= 1"),
])
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()


# ----------------------------------------------------------- the normalised error
def test_shift_by_whole_pixels_is_roll_and_fractions_compose():
    x = np.random.default_rng(4).random((3, 10))
    for u in (-3, 0, 1, 7):
        np.testing.assert_array_equal(Z.shift_by(x, u), np.roll(x, u, axis=-1))
    # two half-pixel moves make one pixel (odd length: no Nyquist term)
    y = np.random.default_rng(5).random(9)
    np.testing.assert_allclose(Z.shift_by(Z.shift_by(y, 0.5), 0.5), np.roll(y, 1))
    np.testing.assert_allclose(Z.shift_by(y, 2.25), Z.shift_by(np.roll(y, 2), 0.25))
    # a band-limited cosine moves exactly
    n = np.arange(16)
    np.testing.assert_allclose(Z.shift_by(np.cos(2 * np.pi * 3 * n / 16), 0.3),
                               np.cos(2 * np.pi * 3 * (n - 0.3) / 16), atol=1e-12)


def test_ideal_downsample_is_exactly_equivariant_for_every_shift():
    x = np.random.default_rng(6).random((16, 24))
    for t in range(6):
        assert Z.equivariance_error(Z.ideal_downsample, x, t) < 1e-12
    # ... while whole-pixel references penalise it at odd shifts
    assert Z.equivariance_error(Z.ideal_downsample, x, 1, reference="nearest") > 0.5
    # nothing folds: its output's spectrum is the input's, cut and halved
    y = np.random.default_rng(7).random(32)
    got = np.fft.fft(Z.ideal_downsample(y))
    want = np.fft.fft(y) / 2
    keep = np.r_[0:8, 25:32]                    # |k| < 8; bin 8 (Nyquist) empty
    np.testing.assert_allclose(got[np.r_[0:8, 9:16]], want[keep], atol=1e-12)
    assert abs(got[8]) < 1e-12


def test_equivariance_error_is_scale_free():
    # the flaw it replaces: shrinking a pool's output lowered the old error
    x = np.random.default_rng(8).random((32, 32))
    for t in (1, 3):
        base = Z.equivariance_error(Z.strided_pool, x, t)
        small = Z.equivariance_error(lambda z: 0.01 * Z.strided_pool(z) + 5, x, t)
        assert small == pytest.approx(base, rel=1e-9)


def test_equivariance_error_on_noise_ranks_the_pools():
    x = np.random.default_rng(1).random((64, 64))
    pools = [Z.strided_pool, lambda z: Z.blur_pool(z, taps=3),
             lambda z: Z.blur_pool(z, taps=5)]
    near = [Z.equivariance_error(p, x, 1, reference="nearest") for p in pools]
    frac = [Z.equivariance_error(p, x, 1) for p in pools]
    assert np.round(near, 2).tolist() == [0.91, 0.68, 0.57]
    assert near[0] > near[1] > near[2] and frac[0] > frac[1] > frac[2]
    avg = Z.equivariance_error(lambda z: Z.strided_pool(z, 2, "avg"), x, 1,
                               reference="nearest")
    assert round(avg, 2) == 0.98
    for p in pools:                             # even shifts: exact
        assert Z.equivariance_error(p, x, 2) < 1e-12


def test_spread_is_the_mean_absolute_deviation():
    assert Z.spread([1.0, 2.0, 3.0, 6.0]) == pytest.approx((2 + 1 + 0 + 3) / 4)


@pytest.mark.parametrize("call, error, match", [
    (lambda: Z.shift_by([1.0, 2.0], "a"), TypeError, "shift_by: u must be a real"),
    (lambda: Z.shift_by([1.0, 2.0], np.inf), ValueError, "shift_by: u must be finite"),
    (lambda: Z.ideal_downsample(np.ones(7)), ValueError, "multiple of stride=2"),
    (lambda: Z.equivariance_error(Z.strided_pool, np.ones(8), 1), ValueError,
     "pool\\(x\\) is constant"),
    (lambda: Z.equivariance_error(Z.strided_pool, np.arange(8.0), 1,
                                  reference="whole"), ValueError, "reference must be"),
    (lambda: Z.equivariance_error(lambda z: z.sum(), np.arange(8.0), 1), ValueError,
     "pool must return"),
    (lambda: Z.equivariance_error(lambda z: "ab", np.arange(8.0), 1), TypeError,
     "pool must return an array of numbers, but returned str"),
    (lambda: Z.equivariance_error(Z.strided_pool, [], 1), ValueError,
     "equivariance_error: x must not be empty"),
    (lambda: Z.shift_by([], 0.5), ValueError, "shift_by: x must not be empty"),
    (lambda: Z.ideal_downsample([]), ValueError, "ideal_downsample: x must not be empty"),
    (lambda: Z.fraction_unchanged(Z.strided_pool, "abc", 1), TypeError,
     "fraction_unchanged: x must be an array of numbers"),
    (lambda: Z.spread("abc"), TypeError, "spread: y must be an array of numbers, but got str"),
    (lambda: Z.spread(None), TypeError, "spread: y must be an array of numbers"),
    (lambda: Z.spread([]), ValueError, "spread: y must not be empty"),
])
def test_bad_input_to_the_measure_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
