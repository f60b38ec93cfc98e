"""Figures for chapter 2, continuous convolution.

Every function takes an optional ``ax`` (an Axes, a Figure, or a pair of axes where
the figure has two panels; see :mod:`convbook.plot`) and returns the figure. The one the
chapter is built around is :func:`flip_and_slide`: the input ``f(x)``, the flipped and
shifted kernel ``K(t - x)``, their product shaded (its area is the output at ``t``),
and the output traced up to ``t``. The live explorer and the kernel-free frames both
call it.
"""
from __future__ import annotations

import math
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from .. import continuous as C
from ..densities import irwin_hall
from . import COLORS, axes, canvas, drawn

_TRACES: dict = {}


def _trace(f: Callable, kernel: Callable, xlim: tuple[float, float], n: int):
    """``(ts, (f * kernel)(ts))`` on ``n`` points of ``xlim``, computed once per pair."""
    key = (id(f), id(kernel), tuple(xlim), n)
    if key not in _TRACES:
        ts = np.linspace(xlim[0], xlim[1], n)
        _TRACES[key] = (f, kernel, ts, np.asarray(C.convolve(f, kernel, ts)))
    return _TRACES[key][2:]


def _pair(ax: Any, figsize: tuple[float, float], **grid: Any):
    """A pair of axes: the given pair, or two stacked panels (see :func:`canvas`)."""
    if isinstance(ax, (list, tuple, np.ndarray)):
        return ax[0].figure, ax
    root, fig = canvas(ax, figsize)
    return root, fig.subplots(2, 1, sharex=True, **grid)


@drawn
def flip_and_slide(f: Callable, kernel: Callable, t: float, ax: Any = None, *,
                   xlim: tuple[float, float] = (-3.0, 5.0), n_trace: int = 161,
                   names: tuple[str, str] = ("f", "K")):
    """The flip-and-slide reading of ``(f * K)(t)`` at one ``t``.

    Top: ``f(x)``, ``K(t - x)`` (the kernel flipped and moved to ``t``), and their
    product, shaded: its area is the output at ``t``. Bottom: the output
    ``(f * K)(s)`` traced for ``s <= t``, with the current value marked.
    ``ax`` is a pair of axes, or None for a new figure.
    """
    fig, (top, bottom) = _pair(ax, (8.0, 4.6), height_ratios=(1.25, 1.0))
    fname, kname = names
    x = np.linspace(xlim[0], xlim[1], 1601)
    fx, kx = f(x), kernel(t - x)
    prod = fx * kx
    ts, out = _trace(f, kernel, xlim, n_trace)
    value = float(C.convolve(f, kernel, t))
    ymax = 1.15 * max(float(np.max(f(x))), float(np.max(kernel(x))), float(np.max(prod)))
    top.fill_between(x, prod, color=COLORS[2], alpha=0.45, linewidth=0,
                     label=f"${fname}(x)\\,{kname}(t-x)$, area = {value:.3f}")
    top.plot(x, fx, color=COLORS[0], linewidth=2, label=f"input ${fname}(x)$")
    top.plot(x, kx, color=COLORS[1], linewidth=2, linestyle="--",
             label=f"flipped kernel ${kname}(t-x)$")
    top.axvline(t, color="#555555", linewidth=0.8, linestyle=":")
    top.set_ylim(0, ymax)
    top.set_ylabel("value")
    top.set_title(f"t = {t:.2f}: flip the kernel, slide it to t, multiply, integrate")
    top.legend(loc="upper right", framealpha=0.9)
    done = ts <= t
    bottom.plot(ts, out, color="#bbbbbb", linewidth=1, linestyle=":")
    bottom.plot(ts[done], out[done], color=COLORS[4], linewidth=2.2,
                label=f"output $({fname} * {kname})(s)$, $s \\leq t$")
    bottom.plot([t], [value], "o", color=COLORS[6], markersize=6)
    bottom.axvline(t, color="#555555", linewidth=0.8, linestyle=":")
    bottom.set_ylim(0, 1.2 * float(np.max(out)) + 1e-12)
    bottom.set_xlim(*xlim)
    bottom.set_xlabel("x (top), t (bottom)")
    bottom.set_ylabel("feature map")
    bottom.legend(loc="upper right", framealpha=0.9)
    return fig


@drawn
def closed_forms(cases: Sequence[tuple[str, Any, Any]], *, t: Any = None, n_points: int = 25,
                 ax: Any = None):
    """One panel per ``(title, f, g)``: the exact ``f * g`` (line, from
    :func:`convbook.continuous.closed_form`) and :func:`convbook.continuous.convolve`
    at ``n_points`` points (dots), with a bound on the largest difference in the title."""
    ncols = 2
    nrows = -(-len(cases) // ncols)
    root, fig = canvas(ax, (8.4, 2.6 * nrows + 0.2))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    for ax, (title, f, g) in zip(axs.flat, cases):
        exact = C.closed_form(f, g)
        wide = np.linspace(f.support[0] + g.support[0], f.support[1] + g.support[1], 4001)
        seen = wide[exact(wide) > 1e-3 * float(np.max(exact(wide)))]
        lo, hi = float(seen[0]), float(seen[-1])
        pad = 0.15 * (hi - lo)
        fine = np.linspace(lo - pad, hi + pad, 600)
        dots = np.linspace(lo - pad, hi + pad, n_points)
        approx = C.convolve(f, g, dots)
        err = float(np.max(np.abs(approx - exact(dots))))
        ax.plot(fine, exact(fine), color=COLORS[0], linewidth=2, label="exact")
        ax.plot(dots, approx, "o", color=COLORS[1], markersize=4, label="quadrature")
        # the bound, not the digits: the last digits of a rounding error vary by CPU
        bound = next(b for b in (1e-12, 1e-9, 1e-6, 1e-3, np.inf) if err < b)
        ax.set_title(f"{title}\nlargest difference < {bound:.0e}" if np.isfinite(bound)
                     else f"{title}\nlargest difference {err:.2g}")
        ax.set_xlabel("t", fontsize="small")
        ax.legend(loc="upper right")
    for ax in list(axs.flat)[len(cases):]:
        ax.axis("off")
    return root


@drawn
def support_picture(f: Any, g: Any, ax: Any = None, *, names: tuple[str, str] = ("f", "g"),
                    n_points: int = 121):
    """``f``, ``g`` and ``f * g`` on one x-axis, each with its support drawn as a bar:
    the support of ``f * g`` is the sum of the two supports."""
    fig, ax = axes(ax, figsize=(8.0, 3.6))
    (a, b), (c, d) = f.support, g.support
    lo, hi = min(a, c, a + c) - 0.5, max(b, d, b + d) + 0.5
    x = np.linspace(lo, hi, 1201)
    ts = np.linspace(a + c - 0.3, b + d + 0.3, n_points)
    fg = np.asarray(C.convolve(f, g, ts))
    fn, gn = names
    curves = [(x, f(x), COLORS[0], f"${fn}$", (a, b)),
              (x, g(x), COLORS[1], f"${gn}$", (c, d)),
              (ts, fg, COLORS[2], f"${fn} * {gn}$", (a + c, b + d))]
    top = max(float(np.max(y)) for _, y, *_ in curves)
    for i, (xs, ys, color, label, (s0, s1)) in enumerate(curves):
        ax.plot(xs, ys, color=color, linewidth=2, label=label)
        level = -0.12 * top * (i + 1)
        ax.plot([s0, s1], [level, level], color=color, linewidth=6, solid_capstyle="butt")
        ax.text(s1 + 0.08, level, f"[{s0:g}, {s1:g}]", va="center", fontsize="small",
                color="black")
    ax.axhline(0, color="#555555", linewidth=0.6)
    ax.set_xlim(lo, hi + 0.9)
    ax.set_ylim(-0.12 * top * 3.8, 1.12 * top)
    ax.set_xlabel("x")
    ax.set_ylabel("value; bars: supports")
    ax.legend(loc="upper left")
    return fig


@drawn
def dice(samples: Any, ax: Any = None, *, bins: int = 40):
    """Left: the distribution of the sum of two fair dice, ``convbook.convolve`` of two
    uniform distributions. Right: a histogram of ``samples`` (sums of two uniform
    variables on ``[-1/2, 1/2]``) against the triangle ``box(1) * box(1)``."""
    from .. import signal

    if isinstance(ax, (list, tuple, np.ndarray)):
        left, right = ax
        fig = left.figure
    else:
        fig, sub = canvas(ax, (8.4, 3.2))
        left, right = sub.subplots(1, 2)
    die = np.full(6, 1 / 6)
    pmf = signal.convolve(die, die)
    faces = np.arange(2, 13)
    left.bar(faces, pmf, color=COLORS[0], width=0.7)
    left.set_xticks(faces)
    left.set_xlabel("sum of two dice")
    left.set_ylabel("probability")
    left.set_title("discrete: die * die")
    samples = np.asarray(samples, dtype=float)
    right.hist(samples, bins=bins, range=(-1, 1), density=True, color=COLORS[5],
               label=f"{samples.size} sums X + Y")
    x = np.linspace(-1.2, 1.2, 400)
    right.plot(x, C.triangle(1.0)(x), color=COLORS[1], linewidth=2.2, label="box * box")
    right.set_xlabel("x + y")
    right.set_ylabel("density")
    right.set_title("continuous: X, Y uniform on [-1/2, 1/2]")
    right.legend(loc="upper right")
    return fig


@drawn
def clt(densities: Mapping[int, Callable], ax: Any = None, *,
        xlim: tuple[float, float] = (-2.2, 2.2)):
    """The densities of sums of ``n`` uniforms (``{n: density}``) against the normal
    density with the same variance ``n / 12`` (dashed), one colour per ``n``."""
    fig, ax = axes(ax, figsize=(8.0, 3.6))
    x = np.linspace(*xlim, 881)
    for i, (n, dens) in enumerate(densities.items()):
        color = COLORS[i % len(COLORS)]
        ax.plot(x, dens(x), color=color, linewidth=2.2, label=f"n = {n}")
        ax.plot(x, C.gaussian(math.sqrt(n / 12))(x), color=color, linewidth=1.2, linestyle="--")
    ax.plot([], [], color="#555555", linestyle="--", label="normal, variance n/12")
    ax.set_xlim(*xlim)
    ax.set_xlabel("x")
    ax.set_ylabel("density of the sum of n uniforms")
    ax.legend(loc="upper right")
    return fig


@drawn
def approximate_identity(f: Any, sigmas: Sequence[float], ax: Any = None, *,
                         xlim: tuple[float, float] = (-2.0, 2.0), n_points: int = 241):
    """``f * g_s`` for Gaussians ``g_s`` of shrinking width ``s``: the blur tightens
    around ``f`` (thick grey)."""
    fig, ax = axes(ax, figsize=(8.0, 3.4))
    x = np.linspace(*xlim, 1601)
    ax.plot(x, f(x), color="#999999", linewidth=4, label="f", zorder=1)
    ts = np.linspace(*xlim, n_points)
    for i, s in enumerate(sigmas):
        ax.plot(ts, C.convolve(f, C.gaussian(s), ts), color=COLORS[i % len(COLORS)],
                linewidth=1.8, label=f"s = {s:g}", zorder=2)
    ax.set_xlabel("t")
    ax.set_ylabel("value")
    ax.legend(loc="lower center", title="$f * g_s$",
              framealpha=0.9)
    return fig


@drawn
def error_loglog(spacings: Mapping[str, Any], errors: Mapping[str, Any], ax: Any = None, *,
                 xlabel: str = "grid spacing h", ylabel: str = "error", title: str | None = None,
                 reference: Mapping[str, Callable] | None = None):
    """Errors against spacing on log-log axes, one line per name, each labelled with
    its measured order (:func:`convbook.continuous.observed_order`); ``reference``
    adds dashed curves ``name -> h -> value`` (a known law to compare with)."""
    fig, ax = axes(ax, figsize=(5.0, 3.6))
    markers = "osD^v"
    for i, name in enumerate(errors):
        h = np.asarray(spacings[name], dtype=float)
        e = np.asarray(errors[name], dtype=float)
        order = C.observed_order(h, e)
        ax.loglog(h, e, marker=markers[i % len(markers)], color=COLORS[i % len(COLORS)],
                  linewidth=1.8, markersize=5, label=f"{name}: order {order:.2f}")
    for j, (name, law) in enumerate((reference or {}).items()):
        h = np.asarray(next(iter(spacings.values())), dtype=float)
        ax.loglog(h, law(h), color="#aaaaaa", linewidth=5, alpha=0.7, zorder=0,
                  label=f"{name} (thick grey)")
    from matplotlib.ticker import NullFormatter

    ax.xaxis.set_minor_formatter(NullFormatter())  # decade labels only: no overlaps
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(loc="lower right")
    return fig


@drawn
def window_picture(f: Callable, g: Callable, t: float, window: tuple[float, float], ax: Any = None,
                   *, xlim: tuple[float, float] = (-4.0, 4.0)):
    """The integrand ``f(x) g(t - x)`` with the integration window shaded: the hatched
    tails outside it are the mass a too-narrow window silently drops."""
    fig, ax = axes(ax, figsize=(5.0, 3.6))
    x = np.linspace(*xlim, 1601)
    y = f(x) * g(t - x)
    inside = (x >= window[0]) & (x <= window[1])
    kept = float(C.convolve(f, g, t, window=window))
    full = float(C.convolve(f, g, t))
    ax.plot(x, y, color=COLORS[0], linewidth=2, label="integrand $f(x)\\,g(t-x)$")
    ax.fill_between(x, y, where=inside, color=COLORS[2], alpha=0.5, linewidth=0,
                    label=f"inside the window: {kept / full:.1%}")
    ax.fill_between(x, y, where=~inside, facecolor="none", edgecolor=COLORS[1], hatch="///",
                    linewidth=0, label="dropped")
    for w in window:
        ax.axvline(w, color=COLORS[1], linewidth=1.2, linestyle="--")
    ax.set_ylim(0, 1.45 * float(np.max(y)))
    ax.set_xlabel("x")
    ax.set_ylabel("integrand")
    ax.set_title(f"window [{window[0]:g}, {window[1]:g}] at t = {t:g}")
    ax.legend(loc="upper right")
    return fig


@drawn
def riemann(f: Callable, g: Callable, t: float, h: float, ax: Any = None, *,
            xlim: tuple[float, float] = (-1.5, 3.5)):
    """The integrand ``f(x) g(t - x)`` and the rectangles of its Riemann sum on the grid
    ``x_m = m h`` (one bar of width ``h`` centred on each sample): their total area is ``h * sum_m f(m h) g(t - m h)``, the discrete
    convolution of the samples times ``h``."""
    fig, ax = axes(ax, figsize=(8.0, 3.4))
    x = np.linspace(*xlim, 1601)
    m = np.arange(math.ceil(xlim[0] / h), math.floor(xlim[1] / h) + 1)
    xm = m * h
    ym = f(xm) * g(t - xm)
    total = h * float(np.sum(ym))
    exact = float(C.convolve(f, g, t))
    ax.bar(xm, ym, width=h, align="center", color=COLORS[5], edgecolor=COLORS[0], linewidth=0.6,
           label=f"Riemann sum, h = {h:g}: {total:.4f}")
    ax.plot(x, f(x) * g(t - x), color=COLORS[1], linewidth=2,
            label=f"integrand; integral = {exact:.4f}")
    ax.set_xlabel("x")
    ax.set_ylabel("$f(x)\\,g(t-x)$")
    ax.set_title(f"t = {t:g}")
    ax.legend(loc="upper right")
    return fig


__all__ = ["flip_and_slide", "closed_forms", "support_picture", "dice", "irwin_hall", "clt",
           "approximate_identity", "error_loglog", "window_picture", "riemann"]
