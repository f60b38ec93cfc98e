"""Transposed convolution, unfold/fold, max-pool indices and unpooling, Lp pooling.

Worked cases and identities run without torch; the agreement with
torch.nn.functional runs where torch is installed (each such test imports it itself).
The Hypothesis budget is the conftest profile (CONVBOOK_EXAMPLES, 300 by default).
"""
import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import convbook


def _torch():
    torch = pytest.importorskip("torch")
    torch.set_num_threads(1)
    return torch


def t(a):
    return _torch().from_numpy(np.array(a))


# --- worked cases -----------------------------------------------------------------------

def test_conv_transpose1d_by_hand():
    # each input value lays down a scaled kernel copy, stride 2 apart
    got = convbook.conv_transpose1d(np.array([[[1, 2]]]), np.array([[[1, 10, 100]]]), stride=2)
    np.testing.assert_array_equal(got, [[[1, 10, 100 + 2, 20, 200]]])
    assert got.dtype == np.int64
    # padding crops one element from each side, output_padding adds one on the right
    cropped = convbook.conv_transpose1d(np.array([[[1, 2]]]), np.array([[[1, 10, 100]]]),
                                        stride=2, padding=1, output_padding=1)
    np.testing.assert_array_equal(cropped, [[[10, 102, 20, 200]]])


def test_conv_transpose2d_overlap_count():
    # with an all-ones kernel the output counts the kernel copies covering each cell
    got = convbook.conv_transpose2d(np.ones((1, 3, 3)), np.ones((1, 1, 3, 3)), stride=2)
    row = [1, 1, 2, 1, 2, 1, 1]
    np.testing.assert_array_equal(got[0], np.outer(row, row))


def test_conv_transpose_output_size_matches_the_layer():
    x = np.zeros((1, 2, 4, 5))
    w = np.zeros((2, 3, 3, 2))
    out = convbook.conv_transpose2d(x, w, stride=(2, 3), padding=(1, 0), output_padding=(1, 2),
                                    dilation=(1, 2))
    want = convbook.conv_transpose_output_size((4, 5), (3, 2), (2, 3), (1, 0), (1, 2), (1, 2))
    assert out.shape == (1, 3) + want


def test_conv_transpose_groups_act_independently():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 4, 3, 3))
    w = rng.normal(size=(4, 2, 2, 2))
    whole = convbook.conv_transpose2d(x, w, stride=2, groups=2)
    first = convbook.conv_transpose2d(x[:, :2], w[:2], stride=2)
    second = convbook.conv_transpose2d(x[:, 2:], w[2:], stride=2)
    np.testing.assert_allclose(whole, np.concatenate([first, second], axis=1), atol=1e-12)


def test_unfold_columns_are_windows():
    x = np.arange(2 * 3 * 4).reshape(1, 2, 3, 4)
    cols = convbook.unfold(x, (2, 3))
    assert cols.shape == (1, 2 * 2 * 3, 2 * 2)
    # column 3 is the window at output (1, 1), channel-major then row by row
    np.testing.assert_array_equal(cols[0, :, 3], x[0, :, 1:3, 1:4].ravel())


def test_conv2d_is_a_matrix_product_of_unfold():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(2, 3, 6, 5))
    w = rng.normal(size=(4, 3, 3, 2))
    cols = convbook.unfold(x, (3, 2), padding=1, stride=2, dilation=(1, 2))
    out = (w.reshape(4, -1) @ cols).reshape(2, 4, 3, 3)
    np.testing.assert_allclose(out, convbook.conv2d(x, w, padding=1, stride=2, dilation=(1, 2)),
                               atol=1e-12)


def test_fold_of_unfold_counts_windows():
    ones = np.ones((1, 4, 4))
    counts = convbook.fold(convbook.unfold(ones, 2, padding=1), 4, 2, padding=1)
    np.testing.assert_array_equal(counts, np.full((1, 4, 4), 4.0))
    counts = convbook.fold(convbook.unfold(ones, 3, stride=1), 4, 3)
    np.testing.assert_array_equal(counts[0], np.outer([1, 2, 2, 1], [1, 2, 2, 1]))


def test_max_pool_indices_follow_torch_ties_and_nan():
    # ties keep the first maximum in row-major order; a NaN always wins
    values, where = convbook.max_pool1d(np.array([[2.0, 2.0, 1.0, 1.0]]), 4, return_indices=True)
    assert where.tolist() == [[0]] and values.tolist() == [[2.0]]
    x = np.array([[1.0, np.nan, 3.0, np.nan]])
    values, where = convbook.max_pool1d(x, 4, return_indices=True)
    assert np.isnan(values[0, 0]) and where.tolist() == [[3]]
    x = np.array([[[1, 5], [5, 0]]])
    values, where = convbook.max_pool2d(x, 2, return_indices=True)
    assert values.tolist() == [[[5]]] and where.tolist() == [[[1]]] and where.dtype == np.int64


def test_max_pool_indices_point_into_the_unpadded_input():
    x = np.arange(9.0).reshape(1, 3, 3)
    values, where = convbook.max_pool2d(x, 3, stride=2, padding=1, return_indices=True)
    np.testing.assert_array_equal(values, [[[4, 5], [7, 8]]])
    np.testing.assert_array_equal(where, [[[4, 5], [7, 8]]])
    np.testing.assert_array_equal(np.take(x.reshape(1, -1), where.reshape(1, -1)),
                                  values.reshape(1, -1))


def test_max_unpool_routes_each_max_back():
    x = np.array([[[1.0, 2.0, 0.0, 6.0], [4.0, 3.0, 7.0, 5.0]]])
    values, where = convbook.max_pool2d(x, 2, return_indices=True)
    back = convbook.max_unpool2d(values, where, 2)
    np.testing.assert_array_equal(back, [[[0, 0, 0, 0], [4, 0, 7, 0]]])
    # output_size picks one of the sizes the pool maps to the same output
    odd = convbook.max_unpool2d(values, where, 2, output_size=(3, 5))
    assert odd.shape == (1, 3, 5)


def test_lp_pool_is_the_window_norm():
    x = np.array([[[3.0, 4.0], [0.0, 12.0]]])
    np.testing.assert_allclose(convbook.lp_pool2d(x, 2, 2), [[[13.0]]])
    np.testing.assert_allclose(convbook.lp_pool2d(x, 1, 2), [[[19.0]]])
    # large p tends to the max
    big = convbook.lp_pool2d(x, 64, 2)
    assert 12.0 <= big[0, 0, 0] < 12.0 * 1.01


def test_lp_pool_ceil_mode_partial_window_sums_what_it_holds():
    # torch 2.x rescales the partial window by kernel/count (sqrt(2) * 5 here); convbook
    # returns the norm of the elements that are there, as torch's own formula says
    x = np.array([[1.0, 2.0, 3.0, 4.0, 5.0]])
    np.testing.assert_allclose(convbook.lp_pool1d(x, 2, 2, ceil_mode=True),
                               [[np.sqrt(5.0), 5.0, 5.0]])


def test_float32_stays_float32():
    x = np.ones((1, 2, 3, 3), dtype=np.float32)
    w = np.ones((2, 1, 2, 2), dtype=np.float32)
    assert convbook.conv_transpose2d(x, w).dtype == np.float32
    assert convbook.fold(convbook.unfold(x, 2), 3, 2).dtype == np.float32
    assert convbook.lp_pool2d(x, 2, 2, ceil_mode=True).dtype == np.float32


def test_inputs_not_mutated():
    x = np.arange(18.0).reshape(1, 2, 3, 3)
    w = np.ones((2, 1, 2, 2))
    copies = [x.copy(), w.copy()]
    convbook.conv_transpose2d(x, w, stride=2, groups=2)
    convbook.fold(convbook.unfold(x, 2), 3, 2)
    values, where = convbook.max_pool2d(x, 2, return_indices=True)
    convbook.max_unpool2d(values, where, 2, output_size=(3, 3))
    convbook.lp_pool2d(x, 3, 2)
    np.testing.assert_array_equal(x, copies[0])
    np.testing.assert_array_equal(w, copies[1])


# --- the adjoint identity (no torch) -------------------------------------------------------

@st.composite
def layer_cases(draw, nd):
    groups = draw(st.integers(1, 3))
    c_in = groups * draw(st.integers(1, 2))
    c_out = groups * draw(st.integers(1, 2))
    ks = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    dilation = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    padding = tuple(draw(st.integers(0, 3)) for _ in range(nd))
    sizes = tuple(draw(st.integers(1, 9)) for _ in range(nd))
    return dict(groups=groups, c_in=c_in, c_out=c_out, ks=ks, stride=stride,
                dilation=dilation, padding=padding, sizes=sizes,
                seed=draw(st.integers(0, 2**16)))


@pytest.mark.parametrize("nd", [1, 2])
def test_adjoint_identity(nd):
    """<conv(x, w), y> = <x, conv_transpose(y, w)>, with output_padding recovering x's size."""
    conv = convbook.conv1d if nd == 1 else convbook.conv2d
    conv_t = convbook.conv_transpose1d if nd == 1 else convbook.conv_transpose2d

    @given(layer_cases(nd))
    def run(c):
        assume(all(n + 2 * p >= d * (k - 1) + 1 for n, p, d, k in
                   zip(c["sizes"], c["padding"], c["dilation"], c["ks"])))
        rng = np.random.default_rng(c["seed"])
        x = rng.normal(size=(2, c["c_in"]) + c["sizes"])
        w = rng.normal(size=(c["c_out"], c["c_in"] // c["groups"]) + c["ks"])
        kw = dict(stride=c["stride"], padding=c["padding"], dilation=c["dilation"],
                  groups=c["groups"])
        y_shape = conv(x, w, **kw).shape
        o = y_shape[2:]
        base = [(m - 1) * st - 2 * p + d * (k - 1) + 1 for m, st, p, d, k in
                zip(o, c["stride"], c["padding"], c["dilation"], c["ks"])]
        out_pad = tuple(n - b for n, b in zip(c["sizes"], base))
        assume(all(op < max(s, d) for op, s, d in zip(out_pad, c["stride"], c["dilation"])))
        y = rng.normal(size=y_shape)
        # the same weight array: the layer's (C_out, C_in // g, k...) is the transposed
        # layer's (its C_in, its C_out // g, k...)
        back = conv_t(y, w, output_padding=out_pad, **kw)
        assert back.shape == x.shape
        np.testing.assert_allclose(np.vdot(conv(x, w, **kw), y), np.vdot(x, back),
                                   rtol=1e-10, atol=1e-10)
    run()


# --- agreement with torch ----------------------------------------------------------------

@pytest.mark.parametrize("nd", [1, 2])
def test_conv_transpose_matches_torch(nd):
    torch = _torch()
    F = torch.nn.functional
    ours = convbook.conv_transpose1d if nd == 1 else convbook.conv_transpose2d
    ref = F.conv_transpose1d if nd == 1 else F.conv_transpose2d

    @given(layer_cases(nd), st.data())
    def run(c, data):
        out_pad = tuple(data.draw(st.integers(0, 2)) for _ in range(nd))
        rng = np.random.default_rng(c["seed"])
        batched = data.draw(st.booleans())
        shape = (2, c["c_in"]) + c["sizes"]
        x = rng.normal(size=shape if batched else shape[1:])
        w = rng.normal(size=(c["c_in"], c["c_out"] // c["groups"]) + c["ks"])
        b = rng.normal(size=c["c_out"]) if data.draw(st.booleans()) else None
        args = (c["stride"], c["padding"], out_pad, c["groups"], c["dilation"])
        try:
            want = ref(t(x), t(w), None if b is None else t(b), *args).numpy()
        except RuntimeError:  # torch refuses: so must we, with a ValueError
            with pytest.raises(ValueError):
                ours(x, w, b, *args)
            return
        np.testing.assert_allclose(ours(x, w, b, *args), want, rtol=1e-9, atol=1e-9)
    run()


@given(st.tuples(st.integers(1, 4), st.integers(1, 4)), st.tuples(st.integers(1, 3),
       st.integers(1, 3)), st.tuples(st.integers(0, 2), st.integers(0, 2)),
       st.tuples(st.integers(1, 3), st.integers(1, 3)),
       st.tuples(st.integers(1, 8), st.integers(1, 8)), st.integers(0, 2**16))
def test_unfold_and_fold_match_torch(ks, dilation, padding, stride, size, seed):
    torch = _torch()
    F = torch.nn.functional
    x = np.random.default_rng(seed).normal(size=(2, 3) + size)
    try:
        want = F.unfold(t(x), ks, dilation, padding, stride).numpy()
    except RuntimeError:
        with pytest.raises(ValueError):
            convbook.unfold(x, ks, dilation, padding, stride)
        return
    cols = convbook.unfold(x, ks, dilation, padding, stride)
    np.testing.assert_array_equal(cols, want)
    np.testing.assert_allclose(convbook.fold(cols, size, ks, dilation, padding, stride),
                               F.fold(t(cols), size, ks, dilation, padding, stride).numpy(),
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(convbook.unfold(x[0], ks, dilation, padding, stride),
                                  want[0])


@st.composite
def pool_cases(draw, nd):
    ks = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    return dict(ks=ks,
                stride=tuple(draw(st.integers(1, 3)) for _ in range(nd)),
                padding=tuple(draw(st.integers(0, k // 2)) for k in ks),
                dilation=tuple(draw(st.integers(1, 2)) for _ in range(nd)),
                sizes=tuple(draw(st.integers(1, 8)) for _ in range(nd)),
                ceil_mode=draw(st.booleans()),
                special=draw(st.sampled_from(["none", "ties", "nan", "-inf"])),
                seed=draw(st.integers(0, 2**16)))


def _pool_input(c):
    rng = np.random.default_rng(c["seed"])
    x = rng.integers(0, 4, size=(2, 3) + c["sizes"]).astype(float)  # small ints: ties
    if c["special"] == "none":
        x = rng.normal(size=x.shape)
    elif c["special"] == "nan":
        x[x == 3] = np.nan
    elif c["special"] == "-inf":
        x[x < 2] = -np.inf
    return x


@pytest.mark.parametrize("nd", [1, 2])
def test_max_pool_indices_and_unpool_match_torch(nd):
    torch = _torch()
    F = torch.nn.functional
    pool = convbook.max_pool1d if nd == 1 else convbook.max_pool2d
    unpool = convbook.max_unpool1d if nd == 1 else convbook.max_unpool2d
    tpool = F.max_pool1d if nd == 1 else F.max_pool2d
    tunpool = F.max_unpool1d if nd == 1 else F.max_unpool2d

    @given(pool_cases(nd))
    def run(c):
        x = _pool_input(c)
        args = (c["ks"], c["stride"], c["padding"], c["dilation"], c["ceil_mode"], True)
        try:
            tv, ti = tpool(t(x), *args)
        except RuntimeError:
            with pytest.raises(ValueError):
                pool(x, *args)
            return
        values, where = pool(x, *args)
        np.testing.assert_array_equal(values, tv.numpy())
        np.testing.assert_array_equal(where, ti.numpy())
        kw = dict(output_size=c["sizes"])
        try:
            want = tunpool(tv, ti, c["ks"], c["stride"], c["padding"], **kw).numpy()
        except (RuntimeError, ValueError):
            with pytest.raises(ValueError):
                unpool(values, where, c["ks"], c["stride"], c["padding"], **kw)
            return
        np.testing.assert_array_equal(
            unpool(values, where, c["ks"], c["stride"], c["padding"], **kw), want)
    run()


@pytest.mark.parametrize("nd", [1, 2])
def test_lp_pool_matches_torch(nd):
    torch = _torch()
    F = torch.nn.functional
    ours = convbook.lp_pool1d if nd == 1 else convbook.lp_pool2d
    ref = F.lp_pool1d if nd == 1 else F.lp_pool2d

    @given(pool_cases(nd), st.sampled_from([1, 2, 3, 1.5, 4.0]), st.booleans())
    def run(c, p, ceil_mode):
        x = np.abs(np.random.default_rng(c["seed"]).normal(size=(2, 3) + c["sizes"]))
        ks = c["ks"][0] if nd == 1 else c["ks"]
        stride = c["stride"][0] if nd == 1 else c["stride"]
        try:
            want = ref(t(x), p, ks, stride, ceil_mode).numpy()
        except RuntimeError:
            with pytest.raises(ValueError):
                ours(x, p, ks, stride, ceil_mode)
            return
        got = ours(x, p, ks, stride, ceil_mode)
        # torch rescales partial ceil_mode windows by kernel/count (see the worked case)
        count = ours(np.ones_like(x), 1, ks, stride, ceil_mode)
        rescale = (np.prod(c["ks"]) / count) ** (1 / p)
        np.testing.assert_allclose(got * rescale, want, rtol=1e-10, atol=1e-12)
    run()


# --- errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("call, kind, match", [
    (lambda: convbook.conv_transpose2d(np.ones((1, 2, 3, 3)), np.ones((2, 1, 3, 3)), stride=2,
                                       output_padding=2),
     ValueError, r"conv_transpose2d: output_padding must be smaller than either stride or "
                 r"dilation, but got output_padding=2"),
    (lambda: convbook.conv_transpose2d(np.ones((1, 3, 3, 3)), np.ones((2, 1, 3, 3))),
     ValueError, r"conv_transpose2d: input has 3 channels but weight expects 2"),
    (lambda: convbook.conv_transpose1d(np.ones((1, 3, 4)), np.ones((3, 1, 2)), groups=2),
     ValueError, r"conv_transpose1d: groups must divide the input channels, but got groups=2"),
    (lambda: convbook.conv_transpose1d(np.ones((1, 1, 2)), np.ones((1, 1, 2)), padding=3),
     ValueError, r"conv_transpose1d: the output would have size -3"),
    (lambda: convbook.conv_transpose1d(np.ones((1, 1, 2)), np.ones((1, 1))),
     ValueError, r"conv_transpose1d: weight must have shape \(C_in, C_out // groups, k\)"),
    (lambda: convbook.unfold(np.ones((1, 1, 2, 2)), 3),
     ValueError, r"unfold: the padded input \(2\) is smaller than the dilated kernel \(3\)"),
    (lambda: convbook.unfold(np.ones((2, 2)), 1),
     ValueError, r"unfold: input must have shape \(N, C, H, W\) or \(C, H, W\)"),
    (lambda: convbook.fold(np.ones((1, 5, 4)), 3, 2),
     ValueError, r"fold: input.shape\[1\] must be a multiple of kH \* kW = 4"),
    (lambda: convbook.fold(np.ones((1, 4, 5)), 3, 2),
     ValueError, r"fold: input has L=5 columns, but output_size=3 .* has 2 x 2 = 4 windows"),
    (lambda: convbook.max_pool2d(np.ones((1, 2, 2)), 2, return_indices=1),
     TypeError, r"max_pool2d: return_indices must be True or False, but got 1"),
    (lambda: convbook.max_unpool1d(np.ones((1, 2)), np.array([[0, 9]]), 2),
     ValueError, r"max_unpool1d: indices must lie in \[0, 4\) .* but found index 9"),
    (lambda: convbook.max_unpool1d(np.ones((1, 2)), np.array([[0.0, 1.0]]), 2),
     TypeError, r"max_unpool1d: indices must be an integer array"),
    (lambda: convbook.max_unpool1d(np.ones((1, 2)), np.array([[0, 1, 2]]), 2),
     ValueError, r"max_unpool1d: indices must have the shape of input"),
    (lambda: convbook.max_unpool2d(np.ones((1, 2, 2)), np.zeros((1, 2, 2), int), 2,
                                   output_size=(6, 4)),
     ValueError, r"max_unpool2d: output_size must lie between \[3, 3\] and \[5, 5\] \(within"),
    (lambda: convbook.lp_pool1d(np.ones((1, 4)), 0, 2),
     ValueError, r"lp_pool1d: norm_type must be positive and finite .* norm_type=0"),
    (lambda: convbook.lp_pool2d(np.ones((1, 4, 4)), np.inf, 2),
     ValueError, r"lp_pool2d: norm_type must be positive and finite \(use max_pool2d"),
    (lambda: convbook.lp_pool2d(np.ones((1, 4, 4)), "2", 2),
     TypeError, r"lp_pool2d: norm_type must be a positive number, but got '2'"),
])
def test_errors_name_function_argument_and_value(call, kind, match):
    with pytest.raises(kind, match=match):
        call()


# --- cases from ONNX's operator tests (onnx/backend/test/case/node), torch's names ------

ONES_2x3x3 = np.ones((1, 2, 3, 3))
X3 = np.arange(9.0).reshape(1, 1, 3, 3)


def test_onnx_convtranspose_default_and_1d():
    channel = [[0, 1, 3, 3, 2], [3, 8, 15, 12, 7], [9, 21, 36, 27, 15], [9, 20, 33, 24, 13],
               [6, 13, 21, 15, 8]]
    np.testing.assert_array_equal(convbook.conv_transpose2d(X3, ONES_2x3x3), [[channel] * 2])
    np.testing.assert_array_equal(convbook.conv_transpose1d(np.arange(3.0)[None, None],
                                                            np.ones((1, 2, 3))),
                                  [[[0, 1, 3, 3, 2]] * 2])


def test_onnx_convtranspose_output_padding_and_pads():
    # strides (3, 2) with output_padding (1, 1): ONNX's "convtranspose_pad", (1, 2, 10, 8)
    rows = [[0, 0, 1, 1, 3, 2, 2, 0]] * 3 + [[3, 3, 7, 4, 9, 5, 5, 0]] * 3 \
        + [[6, 6, 13, 7, 15, 8, 8, 0]] * 3 + [[0] * 8]
    got = convbook.conv_transpose2d(X3, ONES_2x3x3, stride=(3, 2), output_padding=(1, 1))
    np.testing.assert_array_equal(got, [[rows] * 2])
    # pads [1, 2, 1, 2] (begin H, begin W, end H, end W) is torch's padding=(1, 2)
    rows = [[1, 1, 3]] * 2 + [[7, 4, 9]] * 3 + [[13, 7, 15]] * 2
    got = convbook.conv_transpose2d(X3, ONES_2x3x3, stride=(3, 2), padding=(1, 2))
    np.testing.assert_array_equal(got, [[rows] * 2])


def test_onnx_col2im_cases():
    image = np.arange(1.0, 26.0).reshape(5, 5)
    image[1, 4] = 0
    # block (1, 5): each column is one row of the image
    np.testing.assert_array_equal(convbook.fold(image.T[None], (5, 5), (1, 5)), [[image]])
    cols = np.zeros((1, 9, 4))
    cols[0, [1, 2, 3, 7]] = 1
    want = [[0, 1, 1, 1, 1], [1, 0, 1, 0, 0], [0, 2, 1, 2, 1], [1, 0, 1, 0, 0],
            [0, 1, 0, 1, 0]]
    np.testing.assert_array_equal(convbook.fold(cols, 5, 3, stride=2), [[want]])
    cols = np.arange(1.0, 76.0).reshape(15, 5).T[None]  # pads [0, 1, 0, 1]
    # ONNX's expected output has 14 in the top-right corner; torch's fold gives 24, and
    # so does the sum by hand (10 + 14, from windows 1 and 2 of row 0; the column below
    # steps by 30: 24, 54, 84, 114, 144)
    want = [[8, 21, 24, 27, 24], [38, 66, 69, 72, 54], [68, 111, 114, 117, 84],
            [98, 156, 159, 162, 114], [128, 201, 204, 207, 144]]
    np.testing.assert_array_equal(convbook.fold(cols, 5, (1, 5), padding=(0, 1)), [[want]])
    cols = np.arange(1.0, 21.0).reshape(5, 4).T[None]  # dilations (1, 5)
    want = np.zeros((6, 6))
    want[:, 0] = [1, 8, 16, 24, 32, 19]
    want[:, 5] = [2, 10, 18, 26, 34, 20]
    np.testing.assert_array_equal(convbook.fold(cols, 6, 2, dilation=(1, 5)), [[want]])


def test_onnx_maxunpool_without_output_shape():
    got = convbook.max_unpool2d(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]),
                                np.array([[[[5, 7], [13, 15]]]]), 2, stride=2)
    np.testing.assert_array_equal(got, [[[[0, 0, 0, 0], [0, 1, 0, 2], [0, 0, 0, 0],
                                          [0, 3, 0, 4]]]])
    # (ONNX's "with output_shape" case reads the indices in the pooled input's 4 x 4
    # plane and pads to 5 x 5; torch and convbook read them in the output's plane.)
