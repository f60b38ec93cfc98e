"""convbook.convolve / correlate: worked cases, agreement with numpy and scipy, identities."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import convbook

scipy_signal = pytest.importorskip("scipy.signal")
METHODS = ["direct", "fft", "loops", "auto"]
MODES = ["full", "same", "valid"]


# --- exact cases worked by hand (the ones chapter 3 shows) ----------------------------

def test_worked_1d_full_convolution():
    # (1,2,3) * (0,1,0.5): element 2 is 1*0.5 + 2*1 + 3*0 = 2.5
    np.testing.assert_array_equal(convbook.convolve([1, 2, 3], [0, 1, 0.5]), [0, 1, 2.5, 4, 1.5])


def test_worked_1d_correlation_difference():
    np.testing.assert_array_equal(convbook.correlate([1, 2, 4, 7], [1, -1], "valid"), [-1, -2, -3])


def test_worked_2d_d2l_example():
    x = np.arange(9).reshape(3, 3)
    k = np.array([[0, 1], [2, 3]])
    np.testing.assert_array_equal(convbook.correlate(x, k, "valid"), [[19, 25], [37, 43]])
    # convolution rotates the kernel by 180 degrees: [[3,2],[1,0]] slides instead
    np.testing.assert_array_equal(convbook.convolve(x, k, "valid"), [[5, 11], [23, 29]])


def test_output_sizes_of_the_three_modes():
    x, k = np.ones(10), np.ones(3)
    assert convbook.convolve(x, k, "full").shape == (12,)
    assert convbook.convolve(x, k, "same").shape == (10,)
    assert convbook.convolve(x, k, "valid").shape == (8,)


@pytest.mark.parametrize("method", ["direct", "loops"])
def test_integers_stay_exact(method):
    out = convbook.convolve([1, 2, 3], [4, 5], method=method)
    assert out.dtype.kind == "i"
    np.testing.assert_array_equal(out, [4, 13, 22, 15])


# --- agreement with numpy and scipy ------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("method", METHODS)
def test_matches_numpy_1d(mode, method):
    rng = np.random.default_rng(0)
    x, k = rng.normal(size=11), rng.normal(size=4)
    np.testing.assert_allclose(convbook.convolve(x, k, mode, method=method), np.convolve(x, k, mode),
                               atol=1e-12)
    np.testing.assert_allclose(convbook.correlate(x, k, mode, method=method),
                               np.correlate(x, k, mode), atol=1e-12)


shapes_2d = st.tuples(st.integers(1, 7), st.integers(1, 7))
floats = st.floats(-10, 10, allow_nan=False, width=64)


@st.composite
def signal_pairs(draw):
    ndim = draw(st.integers(1, 3))
    xs = tuple(draw(st.integers(1, 7)) for _ in range(ndim))
    ks = tuple(draw(st.integers(1, 7)) for _ in range(ndim))
    x = draw(arrays(np.float64, xs, elements=floats))
    k = draw(arrays(np.float64, ks, elements=floats))
    return x, k


@given(signal_pairs(), st.sampled_from(MODES), st.sampled_from(["direct", "fft", "auto"]))
def test_matches_scipy(pair, mode, method):
    x, k = pair
    if mode == "valid" and not (all(a >= b for a, b in zip(x.shape, k.shape))
                                or all(a <= b for a, b in zip(x.shape, k.shape))):
        return
    for ours, ref in ((convbook.convolve, scipy_signal.convolve),
                      (convbook.correlate, scipy_signal.correlate)):
        np.testing.assert_allclose(ours(x, k, mode, method=method),
                                   ref(x, k, mode, method="direct"), atol=1e-8, rtol=1e-8)


# --- identities --------------------------------------------------------------------------

@given(signal_pairs(), st.sampled_from(MODES))
def test_correlate_is_convolve_with_flipped_kernel(pair, mode):
    x, k = pair
    if mode == "valid" and not all(a >= b for a, b in zip(x.shape, k.shape)):
        return
    np.testing.assert_allclose(convbook.correlate(x, k, mode),
                               convbook.convolve(x, np.flip(k), mode), atol=1e-9)


@given(signal_pairs())
def test_full_convolution_commutes(pair):
    x, k = pair
    np.testing.assert_allclose(convbook.convolve(x, k), convbook.convolve(k, x), atol=1e-9)


@given(arrays(np.float64, shapes_2d, elements=floats))
def test_delta_kernel_returns_input(x):
    np.testing.assert_array_equal(convbook.convolve(x, np.ones((1, 1)), "same"), x)
    delta = np.zeros((3, 3))
    delta[1, 1] = 1
    np.testing.assert_allclose(convbook.convolve(x, delta, "same"), x)


@given(arrays(np.float64, st.integers(1, 20), elements=floats), st.integers(1, 6))
def test_same_equals_explicit_padding_then_valid(x, klen):
    k = np.arange(1.0, klen + 1)
    # scipy's centring: as a correlation, "same" pads k // 2 on the left (torch's
    # padding="same" pads (k - 1) // 2: they differ for even kernels)
    left = klen // 2
    xp = np.pad(x, (left, klen - 1 - left))
    np.testing.assert_allclose(convbook.correlate(x, k, "same"), convbook.correlate(xp, k, "valid"),
                               atol=1e-9)


def test_shift_in_shift_out():
    rng = np.random.default_rng(1)
    x = np.zeros(30)
    x[5:12] = rng.normal(size=7)
    k = rng.normal(size=4)
    y = convbook.convolve(x, k)
    y_shifted = convbook.convolve(np.roll(x, 3), k)
    np.testing.assert_allclose(y_shifted, np.roll(y, 3), atol=1e-12)


@pytest.mark.parametrize("method", METHODS)
def test_inputs_not_mutated(method):
    x = np.arange(12.0).reshape(3, 4)
    k = np.array([[1.0, -1.0]])
    x0, k0 = x.copy(), k.copy()
    convbook.convolve(x, k, "same", method=method)
    convbook.correlate(x, k, "valid", method=method)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(k, k0)


def test_auto_picks_fft_for_large_kernels_and_direct_for_small():
    big = np.ones((128, 128))
    assert convbook.signal.choose_method(big, np.ones((3, 3))) == "direct"
    assert convbook.signal.choose_method(big, np.ones((31, 31))) == "fft"
    assert convbook.signal.choose_method(np.ones((128, 128), int), np.ones((31, 31), int)) == "direct"
