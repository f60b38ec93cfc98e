"""Figures of chapter 4 that show where a law stops holding, and what a law saves.

:func:`same_layers_figure` draws two ``"same"`` layers against one ``"same"`` layer
with the combined kernel, for several pairs of kernels, and shades exactly the
indices where the two may differ; :func:`separable_timing_figure` draws the measured
time of a ``k x k`` filter against two 1-D passes.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from matplotlib.ticker import NullFormatter

from .. import signal
from ..composition import same_band
from . import COLORS, axes, canvas, drawn


@drawn
def same_layers_figure(f: Any, cases: Sequence[tuple[Any, Any]], ax: Any = None):
    """One column per pair ``(g, h)``: top, ``same(same(f, g), h)`` and
    ``same(f, g * h)``; bottom, their difference. Grey: the indices where
    :func:`convbook.composition.same_band` allows a difference.

    Examples
    --------
    >>> fig = same_layers_figure(np.arange(12.0), [(np.ones(3), np.ones(3))])
    >>> len(fig.axes)
    2
    """
    f = np.asarray(f, dtype=float)
    n = np.arange(len(f))
    root, fig = canvas(ax, (4.6 * len(cases), 4.2))
    grid = fig.subplots(2, len(cases), sharex=True, squeeze=False,
                        height_ratios=(3, 2))
    for j, (g, h) in enumerate(cases):
        g, h = np.asarray(g, dtype=float), np.asarray(h, dtype=float)
        two = signal.convolve(signal.convolve(f, g, "same"), h, "same")
        one = signal.convolve(f, signal.convolve(g, h), "same")
        top, bottom = grid[0, j], grid[1, j]
        top.plot(n, two, "o-", color=COLORS[0], label="same(same(f, g), h)")
        top.plot(n, one, "D--", color=COLORS[1], mfc="none", label="same(f, g∗h)")
        band = same_band(len(g), len(h))
        if band is None:
            title = f"{len(g)} and {len(h)} taps (both even)"
            note = "shifted by one sample everywhere"
        else:
            title = f"{len(g)} and {len(h)} taps"
            note = "grey: where a difference is possible"
            for a in (top, bottom):
                if band[0]:
                    a.axvspan(-0.5, band[0] - 0.5, color="#dddddd", zorder=0)
                if band[1]:
                    a.axvspan(len(f) - band[1] - 0.5, len(f) - 0.5,
                              color="#dddddd", zorder=0)
        top.set_title(title)
        lo, hi = top.get_ylim()
        top.set_ylim(lo, hi + 0.45 * (hi - lo))         # room for the legend
        diff = two - one
        bottom.bar(n, diff, color=COLORS[3], width=0.6)
        bottom.axhline(0, color="#777777", linewidth=0.8)
        lim = max(1.0, float(np.max(np.abs(diff))) * 1.2)
        bottom.set_ylim(-lim, lim)
        bottom.set_xlabel(f"index n ({note})")
        if j == 0:
            top.set_ylabel("value")
            bottom.set_ylabel("difference")
            top.legend(frameon=False, loc="upper left", ncols=2)
    return root


@drawn
def separable_timing_figure(sizes: Sequence[int], full: Sequence[float],
                            separable: Sequence[float], shape: tuple[int, int],
                            ax: Any = None):
    """Measured time of a ``k x k`` filter and of two 1-D passes, against ``k``."""
    fig, ax = axes(ax, figsize=(6.0, 3.4))
    ax.loglog(sizes, np.asarray(full) * 1e3, "o-", color=COLORS[0],
              label="one k × k kernel (k² taps)")
    ax.loglog(sizes, np.asarray(separable) * 1e3, "s-", color=COLORS[1],
              label="column pass, then row pass (2k taps)")
    ax.set_xticks(list(sizes), [str(k) for k in sizes])
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(f"kernel size k (image {shape[0]} × {shape[1]})")
    ax.set_ylabel("time (ms)")
    ax.legend(frameon=False)
    return fig


__all__ = ["same_layers_figure", "separable_timing_figure"]
