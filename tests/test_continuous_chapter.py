"""Chapter 2 (continuous convolution): its figures and its exercise checks."""
import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from convbook import continuous as C
from convbook import plot
from convbook.exercises import continuous as X
from convbook.plot import continuous as P


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts + [ax.title, ax.xaxis.label, ax.yaxis.label]]


# --- figures -------------------------------------------------------------------------------

def test_flip_and_slide_draws_input_flipped_kernel_product_and_trace():
    f, k = C.box(2.0), C.exponential(1.5)
    fig = P.flip_and_slide(f, k, 0.6)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    top, bottom = fig.axes
    x, y = top.lines[1].get_data()  # the flipped kernel K(t - x)
    np.testing.assert_allclose(y, k(0.6 - x))
    assert "0.455" in " ".join(t.get_text() for t in top.get_legend().get_texts())
    tx, ty = bottom.lines[1].get_data()  # the output traced so far
    assert tx.max() <= 0.6 and np.allclose(ty, C.closed_form(k, f)(tx), atol=1e-12)
    dot = bottom.lines[2].get_data()
    assert math.isclose(dot[1][0], 0.5 * (1 - math.exp(-2.4)), rel_tol=1e-12)


def test_flip_and_slide_draws_on_given_axes_and_reuses_the_trace():
    fig = plot.figure((8, 4.6))
    axs = fig.subplots(2, 1)
    f, k = C.box(1.0), C.box(1.0)
    assert P.flip_and_slide(f, k, -2.0, ax=axs) is fig
    before = len(P._TRACES)
    P.flip_and_slide(f, k, 0.5)
    assert len(P._TRACES) == before  # same pair, same grid: computed once


def test_closed_forms_titles_report_rounding_level_differences():
    fig = P.closed_forms([("box", C.box(1.0), C.box(1.0)), ("exp", C.exponential(1.0), C.exponential(3.0)),
                          ("gauss", C.gaussian(0.6), C.gaussian(0.8))])
    assert len([ax for ax in fig.axes if ax.axison]) == 3
    for ax in fig.axes[:3]:  # a bound, not the CPU-dependent digits of a rounding error
        assert ax.get_title().endswith("largest difference < 1e-12"), ax.get_title()


def test_support_picture_marks_the_sum_of_the_supports():
    f = C.Function("f", lambda x: C.box(1.0)(x - 1.0), (0.5, 1.5), (0.5, 1.5))
    g = C.Function("g", lambda x: C.triangle(0.5)(x - 2.0), (1.5, 2.5), (1.5, 2.0, 2.5))
    fig = P.support_picture(f, g)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["[0.5, 1.5]", "[1.5, 2.5]", "[2, 4]"]


def test_dice_and_clt_and_identity_figures_build():
    rng = np.random.default_rng(0)
    assert len(P.dice(rng.uniform(-0.5, 0.5, (2, 500)).sum(0)).axes) == 2
    fig = P.clt({n: (lambda x, n=n: P.irwin_hall(n, x)) for n in (1, 2)})
    assert len(fig.axes[0].lines) == 5  # two solid, two dashed, one legend proxy
    fig = P.approximate_identity(C.box(2.0), [0.2, 0.1], n_points=21)
    assert len(fig.axes[0].lines) == 3


def test_error_loglog_labels_the_measured_order():
    h = np.array([0.1, 0.05, 0.025])
    fig = P.error_loglog({"rule": h}, {"rule": 3 * h**2}, reference={"h": lambda s: s})
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["rule: order 2.00", "h (thick grey)"]


def test_window_picture_reports_the_kept_fraction():
    fig = P.window_picture(C.gaussian(1.0), C.gaussian(1.0), 0.0, (-1.0, 1.0))
    legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert "84.3%" in legend


def test_riemann_picture_total_is_h_times_the_sample_sum():
    fig = P.riemann(C.exponential(1.5), C.box(2.0), 1.0, 0.1)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    want = X.riemann_reference(C.exponential(1.5), C.box(2.0), 1.0, 0.1)
    assert any(f"{want:.4f}" in s for s in legend)


@pytest.mark.parametrize("n", [2, 3, 4, 6])
def test_irwin_hall_is_the_repeated_box_convolution(n):
    x = np.linspace(-n / 2 - 0.3, n / 2 + 0.3, 301)
    h = 1 / 400
    dens = np.ones(400)
    for _ in range(n - 1):
        dens = h * np.convolve(dens, np.ones(400))
    grid = -n / 2 + n * h / 2 + h * np.arange(dens.size)
    assert np.max(np.abs(np.interp(x, grid, dens, left=0, right=0) - P.irwin_hall(n, x))) < 2e-2
    assert math.isclose(np.trapezoid(P.irwin_hall(n, x), x), 1.0, rel_tol=1e-3)


def test_irwin_hall_checks_n():
    with pytest.raises(ValueError, match="n must be an int in 1..20, but got n=0"):
        P.irwin_hall(0, 0.0)
    with pytest.raises(ValueError, match="n=2.5"):
        P.irwin_hall(2.5, 0.0)


# --- exercise checks -------------------------------------------------------------------------

def riemann_no_h(f, g, t, h):
    return X.riemann_reference(f, g, t, h) / h


def riemann_unflipped(f, g, t, h):
    a, b = f.support
    x = np.arange(math.ceil(a / h), math.floor(b / h) + 1) * h
    return h * np.sum(f(x) * g(x - t))


@pytest.mark.parametrize("answer, words", [
    (X.riemann_reference, "is right"),
    (lambda f, g, t, h: None, "not done yet"),
    (lambda f, g, t, h: 1 / 0, "ZeroDivisionError"),
    (riemann_no_h, "without its factor h"),
    (riemann_unflipped, "the kernel is flipped"),
    (lambda f, g, t, h: 0.123, "expected"),
    (lambda f, g, t, h: "abc", "one number"),
    ("not a function", "should be a function"),
])
def test_check_riemann_conv_diagnoses(answer, words):
    verdict = X.check_riemann_conv(answer)
    assert bool(verdict) == (words == "is right")
    assert words in verdict.message


def test_check_riemann_conv_stub_raising_not_implemented():
    def stub(f, g, t, h):
        raise NotImplementedError
    assert "not done yet" in X.check_riemann_conv(stub).message


@pytest.mark.parametrize("answer, words", [
    (X.dice_reference, "is right"),
    (lambda n: None, "not done yet"),
    (lambda n: X.dice_reference(n) * 6**n, "divide by 6**n"),
    (lambda n: np.full(6 * n, 1 / (6 * n)), "one entry per sum"),
    (lambda n: np.full(5 * n + 1, 1 / (5 * n + 1)), "differs"),
    (lambda n: [1, "x"], "array of numbers"),
])
def test_check_dice_pmf_diagnoses(answer, words):
    verdict = X.check_dice_pmf(answer)
    assert bool(verdict) == (words == "is right")
    assert words in verdict.message


def test_references_agree_with_the_closed_forms():
    assert np.isclose(X.dice_reference(2)[5], 6 / 36)
    f, g = C.exponential(1.0), C.box(1.0)
    approx = X.riemann_reference(f, g, 1.25, 0.001)
    assert abs(approx - float(C.closed_form(f, g)(1.25))) < 2e-3
