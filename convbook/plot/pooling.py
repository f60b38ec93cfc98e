"""Figures for the pooling chapter (chapter 7).

The measures they draw live in :mod:`convbook.shifts` (shift, pool, compare),
:mod:`convbook.windows` (receptive fields) and :mod:`convbook.patterns` (the explorer's
inputs), re-exported here under their old names; the figures are thin shells over
them. Every figure function takes an optional ``ax`` and returns the figure.

Examples
--------
>>> import numpy as np
>>> from convbook.plot import pooling
>>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
>>> pooling.strided_pool(x)
array([0., 1., 0., 1.])
>>> pooling.strided_pool(pooling.shift_right(x, 1))
array([1., 1., 1., 1.])
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .. import functional as F
from ..kernels import BLUR_FILTERS, blur_filter
from ..patterns import explorer_pattern
from ..shifts import blur_pool, equivariance_error, fraction_unchanged, shift_right, strided_pool
from ..windows import receptive_fields, taps
from . import COLORS, axes, canvas, drawn, grid, show_grey

# ----------------------------------------------------------------------------- figures

@drawn
def pool_example(x: Any, kernel_size: int = 2, stride: int = 1, *, padding: int = 0,
                 window: tuple[int, int] = (0, 0), ax: Any = None):
    """The input grid with one window outlined, next to its max and average pools.

    ``window`` is the output position whose window is outlined (and whose outputs are
    outlined in the pooled maps).
    """
    x = np.asarray(x, dtype=float)
    mx = F.max_pool2d(x[None], kernel_size, stride, padding)[0]
    av = F.avg_pool2d(x[None], kernel_size, stride, padding)[0]
    h, w = x.shape
    widths = [w, mx.shape[1], av.shape[1]]
    root, fig = canvas(ax, (2.7 + 0.55 * sum(widths), 0.55 * h + 1.0))
    axs = fig.subplots(1, 3, gridspec_kw={"width_ratios": widths})
    rows, cols = (np.array(taps(n, kernel_size, stride, padding)) for n in window)
    mask = np.zeros(x.shape, bool)
    mask[np.ix_(rows[(rows >= 0) & (rows < h)], cols[(cols >= 0) & (cols < w)])] = True
    grid(x, axs[0], title="input", highlight=mask)
    grid(mx, axs[1], title="max pool", highlight=[window])
    grid(av, axs[2], title="average pool", highlight=[window], fmt="{:.3g}")
    return root


@drawn
def invariance_curves(curves: dict[str, Sequence[float]], shifts: Sequence[int], ax: Any = None,
                      *, expected: dict[str, Sequence[float]] | None = None,
                      expected_label: str = "expected", title: str | None = None):
    """Fraction of pooled outputs unchanged against the shift, one line per pool.

    ``expected`` draws thin dashed black reference curves for the keys it shares with
    ``curves``, labelled ``expected_label`` in the legend.
    """
    fig, ax = _curves(ax, {name: (shifts, ys) for name, ys in curves.items()})
    for i, name in enumerate(curves):
        if expected and name in expected:
            ax.plot(shifts, expected[name], linestyle="--", color="black", linewidth=1.0,
                    label=expected_label if i == 0 else None, zorder=3)
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_ylabel("fraction of outputs unchanged")
    ax.set_ylim(-0.03, 1.05)
    ax.set_xticks(list(shifts))
    ax.legend(frameon=False)
    if title:
        ax.set_title(title)
    return fig


@drawn
def aliasing_1d(x: Any, *, taps: int = 3, ax: Any = None):
    """Zhang's example: a period-4 signal and its one-pixel shift, through max pooling
    and through anti-aliased max pooling (stem plots)."""
    x = np.asarray(x, dtype=float).ravel()
    xs = shift_right(x, 1)
    rows = [("input", x, xs)]
    rows.append(("max pool (k=2, s=2)", strided_pool(x), strided_pool(xs)))
    rows.append((f"max + blur {taps} + subsample", blur_pool(x, taps=taps),
                 blur_pool(xs, taps=taps)))
    root, fig = canvas(ax, (8.0, 5.0))
    axs = fig.subplots(len(rows), 2, sharey=True)
    for r, (name, a, b) in enumerate(rows):
        for c, (v, label) in enumerate([(a, "original"), (b, "shifted by 1 pixel")]):
            ax = axs[r, c]
            n = np.arange(len(v))
            ml, sl, bl = ax.stem(n, v, basefmt=" ")
            color = COLORS[0] if c == 0 else COLORS[1]
            ml.set_color(color)
            sl.set_color(color)
            ax.set_ylim(-0.15, 1.45)
            ax.set_xticks(n)
            ax.set_xlim(-0.6, len(x) - 0.4 if r == 0 else len(v) - 0.4)
            for i, val in enumerate(v):
                if r > 0:
                    ax.text(i, val + 0.07, f"{val:g}", ha="center", va="bottom",
                            fontsize="small")
            ax.set_title(f"{name}: {label}")
        axs[r, 0].set_ylabel("value")
    axs[-1, 0].set_xlabel("index")
    axs[-1, 1].set_xlabel("index")
    return root


@drawn
def aliasing_curves(curves: dict[str, Sequence[float]], shifts: Sequence[int], ax: Any = None,
                    *, ylabel: str = "equivariance error E(t)\n(relative to the output's spread)"):
    """Equivariance error against the shift, one line per pool
    (:func:`convbook.shifts.equivariance_error`)."""
    fig, ax = _curves(ax, {name: (shifts, ys) for name, ys in curves.items()})
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_ylabel(ylabel)
    ax.set_xticks(list(shifts))
    top = max(max(ys) for ys in curves.values()) or 1.0
    ax.set_ylim(-0.03 * top, 1.4 * top)
    ax.legend(frameon=False, ncol=2, loc="upper center")
    return fig


@drawn
def spectrum_folding(x: Any, *, taps: Sequence[int] = (1, 3, 5), ax: Any = None):
    """Amplitude spectra of a signal ``x`` (L,) and of ``x`` blurred by a binomial of
    each number of ``taps`` (1: no blur) and then subsampled by 2
    (:func:`convbook.shifts.blur_pool` with ``kind="avg"``), on one axis of
    frequency in cycles per *input* sample. Left: the input, the band above 1/4
    shaded, and each blur's gain ``cos(pi f) ** (taps - 1)``; right: the outputs.
    """
    x = np.asarray(x, dtype=float).ravel()
    n = len(x)
    root, fig = canvas(ax, (9.0, 3.4))
    left, right = fig.subplots(1, 2, sharey=True)
    f = np.fft.rfftfreq(n)
    amp = np.abs(np.fft.rfft(x)) * 2 / n
    left.axvspan(0.25, 0.5, color=COLORS[6], alpha=0.12, linewidth=0)
    left.text(0.375, 1.28, "folds over\nafter subsampling", ha="center", va="top",
              fontsize="small")
    shown = amp > 1e-9 * max(amp.max(), 1.0)
    ml, sl, _ = left.stem(f[shown], amp[shown], basefmt=" ")
    ml.set_color("black")
    sl.set_color("black")
    ml.set_markersize(3)
    fine = np.linspace(0, 0.5, 201)
    for i, t in enumerate(taps):
        if t > 1:
            left.plot(fine, np.cos(np.pi * fine) ** (t - 1), color=COLORS[i],
                      linestyle="--", linewidth=1.4, label=f"gain of the {t}-tap blur")
    left.set_xlim(0, 0.5)
    left.set_ylim(0, 1.3)
    left.set_title("input")
    left.set_xlabel("frequency (cycles per input sample)")
    left.set_ylabel("amplitude")
    left.legend(frameon=False, loc="center left", fontsize="small")
    for i, t in enumerate(taps):
        y = blur_pool(x, kind="avg", taps=t)
        g = np.fft.rfftfreq(len(y)) / 2            # in cycles per input sample
        a = np.abs(np.fft.rfft(y)) * 2 / len(y)
        label = "subsampled" if t == 1 else f"{t}-tap blur, then subsampled"
        off = (i - (len(taps) - 1) / 2) * 0.004
        shown = a > 1e-9 * max(a.max(), 1.0)
        ml, sl, _ = right.stem(g[shown] + off, a[shown], basefmt=" ", label=label)
        ml.set_color(COLORS[i])
        sl.set_color(COLORS[i])
        ml.set_markersize(4)
    right.set_xlim(0, 0.25)
    right.set_title("after keeping every second sample")
    right.set_xlabel("frequency (cycles per input sample)")
    right.legend(frameon=False, loc="upper right", fontsize="small")
    return root


@drawn
def receptive_field_growth(stacks: dict[str, Sequence[Sequence[int]]], ax: Any = None):
    """Receptive field after each layer, for several stacks of ``(kernel, stride)`` layers."""
    rfs = {name: receptive_fields(layers) for name, layers in stacks.items()}
    fig, ax = _curves(ax, {name: (range(1, len(rf) + 1), rf) for name, rf in rfs.items()})
    ax.set_xticks(range(1, max(len(rf) for rf in rfs.values()) + 1))
    ax.set_xlabel("layers")
    ax.set_ylabel("receptive field (input pixels)")
    ax.legend(frameon=False)
    return fig


def _curves(ax: Any, lines: dict[str, tuple[Any, Any]]):
    """One marked line per ``name: (x, y)`` on a light grid; ``(fig, ax)``."""
    fig, ax = axes(ax, figsize=(6.4, 3.6))
    markers = "osD^vP*"
    for i, (name, (xs, ys)) in enumerate(lines.items()):
        ax.plot(list(xs), list(ys), marker=markers[i % len(markers)],
                color=COLORS[i % len(COLORS)], label=name, linewidth=1.8)
    ax.grid(alpha=0.3)
    return fig, ax


@drawn
def shift_explorer(shift: int = 0, kernel_size: int = 2, pattern: str = "noise",
                   max_shift: int = 6, ax: Any = None):
    """Render one frame of the shift explorer.

    The shifted input (pooling windows drawn as a lattice), its max- and average-pooled
    maps with the outputs that changed since shift 0 outlined, and the fraction of
    outputs unchanged for shifts 0..``max_shift`` with the current shift marked.
    """
    x = explorer_pattern(pattern)
    k = int(kernel_size)
    pools = {"max pool": lambda z: strided_pool(z, k, "max"),
             "average pool": lambda z: strided_pool(z, k, "avg")}
    xs = shift_right(x, shift)
    root, fig = canvas(ax, (9.0, 3.1))
    axs = fig.subplots(1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.25]})
    show_grey(axs[0], xs, 0, 1)
    for v in np.arange(-0.5, x.shape[1], k):
        axs[0].axvline(v, color=COLORS[4], linewidth=0.8)
        axs[0].axhline(v, color=COLORS[4], linewidth=0.8)
    axs[0].set_title(f"input shifted by {shift}\n(windows {k}x{k})")
    for panel, (name, pool) in zip(axs[1:3], pools.items()):
        a, b = pool(x), pool(xs)
        show_grey(panel, b, 0, 1)
        changed = ~np.isclose(a, b, atol=1e-12, rtol=0)
        rows, cols = np.nonzero(changed)
        panel.plot(cols, rows, "x", color=COLORS[1], markersize=6, markeredgewidth=1.5)
        panel.set_title(f"{name}\n{int(changed.sum())} of {changed.size} changed (x)")
    shifts = list(range(max_shift + 1))
    for i, (name, pool) in enumerate(pools.items()):
        ys = [fraction_unchanged(pool, x, t) for t in shifts]
        axs[3].plot(shifts, ys, marker="os"[i], color=COLORS[i], label=name)
    axs[3].axvline(shift, color=COLORS[6], linestyle=":", linewidth=1.2)
    axs[3].set_ylim(-0.03, 1.05)
    axs[3].set_xticks(shifts)
    axs[3].set_xlabel("shift (pixels)", fontsize="small")
    axs[3].set_ylabel("fraction unchanged", fontsize="small")
    axs[3].legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=2, handlelength=1.2, columnspacing=0.8)
    axs[3].grid(alpha=0.3)
    return root


__all__ = ["BLUR_FILTERS", "blur_filter", "blur_pool", "equivariance_error", "explorer_pattern",
           "fraction_unchanged", "receptive_fields", "shift_right", "strided_pool",
           "pool_example", "invariance_curves", "aliasing_1d", "aliasing_curves", "spectrum_folding",
           "receptive_field_growth", "shift_explorer"]
