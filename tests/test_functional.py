"""convbook layers against torch.nn.functional: worked cases, random agreement, identities."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import convbook



def _torch():
    """torch for the agreement tests only: the worked cases and identities run without it."""
    torch = pytest.importorskip("torch")
    torch.set_num_threads(1)
    return torch


def t(a):
    return _torch().from_numpy(np.ascontiguousarray(a))


# --- exact cases --------------------------------------------------------------------

def test_d2l_conv2d_example():
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[0.0, 1.0], [2.0, 3.0]]]])
    np.testing.assert_array_equal(convbook.conv2d(x, w), [[[[19, 25], [37, 43]]]])


def test_d2l_pooling_example():
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    np.testing.assert_array_equal(convbook.max_pool2d(x, 2, stride=1), [[[[4, 5], [7, 8]]]])
    np.testing.assert_array_equal(convbook.avg_pool2d(x, 2, stride=1), [[[[2, 3], [5, 6]]]])


def test_bias_added_once_per_output_channel():
    x = np.ones((1, 3, 4, 4))
    w = np.ones((2, 3, 3, 3))
    out = convbook.conv2d(x, w, bias=np.array([10.0, -1.0]))
    np.testing.assert_array_equal(out[0, 0], np.full((2, 2), 27 + 10))
    np.testing.assert_array_equal(out[0, 1], np.full((2, 2), 27 - 1))


def test_unbatched_input_gives_unbatched_output():
    x = np.arange(16.0).reshape(1, 4, 4)
    w = np.ones((2, 1, 3, 3))
    assert convbook.conv2d(x, w).shape == (2, 2, 2)
    assert convbook.conv1d(x[:, 0], w[:, :, 0]).shape == (2, 2)
    assert convbook.max_pool2d(x, 2).shape == (1, 2, 2)


def test_layers_compute_correlation_not_convolution():
    x = np.arange(5.0).reshape(1, 1, 5)
    k = np.array([1.0, 2.0, 4.0])
    np.testing.assert_array_equal(convbook.conv1d(x, k.reshape(1, 1, 3))[0, 0],
                                  convbook.correlate(x[0, 0], k, "valid"))


def test_same_padding_even_kernel_puts_extra_on_the_right():
    x = np.arange(1.0, 6.0).reshape(1, 1, 5)
    w = np.array([[[1.0, 10.0]]])
    # torch: total padding 1, all of it on the right -> last window is (5, 0)
    np.testing.assert_array_equal(convbook.conv1d(x, w, padding="same")[0, 0], [21, 32, 43, 54, 5])


# --- agreement with torch over random arguments --------------------------------------

@st.composite
def conv_cases(draw, nd):
    groups = draw(st.integers(1, 3))
    c_in = groups * draw(st.integers(1, 3))
    c_out = groups * draw(st.integers(1, 3))
    ks = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    dil = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    mode = draw(st.sampled_from(["zeros", "reflect", "replicate", "circular"]))
    padding = draw(st.one_of(st.just("valid"), st.just("same"),
                             st.tuples(*[st.integers(0, 3)] * nd)))
    if padding == "same":
        stride = (1,) * nd
    sizes = tuple(draw(st.integers(1, 9)) for _ in range(nd))
    n = draw(st.integers(1, 2))
    batched = draw(st.booleans())
    bias = draw(st.booleans())
    seed = draw(st.integers(0, 2**16))
    return dict(groups=groups, c_in=c_in, c_out=c_out, ks=ks, dilation=dil, stride=stride,
                padding_mode=mode, padding=padding, sizes=sizes, n=n, batched=batched,
                bias=bias, seed=seed)


def _torch_conv(x, w, b, case, nd):
    """torch's reference: F.pad for non-zero modes (as nn.Conv does), then F.convNd."""
    F = _torch().nn.functional
    fn = F.conv1d if nd == 1 else F.conv2d
    padding = case["padding"]
    if case["padding_mode"] != "zeros":
        if padding == "same":
            total = [d * (k - 1) for d, k in zip(case["dilation"], case["ks"])]
            pads = [(tt // 2, tt - tt // 2) for tt in total]
        elif padding == "valid":
            pads = [(0, 0)] * nd
        else:
            pads = [(p, p) for p in padding]
        flat = [v for pair in reversed(pads) for v in pair]
        if x.dim() == nd + 1:
            x = x.unsqueeze(0)
            x = F.pad(x, flat, mode=case["padding_mode"]).squeeze(0)
        else:
            x = F.pad(x, flat, mode=case["padding_mode"])
        padding = 0
    return fn(x, w, b, stride=case["stride"], padding=padding, dilation=case["dilation"],
              groups=case["groups"])


def _check_conv(case, nd):
    rng = np.random.default_rng(case["seed"])
    shape = (case["n"], case["c_in"]) + case["sizes"]
    if not case["batched"]:
        shape = shape[1:]
    x = rng.normal(size=shape)
    w = rng.normal(size=(case["c_out"], case["c_in"] // case["groups"]) + case["ks"])
    b = rng.normal(size=case["c_out"]) if case["bias"] else None
    fn = convbook.conv1d if nd == 1 else convbook.conv2d
    kwargs = dict(stride=case["stride"], padding=case["padding"], dilation=case["dilation"],
                  groups=case["groups"], padding_mode=case["padding_mode"])
    try:
        expected = _torch_conv(t(x), t(w), None if b is None else t(b), case, nd).numpy()
    except (RuntimeError, NotImplementedError) as err:  # torch refuses: so must we
        with pytest.raises(ValueError):
            fn(x, w, b, **kwargs)
        return str(err)
    np.testing.assert_allclose(fn(x, w, b, **kwargs), expected, rtol=1e-9, atol=1e-9)


@given(conv_cases(1))
def test_conv1d_matches_torch(case):
    _check_conv(case, 1)


@given(conv_cases(2))
def test_conv2d_matches_torch(case):
    _check_conv(case, 2)


@st.composite
def pool_cases(draw, nd):
    ks = tuple(draw(st.integers(1, 4)) for _ in range(nd))
    stride = draw(st.one_of(st.none(), st.tuples(*[st.integers(1, 3)] * nd)))
    padding = tuple(draw(st.integers(0, k // 2)) for k in ks)
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(nd))
    sizes = tuple(draw(st.integers(1, 9)) for _ in range(nd))
    return dict(ks=ks, stride=stride, padding=padding, dilation=dilation, sizes=sizes,
                ceil_mode=draw(st.booleans()), count_include_pad=draw(st.booleans()),
                channels=draw(st.integers(1, 3)), seed=draw(st.integers(0, 2**16)))


def _check_pool(case, nd, kind):
    rng = np.random.default_rng(case["seed"])
    x = rng.normal(size=(2, case["channels"]) + case["sizes"])
    ours = getattr(convbook, f"{kind}_pool{nd}d")
    ref = getattr(_torch().nn.functional, f"{kind}_pool{nd}d")
    kw = dict(stride=case["stride"], padding=case["padding"], ceil_mode=case["ceil_mode"])
    if kind == "max":
        kw["dilation"] = case["dilation"]
    else:
        kw["count_include_pad"] = case["count_include_pad"]
    try:
        expected = ref(t(x), case["ks"], **kw).numpy()
    except RuntimeError:
        with pytest.raises(ValueError):
            ours(x, case["ks"], **kw)
        return
    np.testing.assert_allclose(ours(x, case["ks"], **kw), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kind", ["max", "avg"])
@pytest.mark.parametrize("nd", [1, 2])
def test_pools_match_torch(kind, nd):
    @given(pool_cases(nd))
    def run(case):
        _check_pool(case, nd, kind)
    run()


# --- identities ----------------------------------------------------------------------

def test_circular_padding_makes_conv2d_exactly_shift_equivariant():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(1, 2, 8, 9))
    w = rng.normal(size=(3, 2, 3, 3))
    y = convbook.conv2d(x, w, padding=1, padding_mode="circular")
    ys = convbook.conv2d(np.roll(x, (2, -3), axis=(2, 3)), w, padding=1, padding_mode="circular")
    np.testing.assert_allclose(ys, np.roll(y, (2, -3), axis=(2, 3)), atol=1e-12)


def test_same_equals_explicit_padding_plus_valid():
    rng = np.random.default_rng(4)
    x = rng.normal(size=(2, 3, 7, 6))
    w = rng.normal(size=(4, 3, 3, 5))
    same = convbook.conv2d(x, w, padding="same")
    explicit = convbook.conv2d(np.pad(x, [(0, 0), (0, 0), (1, 1), (2, 2)]), w, padding="valid")
    np.testing.assert_allclose(same, explicit, atol=1e-12)


def test_avg_pool_is_a_strided_box_convolution():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(1, 1, 8, 8))
    box = np.full((1, 1, 2, 2), 0.25)
    np.testing.assert_allclose(convbook.avg_pool2d(x, 2), convbook.conv2d(x, box, stride=2),
                               atol=1e-12)


def test_inputs_not_mutated():
    x = np.arange(32.0).reshape(1, 2, 4, 4)
    w = np.ones((2, 2, 3, 3))
    b = np.zeros(2)
    copies = [a.copy() for a in (x, w, b)]
    convbook.conv2d(x, w, b, padding=1, padding_mode="reflect")
    convbook.max_pool2d(x, 2, padding=1)
    convbook.avg_pool2d(x, 3, padding=1, ceil_mode=True)
    for a, c in zip((x, w, b), copies):
        np.testing.assert_array_equal(a, c)


def test_chunked_batches_give_the_same_answer(monkeypatch):
    rng = np.random.default_rng(6)
    x = rng.normal(size=(5, 3, 6, 6))
    w = rng.normal(size=(4, 3, 3, 3))
    whole = convbook.conv2d(x, w, padding=1)
    # 10 elements: one sample's columns do not fit, so the core chunks over output rows
    for limit in (10, 3 * 27 * 6 * 2, 3 * 27 * 36 * 2):
        monkeypatch.setattr(convbook._core, "CHUNK_ELEMENTS", limit)
        # a different matrix shape may sum in another order in BLAS: equal to rounding
        np.testing.assert_allclose(convbook.conv2d(x, w, padding=1), whole, rtol=1e-13,
                                   atol=1e-13)


# --- one core, two routes, one dtype rule ------------------------------------------------

@pytest.mark.parametrize("groups, c_in, c_out", [(1, 3, 4), (3, 3, 3), (3, 3, 6), (2, 4, 2)])
def test_shift_and_gemm_routes_agree(groups, c_in, c_out):
    from convbook import _core
    rng = np.random.default_rng(7)
    x = rng.normal(size=(2, c_in, 9, 8))
    w = rng.normal(size=(c_out, c_in // groups, 3, 2))
    xp = _core.pad(x, [(1, 1), (2, 0)])
    shift = _core.correlate(xp, w, (2, 1), (1, 3), groups, route="shift")
    gemm = _core.correlate(xp, w, (2, 1), (1, 3), groups, route="gemm")
    np.testing.assert_allclose(shift, gemm, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(
        convbook.conv2d(x, w, padding=0, stride=(2, 1), dilation=(1, 3), groups=groups),
        _core.correlate(x, w, (2, 1), (1, 3), groups, route="gemm"), rtol=1e-12, atol=1e-12)


def test_integer_layers_are_exact_and_never_wrap():
    x = np.full((1, 3, 4, 4), 100, np.int8)
    w = np.full((1, 3, 2, 2), 100, np.int8)
    out = convbook.conv2d(x, w)
    assert out.dtype == np.int64 and (out == 12 * 10_000).all()
    assert convbook.conv1d(np.ones((1, 1, 3), bool), np.ones((1, 1, 2), bool)).tolist() == [[[2, 2]]]


def test_float16_layers_accumulate_wider():
    rng = np.random.default_rng(8)
    x = rng.normal(size=(1, 16, 10)).astype(np.float16)
    w = rng.normal(size=(2, 16, 5)).astype(np.float16)
    exact = convbook.conv1d(x.astype(np.float64), w.astype(np.float64))
    got = convbook.conv1d(x, w)
    assert got.dtype == np.float16
    ulp = np.spacing(np.abs(exact).astype(np.float16)).astype(np.float64)
    assert np.all(np.abs(got.astype(np.float64) - exact) <= 0.5 * ulp + 1e-6)


def test_float32_layers_and_pools_stay_float32():
    x = np.ones((1, 2, 6, 6), np.float32)
    w = np.ones((2, 2, 3, 3), np.float32)
    assert convbook.conv2d(x, w, padding=1).dtype == np.float32
    assert convbook.conv2d(x, w[:, :1], groups=2).dtype == np.float32
    assert convbook.max_pool2d(x, 2).dtype == np.float32
    assert convbook.avg_pool2d(x, 3, padding=1).dtype == np.float32


def test_pools_accept_numpy_bools():
    x = np.arange(5.0).reshape(1, 5)
    flag = np.asarray(x).size > 3  # a numpy bool, as comparisons give
    np.testing.assert_array_equal(convbook.max_pool1d(x, 2, ceil_mode=flag), [[1, 3, 4]])
    np.testing.assert_array_equal(convbook.avg_pool1d(x, 2, ceil_mode=np.True_,
                                                      count_include_pad=np.False_),
                                  [[0.5, 2.5, 4.0]])
