"""Chapter 2, second edition: the figures of convbook.plot.continuous_theory."""
import math

import numpy as np
from matplotlib.figure import Figure

from convbook import plot
from convbook.continuous import box, closed_form, exponential
from convbook.plot import continuous_theory as T


def test_convolution_theorem_draws_factors_product_and_measured_dots():
    xi = np.linspace(-2, 2, 81)
    f_hat, g_hat = np.sinc(2 * xi), 1 / (1 + 2j * np.pi * xi)
    fig = T.convolution_theorem(xi, {"f": f_hat, "g": g_hat}, f_hat * g_hat,
                                xi[::10], (f_hat * g_hat)[::10])
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    re_ax, im_ax = fig.axes
    assert [a.get_title() for a in fig.axes] == ["real part", "imaginary part"]
    # dashed factors, solid product, dots: the dots are the measured values
    dots = re_ax.lines[3]
    np.testing.assert_allclose(dots.get_ydata(), np.real(f_hat * g_hat)[::10])
    np.testing.assert_allclose(im_ax.lines[2].get_ydata(), np.imag(f_hat * g_hat))
    assert len(fig.legends) == 1 and len(fig.legends[0].get_texts()) == 4


def test_convolution_theorem_draws_on_given_axes():
    fig = plot.figure((8, 3))
    axs = fig.subplots(1, 2)
    xi = np.linspace(-1, 1, 5)
    assert T.convolution_theorem(xi, {"f": xi + 0j}, xi + 0j, xi, xi, ax=axs) is fig


def test_rc_circuit_plots_what_it_is_given():
    ts = np.linspace(-2, 5, 141)
    u, h = box(2.0)(ts), exponential(1.5)(ts)
    v = closed_form(exponential(1.5), box(2.0))(ts)
    fig = T.rc_circuit(ts, u, h, v, ts[::10], v[::10])
    left, right = fig.axes
    np.testing.assert_allclose(left.lines[1].get_ydata(), h)
    np.testing.assert_allclose(right.lines[0].get_ydata(), v)
    assert len(right.lines[1].get_xdata()) == 15
    legend = [t.get_text() for t in right.get_legend().get_texts()]
    assert legend[0] == "$(u * h)(t)$" and "RK4" in legend[1]


def test_disk_self_convolution_has_image_colour_bar_and_profile():
    d = np.linspace(0, 2, 201)
    area = 2 * np.arccos(d / 2) - d / 2 * np.sqrt(4 - d**2)
    image = np.outer(np.ones(5), np.ones(5))
    fig = T.disk_self_convolution(image, 2.0, d, area, area)
    assert len(fig.axes) == 3  # image, colour bar, profile
    profile = fig.axes[1]
    assert math.isclose(profile.lines[0].get_ydata()[0], math.pi)
    assert len(profile.lines[1].get_xdata()) == len(d[::8])


# --- facts about convbook.continuous that the chapter's prose states ------------------------

def test_truncations_the_chapter_states():
    """Chapter 2 says: convolve integrates gaussian(s) over 12 s around its mean and
    exponential(a) over [0, 37 / a] (the functions themselves are not cut)."""
    from convbook.continuous import gaussian
    assert gaussian(0.5).support == (-6.0, 6.0)
    assert gaussian(0.5, mean=1.0).support == (-5.0, 7.0)
    assert exponential(2.0).support == (0.0, 18.5)
    assert gaussian(0.1)(1.3) > 0.0 and exponential(1.0)(38.0) > 0.0
    from convbook.continuous import convolve
    assert convolve(box(1.0), gaussian(0.1), 1.8) == 0.0  # beyond 0.5 + 1.2
    assert convolve(box(1.0), gaussian(0.1), 1.6) > 0.0


def test_a_plain_callable_kernel_uses_the_other_factors_support():
    """The chapter computes Fourier transforms as (f * cos)(0): the window comes from f."""
    from convbook.continuous import convolve
    value = convolve(box(1.0), lambda x: np.cos(2 * np.pi * 1.5 * x), 0.0)
    assert math.isclose(value, float(np.sinc(1.5)), rel_tol=1e-12)
