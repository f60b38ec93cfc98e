"""Figures of chapter 4 (algebraic properties).

The sequences on Z that they draw, and the two sides of each law, are computed by
:mod:`convbook.sequences` (re-exported here under their old names);
:func:`convbook.shifts.filtered` is the same-size filter of the equivariance figures.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .. import signal
from ..sequences import (LAWS, OPS, SIGNALS, align, example_signals, law_sides, seq_add,
                         seq_convolve, seq_correlate, seq_scale, seq_shift)
from ..shifts import filtered
from . import COLORS, add_colorbar, axes, canvas, drawn, limit, show_grey, show_signed


@drawn
def law_figure(law: str = "commutative", op: str = "convolution", signals: str = "asymmetric",
               seed: int = 0, *, figsize: tuple[float, float] = (8.0, 4.2), ax: Any = None):
    """Both sides of a law (top) and their difference (bottom), on the integers.

    Examples
    --------
    >>> fig = law_figure("associative", "cross-correlation")
    >>> len(fig.axes)
    2
    """
    f, g, h = example_signals(signals, seed)
    left, right, ll, rl = law_sides(law, op, f, g, h)
    n, (lv, rv) = align(left, right)
    root, fig = canvas(ax, figsize)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.stem(n - 0.12, lv, linefmt=COLORS[0], markerfmt="o", basefmt=" ", label=ll)
    mk = top.stem(n + 0.12, rv, linefmt=COLORS[1], markerfmt="D", basefmt=" ", label=rl)
    mk.markerline.set_markerfacecolor("none")
    top.axhline(0, color="#777777", linewidth=0.8)
    top.set_ylabel("value")
    top.legend(loc="upper left", frameon=False, ncols=2, bbox_to_anchor=(0, 1.02))
    holds = np.allclose(lv, rv)
    top.set_title(f"{op}, {law} law: {'holds' if holds else 'FAILS'} for these signals")
    diff = lv - rv
    bottom.bar(n, diff, color=COLORS[2] if holds else COLORS[3], width=0.6)
    bottom.axhline(0, color="#777777", linewidth=0.8)
    lim = max(1.0, float(np.max(np.abs(diff))) * 1.15)
    bottom.set_ylim(-lim, lim)
    bottom.set_ylabel("left − right")
    bottom.set_xlabel("index n")
    bottom.set_xticks(n)
    bottom.text(0.99, 0.95, f"max |left − right| = {np.max(np.abs(diff)):g}",
                transform=bottom.transAxes, ha="right", va="top")
    return root


CASES = tuple(f"{op}: {law}" for op in OPS for law in LAWS)


def law_case_figure(case: str = CASES[0], signals: str = "asymmetric", ax: Any = None):
    """``law_figure`` for an ``"op: law"`` string from :data:`CASES` (a one-slider
    explorer)."""
    if case not in CASES:
        raise ValueError(f"law_case_figure: case must be one of {CASES}, but got case={case!r}")
    op, law = case.split(": ")
    return law_figure(law, op, signals, figsize=(8.0, 4.2), ax=ax)


# --- chapter figures ----------------------------------------------------------------------

@drawn
def border_figure(f: Any, g: Any, h: Any, ax: Any = None):
    """Two 'same' layers against one 'same' convolution with the full kernel g*h: the
    difference lives only at the border.

    Examples
    --------
    >>> fig = border_figure(np.arange(12.0), np.ones(3), np.array([1.0, 0, -1]))
    >>> len(fig.axes)
    2
    """
    f, g, h = (np.asarray(a, dtype=float) for a in (f, g, h))
    two = signal.convolve(signal.convolve(f, g, "same"), h, "same")
    one = signal.convolve(f, signal.convolve(g, h), "same")
    n = np.arange(len(f))
    root, fig = canvas(ax, (8.0, 4.0))
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.plot(n, two, "o-", color=COLORS[0], label="same(same(f, g), h)")
    top.plot(n, one, "D--", color=COLORS[1], mfc="none", label="same(f, g∗h)")
    top.set_ylabel("value")
    top.legend(frameon=False, loc="upper left")
    diff = two - one
    bottom.bar(n, diff, color=COLORS[3], width=0.6)
    r = (len(g) + len(h) - 2) // 2
    for a in (top, bottom):
        a.axvspan(-0.5, r - 0.5, color="#dddddd", zorder=0)
        a.axvspan(len(f) - r - 0.5, len(f) - 0.5, color="#dddddd", zorder=0)
    bottom.axhline(0, color="#777777", linewidth=0.8)
    bottom.set_ylabel("difference")
    bottom.set_xlabel("index n (grey: within the half-width of g∗h of the border)")
    return root


@drawn
def approximate_identity_figure(f: Any, sigmas: Sequence[float], t: Any,
                                smoothed: Sequence[Any], errors_sigmas: Sequence[float],
                                errors: Sequence[float], ax: Any = None):
    """Left: ``f`` and ``g_sigma * f`` for shrinking ``sigma``; right: the L1 error
    against sigma."""
    root, fig = canvas(ax, (8.5, 3.4))
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    left.plot(t, f(t), color="black", linewidth=2, label="f (a box)")
    for i, (s, y) in enumerate(zip(sigmas, smoothed)):
        left.plot(t, y, color=COLORS[i % len(COLORS)], linewidth=1.5, label=f"g_σ ∗ f, σ = {s:g}")
    left.set_xlabel("t")
    left.set_ylabel("value")
    left.legend(frameon=False, loc="upper left")
    left.set_ylim(-0.05, 1.0)
    from matplotlib.ticker import NullFormatter

    right.loglog(errors_sigmas, errors, "o-", color=COLORS[0])
    right.xaxis.set_minor_formatter(NullFormatter())
    right.yaxis.set_minor_formatter(NullFormatter())
    right.set_xticks(list(errors_sigmas), [f"{s:g}" for s in errors_sigmas])
    yt = [e for e in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0)
          if min(errors) / 1.5 <= e <= max(errors) * 1.5]
    right.set_yticks(yt, [f"{e:g}" for e in yt])
    right.set_xlabel("σ")
    right.set_ylabel("‖g_σ ∗ f − f‖₁")
    right.set_title("error → 0, never = 0")
    return root


@drawn
def correlation_pair_figure(f: Any, g: Any, ax: Any = None):
    """``f ⋆ g`` and ``g ⋆ f`` on the integers: mirror images, not equal."""
    a = seq_correlate(f, g)
    b = seq_correlate(g, f)
    n, (va, vb) = align(a, b)
    root, fig = canvas(ax, (8.0, 3.0))
    axs = fig.subplots(1, 2, sharey=True)
    for ax, v, lab, c in ((axs[0], va, "f ⋆ g", COLORS[0]), (axs[1], vb, "g ⋆ f", COLORS[1])):
        ax.stem(n, v, linefmt=c, basefmt=" ")
        ax.axhline(0, color="#777777", linewidth=0.8)
        ax.axvline(0, color="#aaaaaa", linewidth=0.8, linestyle=":")
        ax.set_title(lab)
        ax.set_xlabel("index n")
        ax.set_xticks(n)
    axs[0].set_ylabel("value")
    return root


@drawn
def equivariance_figure(image: Any, kernel: Any, shift: tuple[int, int], ax: Any = None):
    """Shift then filter against filter then shift, with zero and with circular padding."""
    x = np.asarray(image, dtype=float)
    sx = np.roll(x, shift, axis=(0, 1))
    d = {mode: filtered(sx, kernel, mode) - np.roll(filtered(x, kernel, mode), shift, (0, 1))
         for mode in ("zeros", "circular")}
    root, fig = canvas(ax, (9.0, 2.9))
    axs = fig.subplots(1, 4)
    show_grey(axs[0], x)
    axs[0].set_title("x")
    show_grey(axs[1], sx)
    axs[1].set_title(f"S x (rolled by {shift})")
    vmax = limit(d["zeros"])
    for a, mode in zip(axs[2:], d):
        im = show_signed(a, d[mode], vmax)
        a.set_title(f"T(Sx) − S T(x)\n{mode} padding: max {np.max(np.abs(d[mode])):.2g}")
    add_colorbar(im, list(axs[2:]))
    return root


@drawn
def rotation_figure(image: Any, kernel: Any, symmetric_kernel: Any, ax: Any = None):
    """Rotate then filter against filter then rotate (circular padding, so only the rotation
    matters): an asymmetric kernel fails, a kernel with the rotation's symmetry passes."""
    x = np.asarray(image, dtype=float)
    rx = np.rot90(x)
    root, fig = canvas(ax, (9.0, 2.9))
    axs = fig.subplots(1, 4)
    a = filtered(rx, kernel, "circular")
    b = np.rot90(filtered(x, kernel, "circular"))
    c = (filtered(rx, symmetric_kernel, "circular")
         - np.rot90(filtered(x, symmetric_kernel, "circular")))
    vmax = limit(a, b, a - b, c)   # one scale that clips no panel
    panels = ((a, "T(R x)"), (b, "R T(x)"), (a - b, "T(Rx) − R T(x)"),
              (c, "same, symmetric kernel"))
    for panel, (d, lab) in zip(axs, panels):
        im = show_signed(panel, d, vmax)
        panel.set_title(f"{lab}\nmax |·| {np.max(np.abs(d)):.2g}")
    add_colorbar(im, list(axs))
    return root


@drawn
def matrices_figure(matrices: Sequence[Any], titles: Sequence[str], ax: Any = None):
    """Small matrices side by side on the signed map, one scale centred on zero."""
    root, fig = canvas(ax, (2.2 * len(matrices) + 0.9, 2.7))
    axs = fig.subplots(1, len(matrices), squeeze=False)[0]
    vmax = limit(*matrices)
    for panel, m, t in zip(axs, matrices, titles):
        im = show_signed(panel, m, vmax)
        panel.set_title(t)
        panel.set_xlabel("column m")
    axs[0].set_ylabel("row n")
    add_colorbar(im, list(axs))
    return root


@drawn
def wraparound_figure(x: Any, k: Any, ax: Any = None):
    """Linear convolution, circular convolution of length n (the tail wraps around), and
    circular convolution after zero padding to n + k - 1 (equals the linear one)."""
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    n, m = len(x), len(k)
    lin = signal.convolve(x, k)
    circ = np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(k, n)))
    L = n + m - 1
    pad = np.real(np.fft.ifft(np.fft.fft(x, L) * np.fft.fft(k, L)))
    root, fig = canvas(ax, (9.0, 2.9))
    axs = fig.subplots(1, 3, sharey=True)
    for ax, v, lab, c in ((axs[0], lin, "linear x ∗ k (full)", COLORS[0]),
                          (axs[1], circ, f"circular, length {n}", COLORS[1]),
                          (axs[2], pad, f"circular, zero padded to {L}", COLORS[2])):
        ax.stem(np.arange(len(v)), v, linefmt=c, basefmt=" ")
        ax.set_title(lab)
        ax.set_xlabel("index n")
        ax.set_xlim(-0.7, L - 0.3)
    axs[1].axvspan(-0.5, m - 1.5, color="#dddddd", zorder=0)
    axs[1].text(-0.3, float(np.max(lin)) * 0.8, "tail\nwrapped\nin", fontsize="small")
    axs[0].set_ylabel("value")
    return root


@drawn
def crossover_figure(sizes: Sequence[int], direct: Sequence[float], fft: Sequence[float],
                     n: int, ax: Any = None):
    """Measured time of the direct and FFT methods against the kernel size."""
    fig, ax = axes(ax, figsize=(6.0, 3.4))
    ax.loglog(sizes, np.asarray(direct) * 1e3, "o-", color=COLORS[0], label="direct")
    ax.loglog(sizes, np.asarray(fft) * 1e3, "s-", color=COLORS[1], label="fft")
    ax.set_xlabel(f"kernel size k (signal length {n})")
    ax.set_ylabel("time (ms)")
    ax.legend(frameon=False)
    return fig


@drawn
def two_layers_figure(w1: Any, w2: Any, x: Any, stacked: Any, single: Any, ax: Any = None):
    """The two kernels, their convolution, and the outputs of the stack and of the single
    layer."""
    w1, w2 = np.ravel(w1), np.ravel(w2)
    w = signal.convolve(w1, w2)
    root, fig = canvas(ax, (9.0, 3.2))
    axs = fig.subplots(1, 4, width_ratios=(1, 1.3, 1.8, 3.2))
    for ax, v, lab, c in ((axs[0], w1, f"k₁ ({len(w1)} taps)", COLORS[0]),
                          (axs[1], w2, f"k₂ ({len(w2)} taps)", COLORS[1]),
                          (axs[2], w, f"k₁ ∗ k₂ ({len(w)} taps)", COLORS[2])):
        ax.stem(np.arange(len(v)), v, linefmt=c, basefmt=" ")
        ax.axhline(0, color="#777777", linewidth=0.8)
        ax.set_title(lab)
        ax.set_xlabel("tap")
    s = np.ravel(stacked)
    o = np.ravel(single)
    axs[3].plot(s, "-", color=COLORS[0], linewidth=2)
    axs[3].plot(o, "D", color=COLORS[1], mfc="none", markersize=5)
    axs[3].set_xlabel("output index")
    axs[3].set_title("outputs: two layers (line),\none layer k₁ ∗ k₂ (◇)")
    return root


__all__ = ["LAWS", "OPS", "SIGNALS", "CASES", "seq_convolve", "seq_correlate", "seq_add",
           "seq_scale", "seq_shift", "align", "example_signals", "law_sides", "law_figure",
           "law_case_figure",
           "border_figure", "approximate_identity_figure", "correlation_pair_figure", "filtered",
           "equivariance_figure", "rotation_figure", "matrices_figure", "wraparound_figure",
           "crossover_figure", "two_layers_figure"]
