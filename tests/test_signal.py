"""convbook.convolve / correlate: worked cases, agreement with numpy and scipy, identities."""
import numpy as np
import pytest
import warnings

from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import convbook



def _scipy_signal():
    """scipy for the agreement tests only: the worked cases and identities run without it."""
    return pytest.importorskip("scipy.signal")


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
    assume(mode != "valid" or all(a >= b for a, b in zip(x.shape, k.shape))
           or all(a <= b for a, b in zip(x.shape, k.shape)))
    scipy_signal = _scipy_signal()
    for ours, ref in ((convbook.convolve, scipy_signal.convolve),
                      (convbook.correlate, scipy_signal.correlate)):
        np.testing.assert_allclose(ours(x, k, mode, method=method),
                                   ref(x, k, mode, method="direct"), atol=1e-8, rtol=1e-8)


# --- identities --------------------------------------------------------------------------

@given(signal_pairs(), st.sampled_from(MODES))
def test_correlate_is_convolve_with_flipped_kernel(pair, mode):
    x, k = pair
    assume(mode != "valid" or all(a >= b for a, b in zip(x.shape, k.shape)))
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


# --- dtypes: one rule on every method (see convbook.signal) ------------------------------

ALL = ["direct", "fft", "loops", "auto"]


@pytest.mark.parametrize("method", ALL)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64, np.longdouble])
def test_floats_keep_their_type_on_every_method(method, dtype):
    x = np.linspace(-1, 1, 40).astype(dtype).reshape(5, 8)
    for k in (np.ones((3, 3), dtype), np.ones((5, 7), dtype)):
        assert convbook.convolve(x, k, method=method).dtype == dtype
    assert convbook.correlate(x, np.ones((2, 2)), method=method).dtype == np.result_type(dtype,
                                                                                       float)


def test_float32_with_a_large_kernel_stays_float32():
    # auto picks the FFT here: it must not come back as float64
    x = np.random.default_rng(0).normal(size=(128, 128)).astype(np.float32)
    k = np.ones((31, 31), np.float32)
    assert convbook.signal.choose_method(x, k) == "fft"
    assert convbook.convolve(x, k).dtype == np.float32


def test_longdouble_fft_keeps_its_precision():
    x = (np.arange(1, 41) / np.longdouble(3)).astype(np.longdouble)
    direct = convbook.convolve(x, x, method="direct")
    fft = convbook.convolve(x, x, method="fft")
    assert fft.dtype == np.longdouble
    assert np.max(np.abs(fft - direct) / np.max(np.abs(direct))) < 1e-17


@pytest.mark.parametrize("method", ALL)
def test_integer_results_are_exact_integers_on_every_method(method):
    x = np.arange(30)
    out = convbook.convolve(x, x[::-1], method=method)
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, np.convolve(x, x[::-1]))
    # exact zeros stay exact: the FFT result is rounded
    z = convbook.convolve([1, -1], [1, 1, 1, 1], method=method)
    np.testing.assert_array_equal(z, [1, 0, 0, 0, -1])


@pytest.mark.parametrize("method", ["direct", "loops", "auto"])
def test_small_integers_never_wrap(method):
    x = np.full(3, 100, np.int8)
    np.testing.assert_array_equal(convbook.convolve(x, x, method=method), [10_000, 20_000, 30_000,
                                                                           20_000, 10_000])
    u = np.full((2, 2), 200, np.uint8)
    out = convbook.correlate(u, u, "valid", method=method)
    assert out.dtype == np.uint64 and out[0, 0] == 4 * 40_000


def test_64_bit_overflow_is_an_error():
    with pytest.raises(OverflowError, match="convolve: the integer result may exceed the 64-bit"):
        convbook.convolve(np.array([2**62, 2**62]), np.array([4, 4]))


@pytest.mark.parametrize("method", ["direct", "loops", "auto"])
def test_bool_is_exact_with_any_integer(method):
    # bool x uint64 stays uint64 (no float64 rounding of 2**60 + 1)
    x = np.array([2**60 + 1, 3], dtype=np.uint64)
    out = convbook.convolve(x, [True, True], method=method)
    assert out.dtype == np.uint64
    assert out.tolist() == [2**60 + 1, 2**60 + 4, 3]
    # bool x bool counts overlaps
    counts = convbook.convolve([True, True, False], [True, True], method=method)
    assert counts.dtype == np.int64 and counts.tolist() == [1, 2, 1, 0]


def test_float16_accumulates_wider():
    rng = np.random.default_rng(0)
    x = rng.normal(size=100).astype(np.float16)
    k = rng.normal(size=30).astype(np.float16)
    exact = np.convolve(x.astype(np.float64), k.astype(np.float64))
    for method in ("direct", "loops"):
        got = convbook.convolve(x, k, method=method)
        assert got.dtype == np.float16
        # one rounding to float16 at the end: half an ulp of each value
        ulp = np.spacing(np.abs(exact).astype(np.float16)).astype(np.float64)
        assert np.all(np.abs(got.astype(np.float64) - exact) <= 0.5 * ulp + 1e-6)


def test_auto_never_spreads_a_nan():
    rng = np.random.default_rng(0)
    x = rng.normal(size=1000)
    x[500] = np.nan
    k = rng.normal(size=200)
    assert convbook.signal.choose_method(x, k) == "direct"
    out = convbook.convolve(x, k)
    assert np.isnan(out).sum() == 200  # exactly the outputs whose window holds the NaN
    # where the FFT would be chosen for finite input, a NaN or an inf sends auto direct
    img, big = rng.normal(size=(128, 128)), np.ones((31, 31))
    assert convbook.signal.choose_method(img, big) == "fft"
    for bad in (np.nan, np.inf):
        img[60, 60] = bad
        assert convbook.signal.choose_method(img, big) == "direct"
        assert convbook.signal.choose_method(big, img) == "direct"
    assert np.isinf(convbook.convolve(img, big, "same")).sum() == 31 * 31


def test_explicit_fft_on_non_finite_input_warns():
    x = np.ones(50)
    x[3] = np.inf
    with pytest.warns(RuntimeWarning, match="convolve: method='fft' on input with NaN or inf"):
        convbook.convolve(x, np.ones(5), method="fft")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        convbook.convolve(np.ones(50), np.ones(5), method="fft")  # finite: no warning


@pytest.mark.parametrize("xs, ks", [((8, 8), (6, 6)), ((5, 5), (5, 5)), ((20,), (20,))])
def test_tiny_inputs_stay_direct_and_exact(xs, ks):
    rng = np.random.default_rng(1)
    x = rng.integers(-3, 4, size=xs).astype(float)
    k = rng.integers(-3, 4, size=ks).astype(float)
    for mode in MODES:
        assert convbook.signal.choose_method(x, k, mode) == "direct"
    out = convbook.convolve(x, k)
    np.testing.assert_array_equal(out, convbook.convolve(x.astype(int), k.astype(int)))


def test_one_d_direct_is_numpy_correlate():
    rng = np.random.default_rng(2)
    x, k = rng.normal(size=1000), rng.normal(size=7)
    np.testing.assert_array_equal(convbook.correlate(x, k, "same", method="direct"),
                                  np.correlate(x, k, "same"))
    np.testing.assert_allclose(convbook.convolve(k, x, "valid", method="direct"),
                               np.convolve(x, k, "valid"), atol=1e-12)


@pytest.mark.parametrize("call, kind, match", [
    (lambda: convbook.signal.choose_method(np.ones(4), np.ones(2), mode="bogus"), ValueError,
     r"choose_method: mode must be one of \{'full', 'same', 'valid'\}, but got mode='bogus'"),
    (lambda: convbook.signal.choose_method("abc", np.ones(2)), TypeError,
     r"choose_method: x must be an array of numbers, but got 'abc'"),
    (lambda: convbook.signal.choose_method(np.ones((2, 2)), np.ones(2)), ValueError,
     r"choose_method: x and k must have the same number of dimensions"),
    (lambda: convbook.signal.choose_method(np.ones(3), np.ones(0)), ValueError,
     r"choose_method: x and k must not be empty"),
    (lambda: convbook.signal.choose_method(np.ones(3), [1j]), TypeError,
     r"choose_method: k must be real"),
])
def test_choose_method_checks_its_arguments(call, kind, match):
    with pytest.raises(kind, match=match):
        call()


@pytest.mark.parametrize("a, b", [(np.float16, np.float16), (np.float32, np.float32),
                                  (np.float64, np.float32), (np.longdouble, np.float64),
                                  (np.int8, np.float32), (np.int64, np.float32),
                                  (bool, np.float16), (np.uint8, np.float64)])
@pytest.mark.parametrize("method", ["direct", "fft"])
def test_float_dtypes_are_scipys(a, b, method):
    scipy_signal = _scipy_signal()
    x, k = np.ones((6, 7), a), np.ones((3, 3), b)
    try:
        want = scipy_signal.convolve(x, k, method=method).dtype
    except ValueError:  # scipy's direct method has no float16 loop
        want = np.result_type(a, b)
    assert convbook.convolve(x, k, method=method).dtype == want
    assert convbook.correlate(x[0], k[0], method=method).dtype == want


def test_integer_dtypes_widen_where_scipy_keeps_them_narrow():
    # scipy returns int16 here and wraps on overflow; convbook sums in int64
    x, k = np.full(4, 127, np.int8), np.full(3, 255, np.uint8)
    out = convbook.convolve(x, k)
    assert out.dtype == np.int64 and out.max() == 3 * 127 * 255
