"""Chapter 7's new figure and the facts its prose rests on (aliasing, overlap, maxout)."""
import numpy as np
import pytest

import convbook
from convbook import shifts
from convbook.plot import pooling as pp


def _two_cosines(n=64):
    t = np.arange(n)
    return np.cos(2 * np.pi * 3 * t / n) + np.cos(2 * np.pi * 22 * t / n)


def test_spectrum_folding_draws_the_folded_peaks():
    fig = pp.spectrum_folding(_two_cosines())
    left, right = fig.axes[:2]
    assert left.get_xlim() == (0, 0.5) and right.get_xlim() == (0, 0.25)
    # one stem container per output: the blue one has its folded peak at 10/64
    stems = right.containers
    assert len(stems) == 3
    heights = [sorted(np.round(c.markerline.get_ydata(), 3)) for c in stems]
    assert heights[0] == [1.0, 1.0]
    assert heights[1][0] == pytest.approx(np.cos(np.pi * 22 / 64) ** 2, abs=1e-3)
    assert heights[2][0] == pytest.approx(np.cos(np.pi * 22 / 64) ** 4, abs=1e-3)
    labels = [t.get_text() for t in right.get_legend().get_texts()]
    assert labels[0] == "subsampled"


def test_aliasing_curves_label_says_relative():
    fig = pp.aliasing_curves({"a": [0, 1.0]}, [0, 1])
    assert "spread" in fig.axes[0].get_ylabel()


def test_subsampling_folds_the_spectrum():
    x = np.random.default_rng(0).random(32)
    X, Y = np.fft.fft(x), np.fft.fft(x[::2])
    np.testing.assert_allclose(Y, (X[:16] + X[16:]) / 2)


def test_overlapping_windows_keep_the_noise_formula_and_the_stride_period():
    noise = np.random.default_rng(0).random((240, 240))

    def overlap(z):
        return convbook.max_pool2d(np.pad(z, [(0, 1)] * 2, mode="wrap")[None], 3, stride=2)[0]

    kept = [shifts.fraction_unchanged(overlap, noise, t) for t in range(4)]
    np.testing.assert_allclose(kept, [1, 1 / 2, 1 / 5, 0], atol=0.02)
    assert shifts.equivariance_error(overlap, noise[:64, :64], 2) == 0.0


def test_maxout_over_rotated_filters_is_rotation_invariant():
    edge = np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]])
    bank = np.stack([np.rot90(edge, r) for r in range(4)])[:, None]
    x = np.random.default_rng(1).random((1, 12, 12))

    def maxout(z):
        return convbook.conv2d(z, bank, padding=1, padding_mode="circular").max(axis=0)

    np.testing.assert_allclose(maxout(np.rot90(x, axes=(1, 2))), np.rot90(maxout(x)))
