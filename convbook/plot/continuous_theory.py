"""Figures for the theory sections of chapter 2: the convolution theorem, a linear
time-invariant system (the RC circuit) and a convolution in two dimensions.

Each function draws values the chapter has computed and checked (it computes nothing a
test should check), takes an optional ``ax`` (or a pair of axes for two panels) and
returns the figure.
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from . import COLORS, axes, figure


def _pair(ax: Any, figsize: tuple[float, float], **grid: Any):
    if ax is not None:
        return ax[0].figure, ax
    fig = figure(figsize)
    return fig, fig.subplots(1, 2, **grid)


def convolution_theorem(xi: Any, factors: Mapping[str, Any], product: Any,
                        xi_measured: Any, measured: Any, ax: Any = None, *,
                        label: str = "f * g"):
    """The convolution theorem on one pair: left, the real parts; right, the
    imaginary parts.

    ``factors`` maps a name to the transform of one factor on ``xi`` (dashed),
    ``product`` is their product (solid), and ``measured`` the transform of the
    convolution computed by quadrature at ``xi_measured`` (dots): the dots lie
    on the solid line.
    """
    fig, (re_ax, im_ax) = _pair(ax, (8.8, 3.7))
    xi = np.asarray(xi, dtype=float)
    product = np.asarray(product)
    measured = np.asarray(measured)
    for part, a, name in ((np.real, re_ax, "real part"),
                          (np.imag, im_ax, "imaginary part")):
        for i, (fname, values) in enumerate(factors.items()):
            a.plot(xi, part(np.asarray(values)), color=COLORS[i + 1],
                   linewidth=1.4, linestyle="--", label=f"$\\mathcal{{F}}{fname}$")
        a.plot(xi, part(product), color=COLORS[0], linewidth=2.2,
               label="product of the two")
        a.plot(xi_measured, part(measured), "o", color=COLORS[6], markersize=4,
               label=f"$\\mathcal{{F}}({label})$, quadrature")
        a.axhline(0, color="#888888", linewidth=0.6)
        a.set_xlabel("frequency $\\xi$", fontsize=10)
        a.set_title(name, fontsize=10)
        a.tick_params(labelsize=9)
    re_ax.set_ylim(-0.3, 1.1)
    im_ax.set_ylim(-0.6, 0.6)
    handles, labels = re_ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=len(labels),
               fontsize=9, frameon=False)
    return fig


def rc_circuit(ts: Any, u: Any, h: Any, v: Any, t_ode: Any, v_ode: Any,
               ax: Any = None):
    """An RC circuit as a convolution. Left: the input voltage ``u`` and the
    impulse response ``h``. Right: the output ``u * h`` (line) and the solution
    of the circuit's differential equation (dots) at the times ``t_ode``."""
    fig, (left, right) = _pair(ax, (8.8, 3.3), width_ratios=(1.0, 1.2))
    left.plot(ts, u, color=COLORS[0], linewidth=2, label="input $u(t)$")
    left.plot(ts, h, color=COLORS[1], linewidth=2, linestyle="--",
              label="impulse response $h(t)$")
    left.set_title("what goes in, and the response to an impulse", fontsize=10)
    right.plot(ts, v, color=COLORS[2], linewidth=2.4, label="$(u * h)(t)$")
    right.plot(t_ode, v_ode, "o", color=COLORS[6], markersize=3.5,
               label="RK4 solution of $RC\\,v' + v = u$")
    right.plot(ts, u, color=COLORS[0], linewidth=1, alpha=0.5,
               label="input $u(t)$")
    right.set_title("the output voltage $v(t)$", fontsize=10)
    right.set_ylim(-0.03, 0.62)
    for a in (left, right):
        a.set_xlabel("time t", fontsize=10)
        a.legend(fontsize=8.5, loc="upper right", framealpha=0.9)
        a.tick_params(labelsize=9)
    return fig


def disk_self_convolution(image: Any, extent: float, d: Any, profile: Any,
                          exact: Any, ax: Any = None):
    """``1_D * 1_D`` for the unit disk ``D``. Left: the computed function on the
    plane (``image`` on ``[-extent, extent]^2``), with a colour bar. Right: its
    values along the horizontal axis (dots) against the area of the lens where
    two unit disks at distance ``d`` overlap (line)."""
    fig, (left, right) = _pair(ax, (8.6, 3.5), width_ratios=(1.0, 1.1))
    shown = left.imshow(np.asarray(image), extent=(-extent, extent, -extent, extent),
                        origin="lower", cmap="viridis")
    fig.colorbar(shown, ax=left, shrink=0.85)
    left.set_xlabel("$t_1$", fontsize=10)
    left.set_ylabel("$t_2$", fontsize=10)
    left.set_title("$(\\mathbf{1}_D * \\mathbf{1}_D)(t_1, t_2)$", fontsize=10)
    right.plot(d, exact, color=COLORS[0], linewidth=2.2,
               label="lens area (closed form)")
    right.plot(d[::8], np.asarray(profile)[::8], "o", color=COLORS[1],
               markersize=4, label="$h^2$ times the 2-D discrete sum")
    right.set_xlabel("distance $|t|$ between the disk centres", fontsize=10)
    right.set_ylabel("overlap area", fontsize=10)
    right.set_title("along the axis $t_2 = 0$", fontsize=10)
    right.legend(fontsize=8.5, loc="upper right", framealpha=0.9)
    for a in (left, right):
        a.tick_params(labelsize=9)
    return fig


__all__ = ["convolution_theorem", "rc_circuit", "disk_self_convolution"]
