"""convbook.continuous: quadrature against the closed forms, and its convergence."""
import numpy as np
import pytest

from convbook import continuous as C

T = np.linspace(-4, 6, 41)


@pytest.mark.parametrize("f, g", [
    (C.box(1.0), C.box(1.0)),
    (C.box(1.0), C.box(2.5)),
    (C.gaussian(0.7), C.gaussian(1.3, mean=0.5)),
    (C.exponential(2.0), C.box(1.5)),
    (C.box(0.5), C.exponential(1.0)),
    (C.exponential(1.0), C.exponential(3.0)),
    (C.exponential(2.0), C.exponential(2.0)),
])
def test_default_quadrature_meets_1e6_relative_accuracy(f, g):
    exact = C.closed_form(f, g)(T)
    approx = C.convolve(f, g, T)
    scale = np.max(np.abs(exact))
    assert np.max(np.abs(approx - exact)) <= 1e-6 * scale


def test_box_box_is_the_triangle():
    np.testing.assert_allclose(C.closed_form(C.box(1.0), C.box(1.0))(T), C.triangle(1.0)(T),
                               atol=1e-15)


def test_gaussian_variances_add():
    g = C.closed_form(C.gaussian(3.0), C.gaussian(4.0))
    assert g.params["sigma"] == pytest.approx(5.0)


def test_commutative():
    f, g = C.exponential(1.5), C.box(1.0)
    np.testing.assert_allclose(C.convolve(f, g, T), C.convolve(g, f, T), atol=1e-12)


def test_plain_callables_need_a_window():
    with pytest.raises(ValueError, match="pass window="):
        C.convolve(np.cos, np.sin, 0.0)
    val = C.convolve(lambda x: np.exp(-x**2), lambda x: np.exp(-x**2), 0.0, window=(-10, 10))
    assert val == pytest.approx(np.sqrt(np.pi / 2), rel=1e-6)


def test_narrow_window_loses_mass():
    f = C.gaussian(1.0)
    wide = C.convolve(f, f, 0.0)
    narrow = C.convolve(f, f, 0.0, window=(-0.25, 0.25))
    assert narrow < 0.5 * wide


@pytest.mark.parametrize("rule, order", [("trapezoid", 2), ("midpoint", 2), ("simpson", 4)])
def test_rules_converge_at_their_order(rule, order):
    # a smooth integrand with a window that cuts it (so the trapezoid is not spectral)
    f = lambda x: np.exp(x)  # noqa: E731
    g = lambda x: np.ones_like(x)  # noqa: E731
    exact = np.e - 1.0
    ns = [8, 16, 32, 64]
    errors = [abs(C.convolve(f, g, 0.0, window=(0.0, 1.0), rule=rule, n=n) - exact) for n in ns]
    assert C.observed_order([1 / n for n in ns], errors) == pytest.approx(order, abs=0.1)


def test_trapezoid_is_first_order_across_a_jump():
    f, g = C.box(1.0), C.box(1.0)
    t = 0.3
    exact = float(C.closed_form(f, g)(t))
    ns = [101, 201, 401, 801, 1601]
    errs = [abs(C.convolve(f, g, t, rule="trapezoid", window=(-1, 1), n=n) - exact) for n in ns]
    assert C.observed_order([2 / n for n in ns], errs) == pytest.approx(1.0, abs=0.3)


def test_scalar_in_scalar_out_and_shape_kept():
    assert isinstance(C.convolve(C.box(), C.box(), 0.0), float)
    assert C.convolve(C.box(), C.box(), np.zeros((2, 3))).shape == (2, 3)
