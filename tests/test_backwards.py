"""Chapter 8's helpers: convbook.grad, convbook.upsampling, the exercise checks and figures.

Worked cases run without torch; agreement with torch (autograd, torch.nn.grad,
pixel_shuffle, conv_transpose) is tested where torch is installed, with Hypothesis
(a budget of 60 examples per property).
"""
import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

try:
    import torch
except ImportError:  # the worked cases above the torch section still run
    torch = None

needs_torch = pytest.mark.skipif(torch is None, reason="torch is not installed")

import convbook
from convbook import grad, upsampling
from convbook.exercises import backwards as ex

BUDGET = 60


# ----------------------------------------------------------------- worked cases

def test_grad_worked_cases_match_the_chapter():
    x = np.array([[[3.0, 1.0, 4.0, 1.0, 5.0, 9.0]]])
    w = np.array([[[2.0, -1.0, 1.0]]])
    g = np.array([[[1.0, 0.0, -2.0, 1.0]]])
    gx = grad.conv1d_input(x.shape, w, g)
    assert np.array_equal(gx[0, 0], convbook.convolve(g[0, 0], w[0, 0], mode="full"))
    assert gx[0, 0, 2] == -3
    gw = grad.conv1d_weight(x, w.shape, g)
    assert np.array_equal(gw[0, 0], convbook.correlate(x[0, 0], g[0, 0], mode="valid"))


def test_input_gradient_is_the_transposed_convolution():
    rng = np.random.default_rng(0)
    for s, p, d in [(1, 0, 1), (2, 1, 1), (3, 2, 2), (2, 0, 3)]:
        x = rng.normal(size=(2, 3, 17))
        w = rng.normal(size=(4, 3, 3))
        y = convbook.conv1d(x, w, stride=s, padding=p, dilation=d)
        g = rng.normal(size=y.shape)
        a = (17 + 2 * p - d * 2 - 1) % s
        t = convbook.conv_transpose1d(g, w, stride=s, padding=p, dilation=d, output_padding=a)
        assert np.allclose(grad.conv1d_input(x.shape, w, g, s, p, d), t, atol=1e-12)


def test_linear_map_matrix_is_the_transpose():
    w = np.array([[[1.0, 2.0, 3.0]]])
    C = grad.linear_map_matrix(lambda v: convbook.conv1d(v[None, None], w, stride=2)[0, 0], (7,))
    CT = grad.linear_map_matrix(
        lambda v: convbook.conv_transpose1d(v[None, None], w, stride=2)[0, 0], (3,))
    assert np.array_equal(C.T, CT)
    assert C.tolist()[1] == [0, 0, 1, 2, 3, 0, 0]


def test_grad_unbatched_and_groups():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 9, 8))
    w = rng.normal(size=(6, 2, 3, 2))
    y = convbook.conv2d(x, w, groups=2, stride=(2, 1))
    g = rng.normal(size=y.shape)
    gx = grad.conv2d_input(x.shape, w, g, stride=(2, 1), groups=2)
    gw = grad.conv2d_weight(x, w.shape, g, stride=(2, 1), groups=2)
    assert gx.shape == x.shape and gw.shape == w.shape
    # adjoint identity: <conv(x), g> = <x, dL/dx> and, linear in w, <conv(x, w), g> = <w, dL/dw>
    assert np.isclose(np.sum(y * g), np.sum(x * gx))
    assert np.isclose(np.sum(y * g), np.sum(w * gw))


@pytest.mark.parametrize("call, match", [
    (lambda: grad.conv1d_input((1, 1, 5), np.ones((1, 1, 3)), np.ones((1, 1, 4))),
     "grad_output has size 4 along spatial axis 0, but the layer maps input size 5 to 3"),
    (lambda: grad.conv1d_input((1, 2, 5), np.ones((1, 1, 3)), np.ones((1, 1, 3))),
     "input has 2 channels and weight shape"),
    (lambda: grad.conv1d_input([1, 1, 5], np.ones((1, 1, 3)), np.ones((1, 1, 3)), stride=0),
     "stride must be >= 1"),
    (lambda: grad.conv2d_weight(np.ones((1, 1, 4, 4)), (1, 1, 3), np.ones((1, 1, 2, 2))),
     "weight_size must be"),
    (lambda: grad.conv1d_input(np.array([1, 1, 5]), np.ones((1, 1, 3)), np.ones((1, 1, 3))),
     "input_size must be a tuple of ints"),
    (lambda: grad.conv1d_weight(np.ones((1, 1, 2)), (1, 1, 3), np.ones((1, 1, 1))),
     "kernel size 3 with dilation 1 does not fit"),
    (lambda: grad.linear_map_matrix(3, (2,)), "func must be callable"),
    (lambda: grad.linear_map_matrix(lambda v: v, (10**6, 10**6)), "at most 4096"),
    (lambda: grad.tap_index(2, 3), "tap_index: kernel_size=3 does not fit"),
    (lambda: grad.tap_index(5, 3, stride=0), "tap_index: stride must be >= 1"),
    (lambda: upsampling.upsample_nearest(np.ones((1, 2, 2)), 10**6), "at most 100000000"),
    (lambda: grad.linear_map_matrix(lambda v: v[:int(v.argmax()) + 1], (3,)),
     "the same shape for every input"),
])
def test_grad_errors_name_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_upsampling_worked_cases():
    assert upsampling.overlap_counts(4, 3, stride=2).tolist() == [1, 1, 2, 1, 2, 1, 2, 1, 1]
    assert np.array_equal(upsampling.phase_sums([1.0, 1.0, 1.0], 2), [2.0, 1.0])
    assert np.array_equal(upsampling.phase_sums(np.ones((3, 3)), 2), [[4.0, 2.0], [2.0, 1.0]])
    assert upsampling.checkerboard_contrast(np.ones((6, 6)), 2, border=1) == 0.0
    x = np.arange(16.0).reshape(1, 4, 4)
    assert np.array_equal(upsampling.pixel_shuffle(upsampling.pixel_unshuffle(x, 2), 2), x)
    assert upsampling.upsample_nearest(np.ones((1, 2, 3)), 3).shape == (1, 6, 9)


def test_overlap_counts_are_transposed_convolutions_of_ones():
    for n, k, s, p, a, d in [(4, 3, 2, 0, 0, 1), (5, 4, 3, 1, 2, 1), (3, 3, 2, 1, 1, 2),
                             (6, 5, 2, 2, 1, 1)]:
        ones = convbook.conv_transpose1d(np.ones((1, 1, n)), np.ones((1, 1, k)), stride=s,
                                         padding=p, output_padding=a, dilation=d)[0, 0]
        assert np.array_equal(upsampling.overlap_counts(n, k, s, p, a, d), ones)


def test_phase_sums_theorem():
    rng = np.random.default_rng(3)
    for k in range(1, 7):
        for s in range(1, 4):
            w = rng.normal(size=k)
            z = convbook.conv_transpose1d(np.ones((1, 1, 8)), w[None, None], stride=s)[0, 0]
            j = np.arange(k - 1, 7 * s + 1)
            assert np.allclose(z[j], upsampling.phase_sums(w, s)[j % s])


@pytest.mark.parametrize("call, match", [
    (lambda: upsampling.overlap_counts(3, 3, stride=2, output_padding=2),
     "output_padding must be smaller than stride or dilation"),
    (lambda: upsampling.overlap_counts(1, 1, padding=1), "crops the whole output"),
    (lambda: upsampling.phase_sums(np.ones((2, 2, 2)), 2), "kernel must be a non-empty 1-D or 2-D"),
    (lambda: upsampling.checkerboard_contrast(np.ones(4), 2), "image must be 2-D"),
    (lambda: upsampling.checkerboard_contrast(np.ones((4, 4)), 2, border=2), "smaller than one period"),
    (lambda: upsampling.pixel_shuffle(np.ones((3, 2, 2)), 2), "divisible by upscale_factor"),
    (lambda: upsampling.pixel_unshuffle(np.ones((1, 3, 4)), 2), "divisible by downscale_factor"),
    (lambda: upsampling.upsample_nearest(np.ones((2, 2)), 2), r"\(N, C, H, W\) or \(C, H, W\)"),
    (lambda: upsampling.upsample_nearest(np.ones((1, 2, 2)), 0), "scale_factor must be >= 1"),
])
def test_upsampling_errors_name_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_inputs_are_not_mutated():
    x = np.arange(12.0).reshape(1, 3, 4)
    before = x.copy()
    upsampling.pixel_unshuffle(x, 1)
    upsampling.upsample_nearest(x, 2)
    grad.conv1d_weight(x, (2, 3, 2), np.ones((1, 2, 3)))
    assert np.array_equal(x, before)


# ----------------------------------------------------------------- exercise checks

def _reference_conv1d_backward(x, w, g, stride):
    c_out, c_in, k = w.shape
    gx, gw = np.zeros_like(x), np.zeros_like(w)
    for o in range(c_out):
        for n in range(g.shape[1]):
            gx[:, stride * n:stride * n + k] += g[o, n] * w[o]
            gw[o] += g[o, n] * x[:, stride * n:stride * n + k]
    return gx, gw, g.sum(axis=1)


def _reference_scatter(y, w, stride, padding):
    full = np.zeros((len(y) - 1) * stride + len(w))
    for n, v in enumerate(y):
        full[n * stride:n * stride + len(w)] += v * w
    return full[padding:len(full) - padding]


def _reference_max_pool_backward(x, g, k, stride):
    out = np.zeros_like(x, dtype=float)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            win = x[i * stride:i * stride + k, j * stride:j * stride + k]
            a, b = np.unravel_index(np.argmax(win), win.shape)
            out[i * stride + a, j * stride + b] += g[i, j]
    return out


def _reference_shuffle(x, r):
    c, h, w = x.shape
    return x.reshape(c // (r * r), r, r, h, w).transpose(0, 3, 1, 4, 2).reshape(
        c // (r * r), h * r, w * r)


REFERENCES = {
    "check_conv1d_backward": _reference_conv1d_backward,
    "check_transpose_scatter": _reference_scatter,
    "check_max_pool_backward": _reference_max_pool_backward,
    "check_copies": lambda k, s: sorted({-(-k // s), k // s}),
    "check_pixel_shuffle": _reference_shuffle,
    "check_weight_grad_args": lambda s, d: (d, s),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_reference_solutions_pass(name):
    fb = getattr(ex, name)(REFERENCES[name])
    assert fb, fb.message


WRONG = [
    ("check_conv1d_backward", lambda x, w, g, s: None, "not done yet"),
    ("check_conv1d_backward",
     lambda x, w, g, s: (_reference_conv1d_backward(x, w[..., ::-1], g, s)[0],) +
     _reference_conv1d_backward(x, w, g, s)[1:], "you used the kernel reversed"),
    ("check_conv1d_backward",
     lambda x, w, g, s: _reference_conv1d_backward(x, w, g, s)[:2], "tuple of 3 arrays"),
    ("check_conv1d_backward",
     lambda x, w, g, s: _reference_conv1d_backward(x, w, g, s)[:2] + (g.sum(),), "grad_b"),
    ("check_conv1d_backward", lambda x, w, g, s: _unstrided_weight_grad(x, w, g, s),
     "not x[n + m]"),
    ("check_transpose_scatter",
     lambda y, w, s, p: _reference_scatter(y, w, s, 0), "the uncropped length"),
    ("check_transpose_scatter",
     lambda y, w, s, p: _reference_scatter(y, w[::-1], s, p), "copy the kernel as it is"),
    ("check_max_pool_backward",
     lambda x, g, k, s: _last_max(x, g, k, s), "first maximum"),
    ("check_max_pool_backward",
     lambda x, g, k, s: _assign_not_add(x, g, k, s), "collects all their gradients"),
    ("check_copies", lambda k, s: [k // s], "expected 2 values"),
    ("check_copies", lambda k, s: sorted({k // s + 1, k // s}), "expected 1 value"),
    ("check_copies", lambda k, s: "two", "should be an array of numbers"),
    ("check_pixel_shuffle",
     lambda x, r: x.reshape(x.shape[0] // (r * r), r, r, *x.shape[1:]).transpose(0, 3, 2, 4, 1)
     .reshape(x.shape[0] // (r * r), x.shape[1] * r, x.shape[2] * r), "the sub-pixel row i comes first"),
    ("check_pixel_shuffle", lambda x, r: x, "has shape"),
    ("check_weight_grad_args", lambda s, d: (s, d), "swapped"),
    ("check_weight_grad_args", lambda s, d: (1, 1), "expected another pair"),
    ("check_weight_grad_args", lambda s, d: d, "should return a pair"),
    ("check_weight_grad_args", lambda s, d: (d,), "a tuple of length 1"),
    ("check_weight_grad_args", lambda s, d: (1.5, 2), "should be an int"),
]


def _unstrided_weight_grad(x, w, g, stride):
    gx, gw, gb = _reference_conv1d_backward(x, w, g, stride)
    k = w.shape[2]
    gw = np.zeros_like(w)
    for n in range(g.shape[1]):
        gw += g[:, n][:, None, None] * x[None, :, n:n + k]
    return gx, gw, gb


def _last_max(x, g, k, stride):
    out = np.zeros_like(x, dtype=float)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            win = x[i * stride:i * stride + k, j * stride:j * stride + k]
            flat = win.ravel()
            a, b = np.unravel_index(len(flat) - 1 - np.argmax(flat[::-1]), win.shape)
            out[i * stride + a, j * stride + b] += g[i, j]
    return out


def _assign_not_add(x, g, k, stride):
    out = np.zeros_like(x, dtype=float)
    for i in range(g.shape[0]):
        for j in range(g.shape[1]):
            win = x[i * stride:i * stride + k, j * stride:j * stride + k]
            a, b = np.unravel_index(np.argmax(win), win.shape)
            out[i * stride + a, j * stride + b] = g[i, j]
    return out


@pytest.mark.parametrize("name, answer, message", WRONG, ids=[f"{n}-{i}" for i, (n, _, _) in
                                                              enumerate(WRONG)])
def test_wrong_answers_get_a_message(name, answer, message):
    fb = getattr(ex, name)(answer)
    assert not fb
    assert message in fb.message, fb.message


@pytest.mark.parametrize("name", sorted(REFERENCES))
@pytest.mark.parametrize("answer", [None, 3, "x", lambda *a: 1 / 0, lambda *a: [[1, 2], [3]],
                                    lambda *a: 10 ** 400, lambda *a: {"a": 1}])
def test_nonsense_never_crashes(name, answer):
    fb = getattr(ex, name)(answer)
    assert not fb and fb.message


# ----------------------------------------------------------------- figures

def test_figures_draw():
    from convbook.plot import backwards as bp

    for fig in (bp.layer_matrices(), bp.scatter_add(3, 3, 2, padding=1, output_padding=1),
                bp.transpose_explorer(4, 3, 2, 0), bp.transpose_explorer(1, 1, 1, 3),
                bp.pixel_shuffle_picture(),
                bp.upsampled({"a": np.ones((4, 4)), "b": np.zeros((4, 4))}, ncols=2)):
        assert fig.axes
    idx = grad.tap_index(7, 3, 2)
    assert idx.tolist()[1] == [0, 0, 1, 2, 3, 0, 0]


# ----------------------------------------------------------------- against torch



@st.composite
def layers(draw):
    nd = draw(st.integers(1, 2))
    groups = draw(st.integers(1, 2))
    c_in = groups * draw(st.integers(1, 2))
    c_out = groups * draw(st.integers(1, 2))
    ks = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    s = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    p = tuple(draw(st.integers(0, 2)) for _ in range(nd))
    d = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    size = tuple(draw(st.integers(1, 10)) for _ in range(nd))
    seed = draw(st.integers(0, 2**16))
    return nd, groups, c_in, c_out, ks, s, p, d, size, seed


@needs_torch
@settings(max_examples=BUDGET, deadline=None)
@given(layers())
def test_grad_agrees_with_autograd(layer):
    nd, groups, c_in, c_out, ks, s, p, d, size, seed = layer
    assume(all(dd * (k - 1) + 1 <= n + 2 * pp for dd, k, n, pp in zip(d, ks, size, p)))
    rng = np.random.default_rng(seed)
    x = torch.tensor(rng.normal(size=(2, c_in) + size), requires_grad=True)
    w = torch.tensor(rng.normal(size=(c_out, c_in // groups) + ks), requires_grad=True)
    conv = torch.nn.functional.conv1d if nd == 1 else torch.nn.functional.conv2d
    y = conv(x, w, stride=s, padding=p, dilation=d, groups=groups)
    g = rng.normal(size=tuple(y.shape))
    y.backward(torch.tensor(g))
    gi, gw = ((grad.conv1d_input, grad.conv1d_weight) if nd == 1 else
              (grad.conv2d_input, grad.conv2d_weight))
    opts = dict(stride=s, padding=p, dilation=d, groups=groups)
    assert np.max(np.abs(gi(tuple(x.shape), w.detach().numpy(), g, **opts) - x.grad.numpy())) < 1e-12
    assert np.max(np.abs(gw(x.detach().numpy(), tuple(w.shape), g, **opts) - w.grad.numpy())) < 1e-12


@needs_torch
@settings(max_examples=BUDGET, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.integers(1, 5), st.integers(1, 5),
       st.integers(0, 2**16))
def test_pixel_shuffle_agrees_with_torch(c, r, h, w, seed):
    x = np.random.default_rng(seed).normal(size=(2, c * r * r, h, w))
    ours = upsampling.pixel_shuffle(x, r)
    assert np.array_equal(ours, torch.nn.functional.pixel_shuffle(torch.tensor(x), r).numpy())
    assert np.array_equal(upsampling.pixel_unshuffle(ours, r),
                          torch.nn.functional.pixel_unshuffle(torch.tensor(ours), r).numpy())


@needs_torch
def test_upsample_nearest_agrees_with_torch():
    x = np.random.default_rng(5).normal(size=(2, 3, 4, 5))
    theirs = torch.nn.functional.interpolate(torch.tensor(x), scale_factor=3, mode="nearest")
    assert np.array_equal(upsampling.upsample_nearest(x, 3), theirs.numpy())


@needs_torch
def test_max_pool_check_reference_agrees_with_torch_on_ties():
    x = np.round(np.random.default_rng(7).normal(size=(7, 7)))
    xt = torch.tensor(x[None, None], requires_grad=True)
    y = torch.nn.functional.max_pool2d(xt, 3, stride=2)
    g = np.random.default_rng(8).normal(size=tuple(y.shape))
    y.backward(torch.tensor(g))
    assert np.allclose(ex._max_pool_grad(x, g[0, 0], 3, 2), xt.grad[0, 0].numpy())
