"""Figures for chapter 3, convolution and cross-correlation.

Every function takes an optional ``ax`` where it draws one panel, builds its figure with
:func:`convbook.plot.figure` and returns it; nothing here calls ``plt.show()``.
The pure helpers (:func:`window_starts`, :func:`parse_kernel`, :func:`step_arithmetic`)
are what the figures draw, and are tested on their own.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from .. import signal
from . import COLORS, SIGNED_CMAP, axes, figure

MODES = ("full", "same", "valid")


# --- pure helpers ---------------------------------------------------------------------

def window_starts(n: int, k: int, mode: str, convention: str = "scipy") -> list[int]:
    """Index of the first input sample under the kernel, for each output of a 1-D
    cross-correlation of ``n`` samples with ``k`` taps (negative: in the zero padding).

    ``convention="scipy"`` is convbook's and scipy's ``mode``; ``"torch"`` is
    ``torch.nn.functional.conv1d(..., padding="same")``, which puts the extra zero of an
    even kernel on the right instead of the left.

    Examples
    --------
    >>> from convbook.plot.correlation import window_starts
    >>> window_starts(5, 3, "full"), window_starts(5, 3, "valid")
    ([-2, -1, 0, 1, 2, 3, 4], [0, 1, 2])
    >>> window_starts(4, 2, "same"), window_starts(4, 2, "same", "torch")
    ([-1, 0, 1, 2], [0, 1, 2, 3])
    """
    if mode not in MODES:
        raise ValueError(f"window_starts: mode must be one of {MODES}, but got mode={mode!r}")
    if convention not in ("scipy", "torch"):
        raise ValueError(f"window_starts: convention must be 'scipy' or 'torch', but got {convention!r}")
    if mode == "full":
        return [i - (k - 1) for i in range(n + k - 1)]
    if mode == "valid":
        return list(range(n - k + 1))
    left = k // 2 if convention == "scipy" else (k - 1) // 2
    return [i - left for i in range(n)]


def parse_kernel(text: str, shape: tuple[int, int] = (3, 3)) -> np.ndarray:
    """A kernel typed as rows separated by ``;`` or new lines, e.g. ``"1 0 -1; 2 0 -2; 1 0 -1"``.

    Entries may be separated by spaces or commas and may be fractions such as ``1/9``.

    Examples
    --------
    >>> from convbook.plot.correlation import parse_kernel
    >>> parse_kernel("0 1 0; 1 -4 1; 0 1 0")[1]
    array([ 1., -4.,  1.])
    >>> parse_kernel("1/9 1/9 1/9; 1/9 1/9 1/9; 1/9 1/9 1/9").sum().round(12)
    np.float64(1.0)
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_kernel: text must be a string, but got {type(text).__name__}")
    rows = [r for r in text.replace("\n", ";").split(";") if r.strip()]
    values = []
    for r in rows:
        row = []
        for tok in r.replace(",", " ").split():
            try:
                if "/" in tok:
                    a, b = tok.split("/")
                    row.append(float(a) / float(b))
                else:
                    row.append(float(tok))
            except (ValueError, ZeroDivisionError):
                raise ValueError(f"parse_kernel: {tok!r} is not a number") from None
        values.append(row)
    if len(values) != shape[0] or any(len(r) != shape[1] for r in values):
        raise ValueError(f"parse_kernel: need {shape[0]} rows of {shape[1]} numbers, but got "
                         f"rows of lengths {[len(r) for r in values]}")
    return np.array(values, dtype=float)


def _num(v: float) -> str:
    s = f"{v:g}"
    return f"({s})" if v < 0 else s


def step_arithmetic(x: Any, k: Any, step: int, *, flip: bool = False) -> tuple[str, float]:
    """The sum computed at output ``step`` (row-major) of a valid 2-D correlation of ``x``
    with ``k`` (with the kernel rotated by 180 degrees first when ``flip``: a convolution),
    written out term by term, and its value.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.correlation import step_arithmetic
    >>> step_arithmetic(np.arange(9).reshape(3, 3), np.array([[0, 1], [2, 3]]), 0)
    ('0·0 + 1·1 + 3·2 + 4·3 = 19', 19.0)
    """
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    kk = np.flip(k) if flip else k
    ow = x.shape[1] - k.shape[1] + 1
    i, j = divmod(step, ow)
    win = x[i:i + k.shape[0], j:j + k.shape[1]]
    terms = " + ".join(f"{_num(a)}·{_num(b)}" for a, b in zip(win.ravel(), kk.ravel()))
    value = float(np.sum(win * kk))
    return f"{terms} = {value:g}", value


# --- drawing helpers --------------------------------------------------------------------

def _cells(ax, arr, *, show=None, highlight=None, cmap=None, fmt="{:g}", fontsize=11,
           title=None, corner=None, rows=None):
    """Numbered grid: ``show`` masks which numbers are written, ``corner`` (same shape, NaN
    where absent) adds a small second number in the bottom-right of a cell. ``rows`` makes
    the axes that many cells tall (the array centred), so that grids drawn side by side
    in axes of proportional widths get equal cells."""
    import matplotlib.patches as patches

    arr = np.atleast_2d(np.asarray(arr, dtype=float))
    h, w = arr.shape
    show = np.ones(arr.shape, bool) if show is None else np.asarray(show, bool)
    vmax = float(np.nanmax(np.abs(np.where(show, arr, 0)))) or 1.0
    signed = bool(np.nanmin(np.where(show, arr, 0)) < 0)
    cmap = cmap or (SIGNED_CMAP if signed else "Blues")
    shown = np.where(show, arr, np.nan)
    # colours stay light (at most ~60% of the map) so that black numbers stay readable
    ax.imshow(shown, cmap=cmap, vmin=-1.7 * vmax if signed else 0.0, vmax=1.7 * vmax,
              extent=(-0.5, w - 0.5, h - 0.5, -0.5))
    for (i, j), v in np.ndenumerate(arr):
        if show[i, j]:
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=fontsize)
        if corner is not None and np.isfinite(corner[i, j]):
            ax.text(j + 0.45, i + 0.45, "×" + f"{corner[i, j]:g}", ha="right", va="bottom",
                    fontsize=max(fontsize - 3, 8), color=COLORS[1], fontweight="bold")
    ax.hlines(np.arange(-0.5, h, 1), -0.5, w - 0.5, color="#555555", linewidth=0.8)
    ax.vlines(np.arange(-0.5, w, 1), -0.5, h - 0.5, color="#555555", linewidth=0.8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks([])
    ax.set_yticks([])
    extra = ((rows or h) - h) / 2
    ax.set_xlim(-0.6, w - 0.4)
    ax.set_ylim(h - 0.4 + extra, -0.6 - extra)
    ax.set_aspect("equal")
    if highlight is not None:
        (i0, j0), (hh, ww) = highlight
        ax.add_patch(patches.Rectangle((j0 - 0.5, i0 - 0.5), ww, hh, fill=False,
                                       edgecolor=COLORS[1], linewidth=3, zorder=5))
    if title:
        ax.set_title(title, fontsize=10)


def grid_row(arrays: Sequence[Any], titles: Sequence[str], *, fmt: str = "{:g}",
             size: float = 0.42, fontsize: float = 11):
    """Several small arrays side by side as numbered grids, cells of equal size."""
    arrays = [np.atleast_2d(np.asarray(a, dtype=float)) for a in arrays]
    widths = [a.shape[1] for a in arrays]
    height = max(a.shape[0] for a in arrays)
    fig = figure((size * sum(widths) + 0.9 * len(arrays), size * height + 0.8))
    axs = fig.subplots(1, len(arrays), width_ratios=widths, squeeze=False)[0]
    for ax, a, t in zip(axs, arrays, titles):
        _cells(ax, a, fmt=fmt, fontsize=fontsize, title=t, rows=height)
    return fig


# --- figures ------------------------------------------------------------------------------

def side_by_side(x: Any, k: Any, mode: str = "valid"):
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
    fig = figure((9.0, 0.45 * height + 0.9))
    axs = fig.subplots(1, 5, width_ratios=widths)
    for n, (ax, a, t) in enumerate(zip(axs, arrays, titles)):
        hl = ((0, 0), k.shape) if n == 0 and mode == "valid" else None
        hl = ((0, 0), (1, 1)) if n >= 3 and mode == "valid" else hl
        _cells(ax, a, title=t, highlight=hl, rows=height)
    return fig


def _placements(ax, n: int, k: int, starts: Sequence[int], title: str, *, pad: int):
    """Input row on top, one bar per output below it, covering the kernel's window."""
    import matplotlib.patches as patches

    for j in range(-pad, n + pad):
        inside = 0 <= j < n
        ax.add_patch(patches.Rectangle((j, 0), 1, 1, facecolor="#d9e6f2" if inside else "white",
                                       edgecolor="#333333" if inside else "#999999",
                                       linestyle="-" if inside else "--", linewidth=1))
        ax.text(j + 0.5, 0.5, f"$x_{{{j}}}$" if inside else "0", ha="center", va="center",
                fontsize=11, color="black" if inside else "#666666")
    for i, s in enumerate(starts):
        y = 1.3 + 0.7 * i
        ax.add_patch(patches.Rectangle((s + 0.08, y), k - 0.16, 0.5, facecolor=COLORS[0],
                                       alpha=0.85, edgecolor="none"))
        ax.text(s + k + 0.1, y + 0.27, f"$y_{{{i}}}$", va="center", fontsize=11)
    ax.set_xlim(-pad - 0.1, n + pad + 1.1)
    ax.set_ylim(1.3 + 0.7 * max(len(starts), 1) + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=11)


def output_sizes(n: int = 5, k: int = 3):
    """The three modes: where the kernel sits for each output of a 1-D correlation."""
    sizes = {"full": f"n + k - 1 = {n + k - 1}", "same": f"n = {n}", "valid": f"n - k + 1 = {n - k + 1}"}
    pads = {mode: max(0, -min(window_starts(n, k, mode))) for mode in MODES}
    widths = [n + 2 * pads[mode] + 1.2 for mode in MODES]
    fig = figure((9.0, 0.29 * (n + k) + 1.0))
    axs = fig.subplots(1, 3, width_ratios=widths)
    for ax, mode in zip(axs, MODES):
        _placements(ax, n, k, window_starts(n, k, mode), f'"{mode}": {sizes[mode]}\noutputs',
                    pad=pads[mode])
    return fig


def same_conventions(n: int = 5, k: int = 4):
    """Where an even kernel sits for each output of ``"same"``: scipy/convbook against torch."""
    fig = figure((7.0, 0.3 * (n + k) + 0.6))
    axs = fig.subplots(1, 2)
    _placements(axs[0], n, k, window_starts(n, k, "same", "scipy"),
                f'convbook / scipy "same"\n(k = {k})', pad=k // 2)
    _placements(axs[1], n, k, window_starts(n, k, "same", "torch"),
                f'torch padding="same"\n(k = {k})', pad=k // 2)
    return fig


def filter_gallery(image: Any, filters: Sequence[tuple[str, Any, float]], *, mode: str = "same",
                   size: float = 1.5):
    """Each filter's kernel (integer weights times a scale) above its response on ``image``.

    Kernels whose weights sum to zero respond to change and give signed maps, drawn on
    the diverging colour map centred on zero (blue negative, white zero, red positive),
    saturating at the 98th percentile of the absolute response (printed under the map);
    the others keep the brightness and are drawn in grey on [0, 1].
    """
    image = np.asarray(image, dtype=float)
    m = len(filters)
    fig = figure((size * m, 2 * size + 0.5))
    axs = fig.subplots(2, m, squeeze=False, height_ratios=[1, 1.3])
    for col, (name, weights, scale) in enumerate(filters):
        w = np.asarray(weights, dtype=float)
        fs = 10 if w.shape[1] <= 3 else 8
        _cells(axs[0, col], w, fontsize=fs, title=name if scale == 1 else f"{name}\n× {_frac(scale)}")
        out = signal.correlate(image, w * scale, mode)
        ax = axs[1, col]
        if abs(w.sum() * scale) < 1e-12:
            vmax = float(np.quantile(np.abs(out), 0.98)) or 1.0  # a few strong edges would wash out the rest
            ax.imshow(out, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
            ax.set_xlabel(f"±{vmax:.2f}", fontsize=9)
        else:
            ax.imshow(out, cmap="gray", vmin=0, vmax=1)
            ax.set_xlabel("0 … 1", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def _frac(scale: float) -> str:
    inv = 1.0 / scale
    return f"1/{inv:g}" if abs(inv - round(inv)) < 1e-9 else f"{scale:g}"


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
    ax.legend(fontsize=9, ncols=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    return fig


def sliding_window(step: int, x: Any, k: Any):
    """One step of a valid 2-D correlation (top) and convolution (bottom) of ``x`` with
    ``k``: the window on the input with the weights it is multiplied by, the kernel as
    applied, the outputs computed so far, and the arithmetic of this step."""
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    kh, kw = k.shape
    oh, ow = x.shape[0] - kh + 1, x.shape[1] - kw + 1
    if not 0 <= step < oh * ow:
        raise ValueError(f"sliding_window: step must be in 0..{oh * ow - 1}, but got step={step}")
    i, j = divmod(step, ow)
    done = np.zeros((oh, ow), bool)
    done.flat[: step + 1] = True
    fig = figure((6.4, 5.2))
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
        _cells(axs[0], x, highlight=((i, j), (kh, kw)), corner=corner, fontsize=11,
               title="input $x$", rows=rows)
        _cells(axs[1], kk, fontsize=11, rows=rows,
               title="kernel as applied" + (" (rotated)" if flip else ""))
        _cells(axs[2], out, show=done, highlight=((i, j), (1, 1)), fontsize=11, rows=rows,
               title=f"${'x ' + sym + ' k'}$ so far")
        sub[row].suptitle(f"{name}, output [{i}, {j}]:\n{text}", fontsize=10.5, x=0.02, ha="left")
    return fig


def kernel_explorer(image: Any, preset: str = "Sobel x", custom: str = "", *,
                    presets: Mapping[str, Any]):
    """A 3x3 kernel (a preset, or ``custom`` typed as ``"a b c; d e f; g h i"``) applied to
    ``image`` by correlation and by convolution ("same"), and their difference."""
    image = np.asarray(image, dtype=float)
    fig = figure((9.0, 2.7))
    try:
        k = parse_kernel(custom) if custom.strip() else np.asarray(presets[preset], dtype=float)
    except (ValueError, KeyError) as err:
        fig.text(0.5, 0.5, str(err), ha="center", va="center", fontsize=11, wrap=True)
        return fig
    corr = signal.correlate(image, k, "same")
    conv = signal.convolve(image, k, "same")
    diff = corr - conv
    axs = fig.subplots(1, 4, width_ratios=[0.8, 1, 1, 1])
    _cells(axs[0], k, fmt="{:.3g}", fontsize=9, title="kernel $k$")
    signed = abs(k.sum()) < 1e-12
    # signed maps saturate at the 98th percentile of |response|: a few strong edges would
    # otherwise wash out the rest
    vmax = max(float(np.quantile(np.abs(np.concatenate([corr, conv])), 0.98)), 1e-12)
    for ax, out, t in ((axs[1], corr, r"correlation $x \star k$"), (axs[2], conv, "convolution $x * k$")):
        if signed:
            ax.imshow(out, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        else:
            ax.imshow(out, cmap="gray", vmin=0, vmax=1)
        ax.set_title(t, fontsize=10)
    dmax = float(np.max(np.abs(diff)))
    dsat = float(np.quantile(np.abs(diff), 0.98)) or dmax or 1.0
    axs[3].imshow(diff, cmap=SIGNED_CMAP, vmin=-dsat, vmax=dsat)
    axs[3].set_title(f"difference (max |·| = {dmax:.3g})", fontsize=10)
    for ax in axs[1:]:
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


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
                  [name.replace(", ", "\n") for name in groups], fontsize=9)
    ax.set_ylabel("seconds per call (log scale)")
    ax.legend(fontsize=9, ncols=len(methods), loc="lower center", bbox_to_anchor=(0.5, 1.0),
              frameon=False)
    return fig


__all__ = ["window_starts", "parse_kernel", "step_arithmetic", "grid_row", "side_by_side",
           "output_sizes", "same_conventions", "filter_gallery", "moving_averages",
           "sliding_window", "kernel_explorer", "timings"]
