"""Chapter 1 (Why convolution): the counts, the matrices, the figures and the self-checks."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import convbook
from convbook.exercises.why import check_circulant, check_local_weights, circulant_matrix
from convbook.costs import layer_costs
from convbook.matrices import conv_matrix, weight_index
from convbook.plot import why


# --- counts ---------------------------------------------------------------------------

def test_bishop_counts():
    assert convbook.dense_params(3 * 10**6, 10**3, bias=False) == 3 * 10**9
    costs = layer_costs(1000, 3, 1, 3)
    assert costs["dense"] == (3 * 10**12,) * 2
    assert costs["locally connected"] == (27 * 10**6,) * 2
    assert costs["convolutional"] == (27, 27 * 10**6)


@given(st.integers(1, 64), st.integers(1, 8), st.integers(1, 16), st.integers(1, 9))
def test_layer_costs_agree_with_convbook_counts(s, c, m, k):
    if k > s:
        return
    costs = layer_costs(s, c, m, k)
    assert costs["dense"][0] == convbook.dense_params(s * s * c, s * s * m, bias=False)
    assert costs["convolutional"][0] == convbook.conv_params(c, m, k, bias=False)
    assert costs["locally connected"][0] == s * s * costs["convolutional"][0]
    assert costs["convolutional"][1] == costs["locally connected"][1]   # sharing saves no runtime


def test_layer_costs_counts_multiplications_of_a_same_layer():
    # multiply-adds of a same-padded conv2d = outputs x window entries
    s, c, m, k = 9, 2, 3, 3
    out = convbook.conv2d(np.ones((c, s, s)), np.ones((m, c, k, k)), padding="same")
    assert out.size * c * k * k == layer_costs(s, c, m, k)["convolutional"][1]


@pytest.mark.parametrize("args, match", [((0, 3, 1, 3), "image_size"), ((8, 3, 0, 3), "feature_maps"),
                                         ((4, 3, 1, 5), "larger than image_size")])
def test_layer_costs_errors(args, match):
    with pytest.raises(ValueError, match=match):
        layer_costs(*args)


# --- matrices -------------------------------------------------------------------------

@given(st.integers(1, 5), st.integers(0, 6), st.integers(0, 2**31 - 1))
def test_conv_matrix_1d_is_toeplitz_and_correlates(k, extra, seed):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=k)
    x = rng.normal(size=k + extra)
    A = conv_matrix(w, x.shape)
    assert A.shape == (extra + 1, k + extra)
    assert np.allclose(A @ x, convbook.correlate(x, w, "valid"))
    for offset in range(-A.shape[0] + 1, A.shape[1]):
        assert np.allclose(np.diagonal(A, offset), np.diagonal(A, offset)[0])


@given(st.integers(1, 3), st.integers(1, 3), st.integers(0, 3), st.integers(0, 3),
       st.integers(0, 2**31 - 1))
def test_conv_matrix_2d_is_doubly_block_toeplitz(kh, kw, eh, ew, seed):
    rng = np.random.default_rng(seed)
    K = rng.normal(size=(kh, kw))
    X = rng.normal(size=(kh + eh, kw + ew))
    A = conv_matrix(K, X.shape)
    oh, ow = eh + 1, ew + 1
    assert np.allclose(A @ X.ravel(), convbook.correlate(X, K, "valid").ravel())
    W = X.shape[1]
    for r in range(oh):
        for s in range(X.shape[0]):
            block = A[r * ow:(r + 1) * ow, s * W:(s + 1) * W]
            want = conv_matrix(K[s - r], (W,)) if 0 <= s - r < kh else np.zeros((ow, W))
            assert np.allclose(block, want)


def test_weight_index_letters_every_connection_once_per_output():
    idx = weight_index((3, 3), (5, 5))
    assert idx.shape == (9, 25)
    for row in idx:
        assert sorted(row[row > 0]) == list(range(1, 10))


def test_conv_matrix_rejects_a_kernel_larger_than_the_input():
    with pytest.raises(ValueError, match="does not fit"):
        conv_matrix(np.ones(4), (3,))


def test_circulant_matrix_is_circular_correlation_and_commutes_with_shift():
    rng = np.random.default_rng(1)
    w, x = rng.normal(size=3), rng.normal(size=8)
    C = circulant_matrix(w, 8)
    wrapped = np.r_[x, x[:2]]
    assert np.allclose(C @ x, convbook.correlate(wrapped, w, "valid"))
    S = np.roll(np.eye(8), 1, axis=0)
    assert np.allclose(C @ S, S @ C)


# --- self-checks ----------------------------------------------------------------------

def _raise(*args):
    raise NotImplementedError


def test_check_circulant_messages():
    assert check_circulant(circulant_matrix)
    assert "not done yet" in check_circulant(_raise).message
    assert "NotImplementedError" in check_circulant(_raise).message
    assert "reversed" in check_circulant(lambda w, n: circulant_matrix(np.asarray(w)[::-1], n)).message
    assert "transpose" in check_circulant(lambda w, n: circulant_matrix(w, n).T).message
    no_wrap = lambda w, n: np.vstack([conv_matrix(w, (n,)), np.zeros((len(w) - 1, n))])  # noqa: E731
    assert "wrap around" in check_circulant(no_wrap).message
    assert "shape" in check_circulant(lambda w, n: np.zeros((n, n + 1))).message
    assert "raised ZeroDivisionError" in check_circulant(lambda w, n: 1 / 0).message
    assert "None" in check_circulant(lambda w, n: None).message
    assert not check_circulant(lambda w, n: np.eye(n))
    assert not check_circulant("not a function")


def test_check_local_weights_messages():
    right = lambda s, c, m, k: s * s * m * k * k * c  # noqa: E731
    assert check_local_weights(right)
    assert "NotImplementedError" in check_local_weights(_raise).message
    assert "convolutional count" in check_local_weights(lambda s, c, m, k: m * k * k * c).message
    assert "dense count" in check_local_weights(
        lambda s, c, m, k: layer_costs(s, c, m, k)["dense"][0]).message
    assert "channels" in check_local_weights(lambda s, c, m, k: s * s * m * k * k).message
    assert "feature maps" in check_local_weights(lambda s, c, m, k: s * s * k * k * c).message
    assert "window" in check_local_weights(lambda s, c, m, k: s * s * m * (k - 1) ** 2 * c).message
    assert "should be a number" in check_local_weights(lambda s, c, m, k: "many").message
    assert not check_local_weights(lambda s, c, m, k: 7)


# --- figures --------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: why.connections(7, 3),
    lambda: why.kernel_and_matrix((3,), (8,)),
    lambda: why.kernel_and_matrix((3, 3), (5, 5)),
    lambda: why.weight_matrix((2, 2), (4, 4)),
    lambda: why.equivariance(np.r_[np.ones(5), np.zeros(15)], [1.0, -1.0], np.eye(20), 3),
    lambda: why.costs(64, 3, 4, 5),
    lambda: why.costs(16, 1, 1, 15),
])
def test_figures_draw_without_pyplot(make):
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = make()
    assert fig.axes and plt.get_fignums() == before
    fig.canvas.draw()  # lays out and renders: no errors


def test_weight_matrix_refuses_too_many_weights():
    with pytest.raises(ValueError, match="at most"):
        why.weight_matrix((4, 4), (6, 6))


def test_explorer_frames_are_small():
    from convbook import widgets

    frames = widgets.frames(why.costs, "image_size", [16, 1000], channels=3, feature_maps=1,
                            kernel_size=3, dpi=60, alt="costs")
    assert frames.nbytes() < 200_000


# --- the receptive cone (convbook.plot.receptive_cone) --------------------------------

from convbook.plot import receptive_cone as rc  # noqa: E402

layer_stacks = st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3), st.integers(1, 3)),
                        min_size=1, max_size=4)


@given(layer_stacks, st.integers(0, 3))
def test_cone_spans_the_receptive_field(stack, unit):
    cone = rc._cone(rc._layers(stack), unit)
    assert cone[-1] == [unit]
    assert cone[0][-1] - cone[0][0] + 1 == convbook.receptive_field(stack)
    jump = int(np.prod([s for _, s, _ in stack]))
    assert cone[0][0] == unit * jump            # 'valid': the window starts at unit * jump


@given(st.lists(st.tuples(st.integers(1, 4), st.integers(1, 3)), min_size=1, max_size=3),
       st.integers(0, 2**31 - 1))
def test_cone_is_what_the_layers_compute(stack, seed):
    # a stack of 'valid' conv1d layers with positive weights: the inputs that reach the
    # middle top unit are exactly the bottom of the cone
    rng = np.random.default_rng(seed)
    n = convbook.receptive_field(stack) + int(rng.integers(0, 6))
    sizes = rc._sizes(n, rc._layers(stack))
    top = (sizes[-1] - 1) // 2
    reached = []
    for j in range(n):
        h = np.zeros((1, 1, n))
        h[0, 0, j] = 1.0
        for k, s in stack:
            h = convbook.conv1d(h, rng.uniform(0.5, 1.0, size=(1, 1, k)), stride=s)
        assert h.shape[-1] == sizes[-1]
        if h[0, 0, top] != 0:
            reached.append(j)
    assert reached == rc._cone(rc._layers(stack), top)[0]


def test_cone_centres_sit_in_the_middle_of_their_windows():
    stack = rc._layers([(3, 2), (3, 2)])
    centres = rc._centres(stack, rc._sizes(15, stack))
    assert centres[1].tolist() == [1, 3, 5, 7, 9, 11, 13]
    assert centres[2].tolist() == [3, 7, 11]


@pytest.mark.parametrize("layers, n, error, match", [
    ([], 8, ValueError, "layers is empty"),
    ([(3, 0)], 8, ValueError, "positive integers"),
    ([(3,)], 8, ValueError, r"\(kernel_size, stride"),
    ([("a", 1)], 8, TypeError, "tuple of integers"),
    (5, 8, TypeError, "sequence of"),
    ([(3, 1)] * 3, 6, ValueError, "n_inputs=6 is too small"),
])
def test_receptive_cone_errors(layers, n, error, match):
    with pytest.raises(error, match=match):
        rc.receptive_cone(layers, n)


def test_receptive_cones_draw_without_pyplot():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    fig = rc.receptive_cones([[(3, 1)] * 3, [(3, 2)] * 3], 15)
    assert len(fig.axes) == 2 and plt.get_fignums() == before
    assert fig.axes[1].get_title() == "3 layers of 3 taps, stride 2: receptive field 15"
    fig.canvas.draw()
    dilated = rc.receptive_cone([(3, 1, 1), (3, 1, 2), (3, 1, 4)], 20)
    assert dilated.axes[0].get_title().endswith("receptive field 15")


@pytest.mark.parametrize("layers, n, error, match", [
    ([(3, 1)], "8", TypeError, "receptive_cone: n_inputs must be an int, but got '8'"),
    ([(3, 1)], 7.5, TypeError, "n_inputs must be an int, but got 7.5"),
    ([(3, 1)], 0, ValueError, "n_inputs must be >= 1"),
    ([(3, 1)], 10**6, ValueError, "n_inputs=1000000 is more than a drawing can show"),
    ([(3.7, 1)], 8, TypeError, r"tuple of integers, but got \(3.7, 1\)"),
    ([(True, 1)], 8, TypeError, "tuple of integers"),
])
def test_receptive_cone_names_bad_arguments(layers, n, error, match):
    with pytest.raises(error, match=match):
        rc.receptive_cone(layers, n)


@pytest.mark.parametrize("stacks, n, error, match", [
    ([], 8, ValueError, "receptive_cones: stacks is empty"),
    (5, 8, TypeError, "receptive_cones: stacks must be a sequence of layer stacks"),
    ([[(3, 1)]], None, TypeError, "receptive_cones: n_inputs must be an int"),
])
def test_receptive_cones_names_bad_arguments(stacks, n, error, match):
    with pytest.raises(error, match=match):
        rc.receptive_cones(stacks, n)


def test_one_layer_title_is_singular():
    assert rc.receptive_cone([(3, 1)], 5).axes[0].get_title() == (
        "1 layer of 3 taps, stride 1: receptive field 3")


@pytest.mark.parametrize("kernel, shape, error, match", [
    ("abc", (5,), TypeError, "conv_matrix: kernel must be a number or an array of real"),
    (None, (5,), TypeError, "conv_matrix: kernel must be"),
    ([], (3,), ValueError, "conv_matrix: kernel is empty"),
    ([np.nan, 1.0], (4,), ValueError, "conv_matrix: kernel must be finite"),
    (np.ones((3, 3)), (65, 64), ValueError, "has 4160 entries; the dense matrix is built "
                                            "for at most 4096"),
])
def test_conv_matrix_names_bad_arguments(kernel, shape, error, match):
    with pytest.raises(error, match=match):
        conv_matrix(kernel, shape)


def test_conv_matrix_at_its_size_limit():
    A = conv_matrix(np.ones((3, 3)), (64, 64))
    assert A.shape == (62 * 62, 64 * 64) and np.count_nonzero(A) == 62 * 62 * 9
