"""convbook.windows: where windows sit, one axis at a time."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import convbook
from convbook import windows as W


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 12), st.integers(1, 4), st.integers(1, 3), st.integers(0, 2),
       st.integers(1, 3))
def test_usage_is_the_transpose_of_the_layer(size, k, s, p, d):
    # how often each input cell is read = the all-ones kernel's adjoint applied to ones
    try:
        o = convbook.conv_output_size(size, k, s, p, d)
    except ValueError:
        return
    counts = np.zeros(size, int)
    for n in range(o):
        for t in W.taps(n, k, s, p, d):
            if 0 <= t < size:
                counts[t] += 1
    assert W.usage(size, k, s, p, d).tolist() == counts.tolist()
    reads = [convbook.conv1d(np.eye(size)[j][None, None], np.ones((1, 1, k)), stride=s,
                             padding=p, dilation=d).sum() for j in range(size)]
    assert W.usage(size, k, s, p, d).tolist() == np.rint(reads).astype(int).tolist()


def test_stride_past_the_kernel_skips_cells():
    assert W.usage(7, 2, stride=3).tolist() == [1, 1, 0, 1, 1, 0, 0]


@pytest.mark.parametrize("n, k", [(5, 3), (6, 3), (5, 4), (4, 1)])
def test_window_starts_give_the_signal_outputs(n, k):
    x = np.arange(1.0, n + 1)
    w = np.arange(1.0, k + 1)
    for mode in W.MODES:
        want = convbook.correlate(x, w, mode)
        padded = np.concatenate([np.zeros(k), x, np.zeros(k)])
        got = [padded[s + k:s + 2 * k] @ w for s in W.window_starts(n, k, mode)]
        np.testing.assert_allclose(got, want)


def test_step_arithmetic_matches_correlate():
    rng = np.random.default_rng(0)
    x, k = rng.integers(-3, 4, (4, 5)), rng.integers(-2, 3, (2, 3))
    out = convbook.correlate(x, k, "valid").ravel()
    conv = convbook.convolve(x, k, "valid").ravel()
    for step in range(out.size):
        assert W.step_arithmetic(x, k, step)[1] == out[step]
        assert W.step_arithmetic(x, k, step, flip=True)[1] == conv[step]


@pytest.mark.parametrize("mode", W.PADDING_MODES)
def test_padded_letters_match_np_pad(mode):
    text = W.padded_letters("abcd", 2, mode)
    cells = text.replace("| ", "").replace(" |", "").split()
    extra = {"constant_values": -1} if mode == "zeros" else {}
    idx = np.pad(np.arange(4), 2, mode=W.NP_PAD_MODE[mode], **extra)
    assert cells == ["0" if i < 0 else "abcd"[i] for i in idx]


def test_dilated_footprint_counts_paths():
    fp = W.dilated_footprint([1, 2, 4])
    assert len(fp) == convbook.receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)]) == 15
    assert fp.sum() == 27 and not np.any(fp == 0)
    assert np.count_nonzero(W.dilated_footprint([2, 2, 2]) == 0) > 0   # gridding gaps


def test_receptive_fields_grow_as_the_formula():
    assert W.receptive_fields([(3, 1), (3, 1), (2, 2)]) == [3, 5, 6]


@pytest.mark.parametrize("call, error, match", [
    (lambda: W.taps(-1, 3), ValueError, "taps: out_index must be >= 0"),
    (lambda: W.taps(0, 3, stride=0), ValueError, "taps: stride must be >= 1"),
    (lambda: W.taps(0, 2.5), TypeError, "taps: kernel_size must be an int"),
    (lambda: W.usage(0, 3), ValueError, "usage: size must be >= 1"),
    (lambda: W.window_starts(5, 3, "wide"), ValueError, "window_starts: mode must be one of"),
    (lambda: W.window_starts(5, 3, "same", "numpy"), ValueError, "convention must be one of"),
    (lambda: W.step_arithmetic(np.ones((2, 2)), np.ones((3, 3)), 0), ValueError,
     "step_arithmetic: x and k must be 2-D with k no larger"),
    (lambda: W.step_arithmetic(np.ones((3, 3)), np.ones((2, 2)), 4), ValueError,
     r"step must be in 0\.\.3"),
    (lambda: W.padded_letters("ab", 2, "mirror"), ValueError, "padded_letters: mode"),
    (lambda: W.padded_letters("ab", 2, "reflect"), ValueError, "reflect padding needs pad"),
    (lambda: W.padded_letters("", 1, "zeros"), ValueError, "letters must not be empty"),
    (lambda: W.dilated_footprint([1, 0]), ValueError, "dilated_footprint: dilation must"),
])
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
