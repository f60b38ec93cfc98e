"""convbook.costs and convbook.matrices: what a layer costs, and the layer as a matrix."""
import numpy as np
import pytest

import convbook
from convbook import costs as C
from convbook import matrices as M


def test_layer_counts_agree_with_conv_params_for_any_kernel():
    for c_in, c_out, k, g in [(3, 96, 11, 1), (8, 8, 3, 8), (4, 6, (1, 5), 2), (6, 4, (3, 2), 1)]:
        counts = C.layer_counts(c_in, c_out, k, g, size=(7, 9))
        assert counts["params"] == convbook.conv_params(c_in, c_out, k, groups=g)
        kh, kw = (k, k) if isinstance(k, int) else k
        assert counts["weight_shape"] == (c_out, c_in // g, kh, kw)
        assert counts["weights"] == c_out * (c_in // g) * kh * kw
        assert counts["macs"] == counts["weights"] * 7 * 9


def test_layer_counts_macs_are_the_layer_multiplications():
    # one multiply per weight per output position of a "same" layer, counted by running it
    c_in, c_out, k, g, s = 4, 6, 3, 2, 5
    x = np.ones((1, c_in, s, s))
    w = np.ones((c_out, c_in // g, k, k))
    y = convbook.conv2d(x, w, padding="same", groups=g)
    assert C.layer_counts(c_in, c_out, k, g, size=s)["macs"] == y.size * (c_in // g) * k * k


def test_layer_costs_conv_matches_conv_params():
    costs = C.layer_costs(32, 3, 16, 5)
    assert costs["convolutional"][0] == convbook.conv_params(3, 16, 5, bias=False)
    assert costs["dense"][0] == convbook.dense_params(32 * 32 * 3, 32 * 32 * 16, bias=False)
    assert costs["locally connected"][0] == 32 * 32 * costs["convolutional"][0]


def test_conv_matrix_is_the_valid_correlation():
    rng = np.random.default_rng(0)
    for shape, kshape in [((7,), (3,)), ((4, 5), (2, 3))]:
        x, k = rng.normal(size=shape), rng.normal(size=kshape)
        A = M.conv_matrix(k, shape)
        np.testing.assert_allclose(A @ x.ravel(), convbook.correlate(x, k, "valid").ravel())
    idx = M.weight_index((2, 2), (3, 3))
    assert idx.shape == (4, 9) and all(sorted(r[r > 0]) == [1, 2, 3, 4] for r in idx)


@pytest.mark.parametrize("call, error, match", [
    (lambda: C.layer_costs(0, 3, 1, 3), ValueError, "layer_costs: image_size must be >= 1"),
    (lambda: C.layer_costs(3, 3, 1, 5), ValueError, "kernel_size=5 is larger than"),
    (lambda: C.layer_costs(8, 3.0, 1, 3), TypeError, "layer_costs: channels must be an int"),
    (lambda: C.layer_counts(3, 4, 3, groups=2), ValueError, "groups must divide"),
    (lambda: C.layer_counts(4, 4, (3, 3, 3)), ValueError, "kernel_size must be an int or"),
    (lambda: C.layer_counts(4, 4, 3, size=0), ValueError, "layer_counts: size must be >= 1"),
    (lambda: M.conv_matrix(np.ones(4), (3,)), ValueError, "does not fit input shape"),
    (lambda: M.conv_matrix(np.ones(2), 5), TypeError, "input_shape must be a tuple"),
    (lambda: M.weight_index((0,), (4,)), ValueError, "weight_index: input_shape must be >= 1"),
])
def test_bad_input_is_named(call, error, match):
    with pytest.raises(error, match=match):
        call()
