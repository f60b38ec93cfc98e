"""Figures for chapter 8, "Convolution backwards".

They draw what :mod:`convbook.grad`, :mod:`convbook.upsampling` and the layers compute;
every function takes an optional ``ax`` and returns the figure.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from ..grad import tap_index
from ..upsampling import overlap_counts
from . import COLORS, add_colorbar, bare, canvas, drawn, grid, show_grey, tint


def _weight_colors() -> tuple[str, ...]:
    """The colours of chapter 1's lettered weights (one colour per shared weight)."""
    from .why import WEIGHT_COLORS

    return WEIGHT_COLORS


def _letters(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


def _lettered(ax, idx: np.ndarray, *, title: str, xlabel: str, ylabel: str) -> None:
    from matplotlib.colors import ListedColormap

    nk = int(idx.max())
    cmap = ListedColormap([(1, 1, 1)] + [tint(c) for c in _weight_colors()[:nk]])
    ax.imshow(idx, cmap=cmap, vmin=-0.5, vmax=nk + 0.5)
    letters = _letters(nk)
    for (i, j), v in np.ndenumerate(idx):
        if v:
            ax.text(j, i, letters[v - 1], ha="center", va="center")
    rows, cols = idx.shape
    ax.hlines(np.arange(-0.5, rows, 1), -0.5, cols - 0.5, color="#bbbbbb", linewidth=0.6)
    ax.vlines(np.arange(-0.5, cols, 1), -0.5, rows - 0.5, color="#bbbbbb", linewidth=0.6)
    ax.set_xticks(np.arange(cols))
    ax.set_yticks(np.arange(rows))
    ax.tick_params(length=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)


@drawn
def layer_matrices(input_size: int = 7, kernel_size: int = 3, stride: int = 2, padding: int = 0,
                   ax: Any = None):
    """The kernel, the layer's matrix C and its transpose, each weight a letter and colour."""
    idx = tap_index(input_size, kernel_size, stride, padding)
    rows, cols = idx.shape
    root, fig = canvas(ax, (0.45 * (cols + rows) + 2.0, 0.45 * (cols + 1) + 1.4))
    axs = fig.subplot_mosaic([["k", "t"], ["c", "t"]],
                             width_ratios=[cols, rows + 1.0],
                             height_ratios=[1.0 + 1.5, rows + 2.0])
    _lettered(axs["k"], np.arange(1, kernel_size + 1)[None], title="kernel w", xlabel="tap",
              ylabel="")
    axs["k"].set_yticks([])
    axs["k"].set_xlim(-0.5, cols - 0.5)             # cells as large as C's
    for side in ("top", "right", "bottom", "left"):
        axs["k"].spines[side].set_visible(False)
    axs["k"].set_title("")
    axs["k"].set_title("kernel w", loc="left")
    axs["k"].set_xlabel("tap", loc="left")
    _lettered(axs["c"], idx, title=f"C ({rows}×{cols}): y = C x",
              xlabel="input x_j", ylabel="output y_n")
    _lettered(axs["t"], idx.T, title=f"Cᵀ ({cols}×{rows}):\n∂L/∂x = Cᵀ g",
              xlabel="upstream g_n", ylabel="input x_j")
    return root


@drawn
def scatter_add(size: int = 4, kernel_size: int = 3, stride: int = 2, padding: int = 0,
                output_padding: int = 0, values: Sequence[float] | None = None,
                kernel: Sequence[float] | None = None, ax: Any = None):
    """The transposed convolution as scatter-add, in 1-D.

    One row per input cell ``n``: the kernel scaled by ``values[n]``, placed at
    ``stride * n``; the bottom row is their sum. Cells that ``padding`` crops are
    grey. With the default all-ones values and kernel the sum counts the overlapping
    copies (:func:`convbook.upsampling.overlap_counts`).
    """
    import matplotlib.patches as patches

    y = np.ones(size) if values is None else np.asarray(values, dtype=float)
    w = np.ones(kernel_size) if kernel is None else np.asarray(kernel, dtype=float)
    n, k, s, p = len(y), len(w), stride, padding
    full = (n - 1) * s + k + output_padding
    out = full - 2 * p
    root, fig = canvas(ax, (max(4.4, 0.42 * full + 1.8), 0.42 * (n + 2) + 1.2))
    a = fig.subplots()
    total = np.zeros(full)
    for i in range(n):
        total[i * s:i * s + k] += y[i] * w
    rows = [(f"y{i} · w", i * s, y[i] * w, COLORS[i % 2 * 4]) for i in range(n)]
    for r, (label, start, vals, color) in enumerate(rows):
        for m, v in enumerate(vals):
            a.add_patch(patches.Rectangle((start + m, -r - 1), 1, 1, facecolor=tint(color, 0.55),
                                          edgecolor="#555555", linewidth=0.8))
            a.text(start + m + 0.5, -r - 0.5, f"{v:g}", ha="center", va="center")
        a.text(-0.3, -r - 0.5, label, ha="right", va="center")
    base = -n - 1.6
    for j in range(full):
        cropped = j < p or j >= p + out
        a.add_patch(patches.Rectangle((j, base), 1, 1, facecolor="#dddddd" if cropped else "white",
                                      edgecolor="#555555", linewidth=1.2, hatch="//" if cropped else None))
        a.text(j + 0.5, base + 0.5, f"{total[j]:g}", ha="center", va="center",
               fontweight="bold", color="#777777" if cropped else "black")
    a.text(-0.3, base + 0.5, "sum", ha="right", va="center", fontweight="bold")
    a.set_xlim(-2.4, full + 0.2)
    a.set_ylim(base - 0.3, 0.3)
    a.set_aspect("equal")
    a.axis("off")
    lines = [f"{n} input{'s' if n > 1 else ''}, kernel {k}, stride {s}: output length {out}"]
    if p:
        lines.append(f"padding {p}: the grey cells are cropped")
    if output_padding:
        lines.append(f"output_padding {output_padding}: {output_padding} more kept on the right")
    a.set_title("\n".join(lines))
    return root


@drawn
def transpose_explorer(size: int = 4, kernel_size: int = 3, stride: int = 2, padding: int = 0,
                       ax: Any = None):
    """The explorer's frame: :func:`scatter_add` with ones, and the overlap counts in 2-D.

    An impossible setting (padding that crops everything) draws a message instead.
    """
    full = (size - 1) * stride + kernel_size
    if full - 2 * padding < 1:
        root, fig = canvas(ax, (5.0, 1.2))
        a = fig.subplots()
        a.axis("off")
        a.text(0.5, 0.5, f"padding {padding} crops the whole output (length {full} before cropping)",
               ha="center", va="center")
        return root
    counts = overlap_counts(size, kernel_size, stride, padding)
    root, fig = canvas(ax, (max(6.5, 0.42 * full + 4.2), 0.42 * (size + 2) + 1.6))
    left, right = fig.subfigures(1, 2, width_ratios=[max(3.0, 0.42 * full + 1.8), 3.0])
    scatter_add(size, kernel_size, stride, padding, ax=left)
    a = right.subplots()
    im = a.imshow(np.outer(counts, counts), cmap="viridis", vmin=0)
    bare(a)
    a.set_title(f"copies per cell in 2-D\n(min {counts.min() ** 2}, max {counts.max() ** 2})")
    add_colorbar(im, a, shrink=0.7)
    return root


@drawn
def pooling_backward(x: Any, grad_output: Any, grad_max: Any, grad_avg: Any, argmax: Any,
                     kernel_size: int = 2, ax: Any = None):
    """Input, upstream gradient, and where max and average pooling send it (one channel)."""
    x = np.asarray(x, dtype=float)
    k = kernel_size
    root, fig = canvas(ax, (5.6, 5.6))
    axs = fig.subplots(2, 2).ravel()
    grid(x, ax=axs[0], title="input x (max outlined)", highlight=np.asarray(argmax, bool))
    grid(grad_output, ax=axs[1], title="upstream g", rows=x.shape[0])
    grid(grad_max, ax=axs[2], title="∂L/∂x, max pool", fmt="{:g}")
    grid(grad_avg, ax=axs[3], title="∂L/∂x, average pool", fmt="{:g}")
    import matplotlib.patches as patches

    for a in (axs[0], axs[2], axs[3]):
        for i in range(0, x.shape[0] - k + 1, k):
            for j in range(0, x.shape[1] - k + 1, k):
                a.add_patch(patches.Rectangle((j - 0.5, i - 0.5), k, k, fill=False,
                                              edgecolor="black", linewidth=2.2, zorder=4))
    return root


@drawn
def upsampled(images: Mapping[str, Any], *, ncols: int = 3, size: float = 2.6, ax: Any = None):
    """Upsampled images in grey, each row on one shared scale with one colour bar.

    ``images`` maps titles to (H, W) arrays; every ``ncols`` make a row.
    """
    titles, arrays = list(images), [np.asarray(v, dtype=float) for v in images.values()]
    nrows = -(-len(arrays) // ncols)
    root, fig = canvas(ax, (size * ncols + 0.9, size * nrows + 0.4))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    for r in range(nrows):
        row = arrays[r * ncols:(r + 1) * ncols]
        lo, hi = min(float(a.min()) for a in row), max(float(a.max()) for a in row)
        im = None
        for a, arr, title in zip(axs[r], row, titles[r * ncols:]):
            im = show_grey(a, arr, vmin=lo, vmax=hi)
            a.set_title(title)
        for a in axs[r][len(row):]:
            a.axis("off")
        add_colorbar(im, list(axs[r][:len(row)]), shrink=0.85, pad=0.02)
    return root


@drawn
def pixel_shuffle_picture(upscale_factor: int = 2, height: int = 2, width: int = 3, ax: Any = None):
    """Sub-pixel convolution's rearrangement: r² low-resolution channels become the r x r
    sub-pixels of each block (``pixel_shuffle``), colour by channel, letter by position."""
    r, h, w = upscale_factor, height, width
    gap = 1.0
    left = r * w + (r - 1) * gap
    tall = r * h + (r - 1) * gap + 0.9
    root, fig = canvas(ax, (0.42 * (left + 2.2 + w * r) + 0.3, 0.42 * max(tall, h * r + 0.9) + 0.3))
    names = [chr(ord("A") + i) for i in range(h * w)]
    return _pixel_shuffle_draw(root, fig.subplots(), r, h, w, names, gap)


def _pixel_shuffle_draw(root, a, r, h, w, names, gap):
    import matplotlib.patches as patches

    colors = [tint(c, 0.35) for c in _weight_colors()]

    def cell(x, y, color, text):
        a.add_patch(patches.Rectangle((x, y), 1, 1, facecolor=color, edgecolor="#555555",
                                      linewidth=0.8))
        a.text(x + 0.5, y + 0.5, text, ha="center", va="center", fontsize="small")

    for c in range(r * r):                      # the r² channels, in an r x r layout
        x0 = (c % r) * (w + gap)
        y0 = -(c // r) * (h + gap + 0.4)
        for i in range(h):
            for j in range(w):
                cell(x0 + j, y0 - i - 1, colors[c], f"{names[i * w + j]}{c}")
        a.text(x0 + w / 2, y0 + 0.1, f"channel {c}", ha="center", va="bottom",
               fontsize="small")
    left = r * w + (r - 1) * gap
    bottom = -(r * h + (r - 1) * (gap + 0.4))
    a.annotate("", xy=(left + 1.6, bottom / 2), xytext=(left + 0.4, bottom / 2),
               arrowprops=dict(arrowstyle="->", lw=1.6))
    x0 = left + 2.2
    for i in range(h * r):
        for j in range(w * r):
            c = (i % r) * r + (j % r)
            cell(x0 + j, -i - 1, colors[c], f"{names[(i // r) * w + j // r]}{c}")
    for i in range(0, h * r + 1, r):
        a.plot([x0, x0 + w * r], [-i, -i], color="black", lw=1.8)
    for j in range(0, w * r + 1, r):
        a.plot([x0 + j, x0 + j], [0, -h * r], color="black", lw=1.8)
    a.text(x0 + w * r / 2, 0.1, f"output, {h * r}×{w * r}", ha="center", va="bottom",
           fontsize="small")
    a.set_xlim(-0.2, x0 + w * r + 0.2)
    a.set_ylim(min(bottom, -h * r) - 0.3, 0.8)
    a.set_aspect("equal")
    a.axis("off")
    return root


__all__ = ["layer_matrices", "scatter_add", "transpose_explorer",
           "pooling_backward", "upsampled", "pixel_shuffle_picture"]
