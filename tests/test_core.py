"""The one private core (convbook._core): its pieces agree with each other and with
plain NumPy, whatever the route. No torch needed."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from convbook import _core


@st.composite
def cases(draw):
    nd = draw(st.integers(1, 3))
    groups = draw(st.integers(1, 3))
    c_g, o_g = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    ks = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    stride = tuple(draw(st.integers(1, 3)) for _ in range(nd))
    dilation = tuple(draw(st.integers(1, 2)) for _ in range(nd))
    sizes = tuple(draw(st.integers(d * (k - 1) + 1, d * (k - 1) + 6))
                  for k, d in zip(ks, dilation))
    return dict(nd=nd, groups=groups, c_g=c_g, o_g=o_g, ks=ks, stride=stride,
                dilation=dilation, sizes=sizes, n=draw(st.integers(1, 3)),
                seed=draw(st.integers(0, 2**16)))


def _arrays(c):
    rng = np.random.default_rng(c["seed"])
    x = rng.normal(size=(c["n"], c["groups"] * c["c_g"]) + c["sizes"])
    w = rng.normal(size=(c["groups"] * c["o_g"], c["c_g"]) + c["ks"])
    return x, w


def _reference(x, w, stride, dilation, groups):
    """The definition, by einsum over the windows view, one group at a time."""
    win = _core.windows(x, w.shape[2:], stride, dilation)  # (N, C, out..., k...)
    nd = w.ndim - 2
    c_g, o_g = w.shape[1], w.shape[0] // groups
    letters = "ijl"[:nd]
    kl = "pqr"[:nd]
    parts = [np.einsum(f"nc{letters}{kl},oc{kl}->no{letters}",
                       win[:, g * c_g:(g + 1) * c_g], w[g * o_g:(g + 1) * o_g])
             for g in range(groups)]
    return np.concatenate(parts, axis=1)


@given(cases())
def test_both_routes_compute_the_definition(c):
    x, w = _arrays(c)
    want = _reference(x, w, c["stride"], c["dilation"], c["groups"])
    for route in ("shift", "gemm", "auto"):
        got = _core.correlate(x, w, c["stride"], c["dilation"], c["groups"], route)
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10)


@given(cases())
def test_reduce_windows_is_max_and_sum_over_the_windows(c):
    x, _ = _arrays(c)
    win = _core.windows(x, c["ks"], c["stride"], c["dilation"])
    axes = tuple(range(-c["nd"], 0))
    sizes = win.shape[2:2 + c["nd"]]
    np.testing.assert_array_equal(
        _core.reduce_windows(x, c["ks"], c["stride"], c["dilation"], sizes, "max"),
        win.max(axis=axes))
    np.testing.assert_allclose(
        _core.reduce_windows(x, c["ks"], c["stride"], c["dilation"], sizes, "sum"),
        win.sum(axis=axes), rtol=1e-12, atol=1e-12)


@given(cases())
def test_scatter_add_is_the_adjoint_of_windows(c):
    """<windows(x), y> = <x, scatter_add(y)> for every x and y."""
    x, _ = _arrays(c)
    win = _core.windows(x, c["ks"], c["stride"], c["dilation"])
    nd = c["nd"]
    sizes = win.shape[2:2 + nd]
    y = np.random.default_rng(c["seed"] + 1).normal(size=win.shape)
    # scatter_add takes (N, C, k..., out...): move the kernel axes before the output axes
    perm = (0, 1) + tuple(range(2 + nd, 2 + 2 * nd)) + tuple(range(2, 2 + nd))
    back = _core.scatter_add(np.ascontiguousarray(y.transpose(perm)), x.shape[2:], c["ks"],
                             c["stride"], c["dilation"], sizes)
    np.testing.assert_allclose(np.vdot(win, y), np.vdot(x, back), rtol=1e-10)


@given(cases())
def test_argmax_windows_points_at_the_max(c):
    x, _ = _arrays(c)
    win = _core.windows(x, c["ks"], c["stride"], c["dilation"])
    sizes = win.shape[2:2 + c["nd"]]
    values, where = _core.argmax_windows(x, c["ks"], c["stride"], c["dilation"], sizes,
                                         (0,) * c["nd"], x.shape[2:])
    np.testing.assert_array_equal(values, win.max(axis=tuple(range(-c["nd"], 0))))
    flat = x.reshape(x.shape[0], x.shape[1], -1)
    picked = np.take_along_axis(flat, where.reshape(x.shape[0], x.shape[1], -1), axis=2)
    np.testing.assert_array_equal(picked.reshape(values.shape), values)


def test_dtype_rule():
    f16, f32, i8, u8 = (np.zeros(1, t) for t in (np.float16, np.float32, np.int8, np.uint8))
    assert _core.result_dtype(f32, f32) == np.float32
    assert _core.result_dtype(f16, f16) == np.float16
    assert _core.accumulator(np.dtype(np.float16)) == np.float32
    assert _core.result_dtype(i8, i8) == np.int64
    assert _core.result_dtype(u8, u8) == np.uint64
    assert _core.result_dtype(np.zeros(1, bool), np.zeros(1, bool)) == np.int64
    assert _core.result_dtype(np.zeros(1, bool), np.zeros(1, np.uint64)) == np.uint64
    assert _core.result_dtype(i8, f32) == np.float32


def test_integer_range_check():
    with pytest.raises(OverflowError):
        _core.check_integer_range(np.array([2**40]), np.array([2**30]), 2**3, "f")
    _core.check_integer_range(np.array([2**40]), np.array([2**20]), 2**2, "f")  # 2**62 fits
    _core.check_integer_range(np.array([2**62], np.uint64), np.array([3], np.uint64), 1, "f")


def test_one_large_sample_is_chunked_over_rows(monkeypatch):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1, 4, 20, 9))
    w = rng.normal(size=(3, 4, 3, 3))
    want = _core.correlate(x, w, (1, 1), (1, 1), 1, "gemm")
    monkeypatch.setattr(_core, "CHUNK_ELEMENTS", 4 * 9 * 7 * 3)  # 3 output rows a chunk
    np.testing.assert_allclose(_core.correlate(x, w, (1, 1), (1, 1), 1, "gemm"), want,
                               rtol=1e-12, atol=1e-12)
