"""Figures for chapter 3, convolution and cross-correlation.

Every function takes an optional ``ax`` and returns the figure (see :mod:`convbook.plot`).
What they draw is computed by :func:`convbook.windows.window_starts`,
:func:`convbook.windows.step_arithmetic` and :func:`convbook.kernels.parse_kernel`
(re-exported here under their old names).
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from .. import signal
from ..kernels import parse_kernel
from ..windows import MODES, step_arithmetic, window_starts
from . import COLORS, add_colorbar, axes, canvas, drawn, grid, limit, show_grey, show_signed


@drawn
def grid_row(arrays: Sequence[Any], titles: Sequence[str], *, fmt: str = "{:g}",
             size: float = 0.42, fontsize: Any = None, ax: Any = None):
    """Several small arrays side by side as numbered grids, cells of equal size."""
    arrays = [np.atleast_2d(np.asarray(a, dtype=float)) for a in arrays]
    widths = [a.shape[1] for a in arrays]
    height = max(a.shape[0] for a in arrays)
    root, fig = canvas(ax, (size * sum(widths) + 0.9 * len(arrays), size * height + 0.8))
    axs = fig.subplots(1, len(arrays), width_ratios=widths, squeeze=False)[0]
    for ax, a, t in zip(axs, arrays, titles):
        grid(a, ax, fmt=fmt, fontsize=fontsize, title=t, rows=height)
    return root


# --- figures ------------------------------------------------------------------------------

@drawn
def side_by_side(x: Any, k: Any, mode: str = "valid", ax: Any = None):
    """Input, kernel, kernel rotated by 180 degrees, their correlation and their convolution.

    The top-left window of ``x`` is outlined; the correlation multiplies it with ``k``, the
    convolution with the rotated kernel.
    """
    x = np.asarray(x)
    k = np.asarray(k)
    corr = signal.correlate(x, k, mode)
    conv = signal.convolve(x, k, mode)
    arrays = [x, k, np.flip(k), corr, conv]
    titles = ["input $x$", "kernel $k$", "$k$ rotated 180°", "$x \\star k$\n(correlation)",
              "$x * k$\n(convolution)"]
    widths = [a.shape[1] for a in arrays]
    height = max(a.shape[0] for a in arrays)
    root, fig = canvas(ax, (9.0, 0.45 * height + 1.2))
    axs = fig.subplots(1, 5, width_ratios=widths)
    for n, (ax, a, t) in enumerate(zip(axs, arrays, titles)):
        hl = ((0, 0), k.shape) if n == 0 and mode == "valid" else None
        hl = ((0, 0), (1, 1)) if n >= 3 and mode == "valid" else hl
        grid(a, ax, title=t, window=hl, rows=height)
    return root


def _placements(ax, n: int, k: int, starts: Sequence[int], title: str, *, pad: int):
    """Input row on top, one bar per output below it, covering the kernel's window."""
    import matplotlib.patches as patches

    for j in range(-pad, n + pad):
        inside = 0 <= j < n
        ax.add_patch(patches.Rectangle((j, 0), 1, 1, facecolor="#d9e6f2" if inside else "white",
                                       edgecolor="#333333" if inside else "#999999",
                                       linestyle="-" if inside else "--", linewidth=1))
        ax.text(j + 0.5, 0.5, f"$x_{{{j}}}$" if inside else "0", ha="center", va="center",
                color="black" if inside else "#666666")
    for i, s in enumerate(starts):
        y = 1.3 + 0.7 * i
        ax.add_patch(patches.Rectangle((s + 0.08, y), k - 0.16, 0.5, facecolor=COLORS[0],
                                       alpha=0.85, edgecolor="none"))
        ax.text(s + k + 0.1, y + 0.27, f"$y_{{{i}}}$", va="center")
    ax.set_xlim(-pad - 0.1, n + pad + 1.1)
    ax.set_ylim(1.3 + 0.7 * max(len(starts), 1) + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)


@drawn
def output_sizes(n: int = 5, k: int = 3, ax: Any = None):
    """The three modes: where the kernel sits for each output of a 1-D correlation."""
    sizes = {"full": f"n + k - 1 = {n + k - 1}", "same": f"n = {n}",
             "valid": f"n - k + 1 = {n - k + 1}"}
    pads = {mode: max(0, -min(window_starts(n, k, mode))) for mode in MODES}
    widths = [n + 2 * pads[mode] + 1.2 for mode in MODES]
    root, fig = canvas(ax, (9.0, 0.29 * (n + k) + 1.0))
    axs = fig.subplots(1, 3, width_ratios=widths)
    for ax, mode in zip(axs, MODES):
        _placements(ax, n, k, window_starts(n, k, mode), f'"{mode}": {sizes[mode]}\noutputs',
                    pad=pads[mode])
    return root


@drawn
def same_conventions(n: int = 5, k: int = 4, ax: Any = None):
    """Where an even kernel sits for each output of ``"same"``: scipy/convbook against torch."""
    root, fig = canvas(ax, (7.0, 0.3 * (n + k) + 0.6))
    axs = fig.subplots(1, 2)
    _placements(axs[0], n, k, window_starts(n, k, "same", "scipy"),
                f'convbook / scipy "same"\n(k = {k})', pad=k // 2)
    _placements(axs[1], n, k, window_starts(n, k, "same", "torch"),
                f'torch padding="same"\n(k = {k})', pad=k // 2)
    return root


@drawn
def filter_gallery(image: Any, filters: Sequence[tuple[str, Any, float]], *,
                   mode: str = "same", size: float = 1.5, ax: Any = None):
    """Each filter's kernel (integer weights times a scale) above its response on ``image``.

    Kernels whose weights sum to zero respond to change and give signed maps, drawn on
    the diverging colour map centred on zero (blue negative, white zero, red positive),
    saturating at the 98th percentile of the absolute response (its colour bar below);
    the others keep the brightness and are drawn in grey on [0, 1].
    """
    image = np.asarray(image, dtype=float)
    m = len(filters)
    root, fig = canvas(ax, (size * m, 2 * size + 0.5))
    axs = fig.subplots(2, m, squeeze=False, height_ratios=[1, 1.3])
    for col, (name, weights, scale) in enumerate(filters):
        w = np.asarray(weights, dtype=float)
        grid(w, axs[0, col], fontsize="medium" if w.shape[1] <= 3 else "x-small",
             title=name if scale == 1 else f"{name}\n× {_frac(scale)}")
        out = signal.correlate(image, w * scale, mode)
        panel = axs[1, col]
        if abs(w.sum() * scale) < 1e-12:
            vmax = limit(out, quantile=0.98)
            im = show_signed(panel, out, vmax)
            ticks = [-float(f"{vmax:.2g}"), 0.0, float(f"{vmax:.2g}")]
        else:
            im = show_grey(panel, out, 0, 1)
            ticks = [0.0, 1.0]
        bar = add_colorbar(im, panel, location="bottom", shrink=0.9, pad=0.03, aspect=12)
        bar.set_ticks(ticks, labels=[f"{t:g}" for t in ticks], fontsize="x-small")
    return root


def _frac(scale: float) -> str:
    inv = 1.0 / scale
    return f"1/{inv:g}" if abs(inv - round(inv)) < 1e-9 else f"{scale:g}"


@drawn
def moving_averages(clean: Any, noisy: Any, widths: Sequence[int] = (5, 21), ax: Any = None):
    """A noisy signal, the clean one, and its moving averages of several widths ("same")."""
    clean = np.asarray(clean, dtype=float)
    noisy = np.asarray(noisy, dtype=float)
    fig, ax = axes(ax, figsize=(8.0, 3.4))
    t = np.arange(len(noisy))
    ax.plot(t, noisy, ".", color="#9a9a9a", markersize=3.5, label="noisy samples")
    ax.plot(t, clean, color=COLORS[6], linewidth=1.2, linestyle="--", label="clean signal")
    for c, w in zip((COLORS[0], COLORS[1], COLORS[2]), widths):
        avg = signal.correlate(noisy, np.full(w, 1.0 / w), "same")
        ax.plot(t, avg, color=c, linewidth=2, label=f"moving average, width {w}")
    ax.set_xlabel("sample index $n$")
    ax.set_ylabel("value")
    ax.legend(ncols=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return fig


@drawn
def sliding_window(step: int, x: Any, k: Any, ax: Any = None):
    """One step of a valid 2-D correlation (top) and convolution (bottom) of ``x`` with
    ``k``: the window on the input with the weights it is multiplied by, the kernel as
    applied, the outputs computed so far, and the arithmetic of this step."""
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    kh, kw = k.shape
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if not 0 <= step < oh * ow:
        raise ValueError(f"sliding_window: step must be in 0..{oh * ow - 1}, but got "
                         f"step={step}")
    i, j = divmod(step, ow)
    done = np.zeros((oh, ow), bool)
    done.flat[: step + 1] = True
    root, fig = canvas(ax, (6.4, 5.2))
    sub = fig.subfigures(2, 1)
    for row, (flip, name, sym) in enumerate(((False, "cross-correlation", r"\star"),
                                             (True, "convolution", "*"))):
        kk = np.flip(k) if flip else k
        out = signal.convolve(x, k, "valid") if flip else signal.correlate(x, k, "valid")
        corner = np.full(x.shape, np.nan)
        corner[i:i + kh, j:j + kw] = kk
        text, value = step_arithmetic(x, k, step, flip=flip)
        axs = sub[row].subplots(1, 3, width_ratios=[x.shape[1], kw, ow])
        rows = x.shape[0]
        grid(x, axs[0], window=((i, j), (kh, kw)), corner=corner, title="input $x$",
             rows=rows)
        grid(kk, axs[1], rows=rows, title="kernel as applied" + (" (rotated)" if flip else ""))
        grid(out, axs[2], show=done, window=((i, j), (1, 1)), rows=rows,
             title=f"${'x ' + sym + ' k'}$ so far")
        sub[row].suptitle(f"{name}, output [{i}, {j}]:\n{text}", x=0.02, ha="left")
    return root


@drawn
def kernel_explorer(image: Any, preset: str = "Sobel x", custom: str = "", *,
                    presets: Mapping[str, Any], ax: Any = None):
    """A 3x3 kernel (a preset, or ``custom`` typed as ``"a b c; d e f; g h i"``) applied to
    ``image`` by correlation and by convolution ("same"), and their difference.

    A kernel whose weights sum to ``s > 0`` maps a flat image of brightness 1 to ``s``,
    so its two responses are drawn in grey on ``[0, s]``; a kernel summing to zero (or
    less) gives signed maps, centred on zero."""
    image = np.asarray(image, dtype=float)
    root, fig = canvas(ax, (9.0, 2.7))
    try:
        k = parse_kernel(custom) if custom.strip() else np.asarray(presets[preset], dtype=float)
    except (ValueError, KeyError) as err:
        fig.text(0.5, 0.5, str(err), ha="center", va="center", wrap=True)
        return root
    corr = signal.correlate(image, k, "same")
    conv = signal.convolve(image, k, "same")
    diff = corr - conv
    axs = fig.subplots(1, 4, width_ratios=[0.8, 1, 1, 1])
    grid(k, axs[0], fmt="{:.3g}", fontsize="small", title="kernel $k$")
    total = float(k.sum())
    signed = total < 1e-12
    # signed maps saturate at the 98th percentile of |response|: a few strong edges would
    # otherwise wash out the rest
    vmax = limit(corr, conv, quantile=0.98)
    for panel, out, t in ((axs[1], corr, r"correlation $x \star k$"),
                          (axs[2], conv, "convolution $x * k$")):
        im = show_signed(panel, out, vmax) if signed else show_grey(panel, out, 0, total)
        panel.set_title(t)
    add_colorbar(im, list(axs[1:3]), location="bottom", shrink=0.6, aspect=30)
    dmax = float(np.max(np.abs(diff)))
    im = show_signed(axs[3], diff, limit(diff, quantile=0.98))
    axs[3].set_title(f"difference (max |·| = {dmax:.3g})")
    add_colorbar(im, axs[3], location="bottom", shrink=0.9, aspect=15)
    return root


@drawn
def timings(results: Mapping[str, Mapping[str, float]], ax: Any = None):
    """Measured seconds per call (log scale), one group of bars per problem size."""
    fig, ax = axes(ax, figsize=(8.0, 3.4))
    groups = list(results)
    methods = list(next(iter(results.values())))
    width = 0.8 / len(methods)
    for m, method in enumerate(methods):
        xs = [g + m * width for g in range(len(groups))]
        ys = [results[name].get(method, np.nan) for name in groups]
        ax.bar(xs, ys, width=width, color=COLORS[m % len(COLORS)], label=method)
    ax.set_yscale("log")
    ax.set_xticks([g + 0.4 - width / 2 for g in range(len(groups))],
                  [name.replace(", ", "\n") for name in groups], fontsize="small")
    ax.set_ylabel("seconds per call (log scale)")
    ax.legend(ncols=len(methods), loc="lower center", bbox_to_anchor=(0.5, 1.0),
              frameon=False)
    return fig


__all__ = ["window_starts", "parse_kernel", "step_arithmetic", "grid_row", "side_by_side",
           "output_sizes", "same_conventions", "filter_gallery", "moving_averages",
           "sliding_window", "kernel_explorer", "timings"]
