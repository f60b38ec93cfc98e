"""Chapter 6 helpers: the figures of convbook.plot.channels and the checks of
convbook.exercises.channels (right answers pass, typical wrong ones get the right message)."""
import numpy as np
import pytest

import convbook
from convbook.exercises import Feedback
from convbook.exercises.channels import (check_conv1d_by_hand, check_conv2d_as_matmul,
                                         check_full_from_separable)
from convbook.costs import layer_counts
from convbook.plot import channels as chplot


# --- counts -------------------------------------------------------------------------

def test_layer_counts_alexnet_and_depthwise():
    alex = layer_counts(3, 96, 11, size=55)
    assert alex["params"] == 34_944 and alex["weights"] == 34_848 and alex["biases"] == 96
    assert alex["macs"] == 105_415_200  # 290,400 outputs x 363 multiply-adds
    dw = layer_counts(64, 64, 3, groups=64, size=56, bias=False)
    assert dw["params"] == dw["weights"] == 576 and dw["weight_shape"] == (64, 1, 3, 3)


def test_layer_counts_match_torch():
    torch = pytest.importorskip("torch")
    for c_in, c_out, k, g in [(3, 16, 3, 1), (8, 8, 5, 2), (8, 16, 1, 4), (6, 6, 7, 6)]:
        layer = torch.nn.Conv2d(c_in, c_out, k, groups=g, padding=k // 2)
        counts = layer_counts(c_in, c_out, k, groups=g, size=10)
        assert counts["params"] == sum(p.numel() for p in layer.parameters())
        assert counts["weight_shape"] == tuple(layer.weight.shape)


# --- figures ------------------------------------------------------------------------

def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_multi_input_1d_writes_the_summed_output():
    x = np.array([[1, 2, 0, 3, 1, 2], [0, 1, 1, 0, 2, 1], [2, 0, 1, 1, 0, 3]])
    w = np.array([[1, -1], [2, 0], [0, 1]])
    fig = chplot.multi_input_1d(x, w, b=1)
    last = [t.get_text() for t in fig.axes[-1].texts]
    assert last == ["0", "6", "1", "3", "7"]


def test_multi_output_1d_matches_conv1d():
    x = np.array([[1, 2, 0, 3], [0, 1, 1, 0]])
    w = np.array([[[1, 0], [0, 1]], [[1, 1], [-1, 0]]])
    b = np.array([0, 2])
    fig = chplot.multi_output_1d(x, w, b)
    y = convbook.conv1d(x, w, b)
    for o in range(2):
        ax = [a for a in fig.axes if a.get_title().startswith(f"y[{o}]")][0]
        assert [t.get_text() for t in ax.texts] == [f"{v:g}" for v in y[o]]


def test_im2col_picture_product_is_the_layer():
    x = np.arange(18).reshape(2, 3, 3)
    k = np.array([[[0, 1], [2, 3]], [[1, 2], [3, 4]]])
    w = np.stack([k, k + 1])
    fig = chplot.im2col_picture(x, w)
    product = fig.axes[-1]
    want = convbook.conv2d(x, w).reshape(2, -1)
    assert [t.get_text() for t in product.texts] == [f"{v:g}" for v in want.ravel()]


def test_rgb_channels_and_filter_bank_draw():
    rng = np.random.default_rng(1)
    fig = chplot.rgb_channels(rng.random((3, 16, 16)), rng.normal(size=(3, 3, 3)))
    assert len(fig.axes) == 13  # with the two colour bars
    fig = chplot.filter_bank([rng.normal(size=(6, 6))] * 3, [np.eye(3)] * 3, ["a", "b", "c"],
                             ncols=2)
    assert [ax.get_title() for ax in fig.axes[:3]] == ["a", "b", "c"]
    assert not fig.axes[3].axison  # the unused panel is hidden


def test_param_bars_writes_every_count():
    fig = chplot.param_bars({"a": 1000, "b": 27})
    assert texts(fig) == ["1,000", "27"]


@pytest.mark.parametrize("c_in, c_out, k, g", [(4, 8, 3, 1), (8, 8, 3, 8), (16, 16, 7, 4),
                                              (1, 1, 1, 1)])
def test_weight_tensor_draws_one_tile_per_slice(c_in, c_out, k, g):
    fig = chplot.weight_tensor(c_in, c_out, k, groups=g)
    ax = fig.axes[0]
    gids = [p.get_gid() for p in ax.patches]
    assert gids.count("slice") + gids.count("absent") == c_out * c_in
    assert gids.count("slice") == c_out * c_in // g  # only the diagonal blocks exist
    assert gids.count("bias") == c_out
    assert all(p.get_width() == k for p in ax.patches if p.get_gid() == "slice")
    counts = layer_counts(c_in, c_out, k, g)
    assert f"{counts['params']:,} parameters" in ax.get_title()
    assert f"{counts['macs']:,}" in ax.get_title()


def test_weight_tensor_is_to_scale():
    small = chplot.weight_tensor(2, 2, 1).axes[0]
    large = chplot.weight_tensor(16, 16, 7).axes[0]
    assert small.get_xlim() == large.get_xlim() == (-8, 128.0)


def test_weight_tensor_reports_bad_groups_instead_of_failing():
    fig = chplot.weight_tensor(3, 4, 3, groups=2)
    assert "must divide" in texts(fig)[0]


def test_presets_are_valid_layers():
    for name, (c_in, c_out, k, g) in chplot.PRESETS.items():
        assert c_in % g == 0 and c_out % g == 0
        assert str(layer_counts(c_in, c_out, k, g)["weight_shape"]) in \
            chplot.preset_layer(name).axes[0].get_title()
    # all frames of the kernel-free explorer share one scale
    assert len({chplot.preset_layer(name).axes[0].get_xlim() for name in chplot.PRESETS}) == 1
    with pytest.raises(ValueError, match="name must be one of"):
        chplot.preset_layer("nonsense")


# --- exercise checks ----------------------------------------------------------------

def loops_conv1d(x, w, b):
    c_out, c_in, k = w.shape
    out = np.zeros((c_out, x.shape[1] - k + 1))
    for o in range(c_out):
        for i in range(out.shape[1]):
            out[o, i] = sum(w[o, c, j] * x[c, i + j] for c in range(c_in) for j in range(k)) + b[o]
    return out


def test_check_conv1d_by_hand():
    assert check_conv1d_by_hand(loops_conv1d)
    flipped = lambda x, w, b: loops_conv1d(x, w[..., ::-1], b)  # noqa: E731
    assert "flipped the kernel" in check_conv1d_by_hand(flipped).message
    assert "once per input channel" in check_conv1d_by_hand(
        lambda x, w, b: loops_conv1d(x, w, 3 * b)).message
    assert "bias is missing" in check_conv1d_by_hand(lambda x, w, b: loops_conv1d(x, w, 0 * b)).message
    only0 = lambda x, w, b: convbook.conv1d(x[:1], w[:, :1], b)  # noqa: E731
    assert "only input channel 0" in check_conv1d_by_hand(only0).message
    assert "shape" in check_conv1d_by_hand(lambda x, w, b: x).message


def stub(*args):
    raise NotImplementedError


def crash(*args):
    return [][1]


@pytest.mark.parametrize("check", [check_conv1d_by_hand, check_full_from_separable,
                                   check_conv2d_as_matmul])
def test_checks_never_crash(check):
    fb = check(stub)
    assert isinstance(fb, Feedback) and not fb and "NotImplementedError" in fb.message
    fb = check(crash)
    assert not fb and "IndexError" in fb.message
    assert not check(lambda *a: None)
    assert not check("not a function")


def test_check_full_from_separable():
    def full(d, p, c_in):
        m = d.shape[0] // c_in
        dd = d[:, 0].reshape(c_in, m, *d.shape[2:])
        pp = p[:, :, 0, 0].reshape(len(p), c_in, m)
        return np.einsum("ocm,cmpq->ocpq", pp, dd)

    assert check_full_from_separable(full)
    # the multiplier-1 formula passes the first case but not the second
    fb = check_full_from_separable(lambda d, p, c: p * d[:, 0][None])
    assert not fb and "channel multiplier 2" in fb.message
    # and the formula is the layer: depthwise then pointwise equals one convolution
    rng = np.random.default_rng(0)
    d = rng.normal(size=(6, 1, 3, 3))
    p = rng.normal(size=(5, 6, 1, 1))
    x = rng.normal(size=(3, 8, 8))
    two = convbook.conv2d(convbook.conv2d(x, d, groups=3), p)
    assert np.allclose(two, convbook.conv2d(x, full(d, p, 3)))


def test_check_conv2d_as_matmul():
    from numpy.lib.stride_tricks import sliding_window_view

    def right(x, w, b, s):
        c_out, c_in, kh, kw = w.shape
        win = sliding_window_view(x, (kh, kw), axis=(1, 2))[:, ::s, ::s]
        ho, wo = win.shape[1:3]
        cols = win.transpose(0, 3, 4, 1, 2).reshape(c_in * kh * kw, ho * wo)
        return (w.reshape(c_out, -1) @ cols + b[:, None]).reshape(c_out, ho, wo)

    assert check_conv2d_as_matmul(right)
    assert "stride" in check_conv2d_as_matmul(lambda x, w, b, s: right(x, w, b, 1)).message
    assert "once per input channel" in check_conv2d_as_matmul(
        lambda x, w, b, s: right(x, w, 2 * b, s)).message
    assert "bias is missing" in check_conv2d_as_matmul(
        lambda x, w, b, s: right(x, w, 0 * b, s)).message
    swapped = lambda x, w, b, s: right(x, w.transpose(0, 1, 3, 2), b, s)  # noqa: E731
    assert not check_conv2d_as_matmul(swapped)
