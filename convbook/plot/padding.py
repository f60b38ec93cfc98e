"""Figures for chapter 5, padding, stride and dilation.

Every figure function takes an optional ``ax`` and returns the figure (see
:mod:`convbook.plot`). What they draw (which input cells a window reads, how often
each cell is used, padded strings, test patterns) is computed in
:mod:`convbook.windows`, :mod:`convbook.kernels` and :mod:`convbook.patterns`,
re-exported here under their old names.

Examples
--------
>>> from convbook.plot.padding import taps, usage, padded_letters
>>> taps(1, kernel_size=3, stride=2, padding=1)
[1, 2, 3]
>>> usage(5, 3).tolist()
[1, 2, 3, 2, 1]
>>> padded_letters("abcd", 2, "reflect")
'c b | a b c d | c b'
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..arithmetic import conv_output_size
from ..kernels import gaussian_kernel
from ..patterns import zone_plate
from ..windows import NP_PAD_MODE, dilated_footprint, padded_letters, taps, usage
from ..windows import PADDING_MODES as MODES
from . import COLORS, HIGHLIGHT, axes, canvas, drawn, grid, show_grey, tint

# The convolution arithmetic guide's classic cases (Dumoulin & Visin 2016, figures
# 2.1-2.7 and 5.1), one axis of a square input and kernel.
CLASSIC_CASES = tuple(
    dict(name=name, size=i, kernel_size=k, padding=p, stride=s, dilation=d)
    for name, i, k, p, s, d in (
        ("2.1 no padding, unit strides", 4, 3, 0, 1, 1),
        ("2.2 arbitrary padding", 5, 4, 2, 1, 1),
        ("2.3 half ('same') padding", 5, 3, 1, 1, 1),
        ("2.4 full padding", 5, 3, 2, 1, 1),
        ("2.5 no padding, strides", 5, 3, 0, 2, 1),
        ("2.6 padding and strides", 5, 3, 1, 2, 1),
        ("2.7 padding, strides, odd", 6, 3, 1, 2, 1),
        ("5.1 dilation", 7, 3, 0, 1, 2))
)


# ----------------------------------------------------------------------------- figures

@drawn
def usage_counts(size: int = 7, kernel_size: int = 3, paddings: Sequence[int] = (0, 1, 2),
                 ax: Any = None):
    """How many windows read each input pixel (numbered grids), one panel per padding."""
    root, fig = canvas(ax, (2.3 * len(paddings), 2.75))
    axs = fig.subplots(1, len(paddings), squeeze=False)[0]
    for panel, p in zip(axs, paddings):
        u = usage(size, kernel_size, padding=p)
        o = conv_output_size(size, kernel_size, padding=p)
        grid(np.outer(u, u), panel, fontsize="small", title=f"padding {p}: output {o}x{o}")
        panel.set_xlabel(f"{size}x{size} input, {kernel_size}x{kernel_size} kernel",
                         fontsize="small")
    return root


@drawn
def padding_modes(letters: Sequence[str] = "abcd", pad: int = 2, ax: Any = None):
    """Each padding mode as a strip of cells: the input in the middle, padding shaded."""
    letters = list(letters)
    n = len(letters)
    fig, ax = axes(ax, figsize=(0.5 * (n + 2 * pad) + 1.8, 0.55 * len(MODES) + 0.4))
    for r, mode in enumerate(MODES):
        cells = padded_letters(letters, pad, mode).replace("| ", "").replace(" |", "").split()
        for c, s in enumerate(cells):
            inside = pad <= c < pad + n
            ax.add_patch(_rect(c, r, COLORS[5] if inside else "#dddddd", alpha=0.5 if inside else 1,
                               edge="#777777", lw=0.6))
            ax.text(c + 0.5, r + 0.5, s, ha="center", va="center", fontsize="large",
                    fontweight="bold" if inside else "normal")
        for edge in (pad, pad + n):
            ax.plot([edge, edge], [r + 0.05, r + 0.95], color="black", linewidth=2.5)
        ax.text(-0.3, r + 0.5, mode, ha="right", va="center")
    ax.set_xlim(-2.2, n + 2 * pad + 0.1)
    ax.set_ylim(len(MODES) + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig


@drawn
def border_artefacts(results: dict[str, np.ndarray], original: np.ndarray, rows: int = 32,
                     ax: Any = None):
    """Blurred images per padding mode, with a zoom on the top-right corner below each."""
    names = ["original"] + list(results)
    images = [original] + list(results.values())
    root, fig = canvas(ax, (1.45 * len(names), 3.3))
    axs = fig.subplots(2, len(names), squeeze=False, height_ratios=[1, 1])
    for j, (name, im) in enumerate(zip(names, images)):
        show_grey(axs[0, j], im, 0, 1)
        axs[0, j].set_title(name)
        w = im.shape[1]
        axs[0, j].add_patch(_rect(w - rows - 0.5, -0.5, "none", w=rows, h=rows,
                                  edge=HIGHLIGHT, lw=1.5))
        show_grey(axs[1, j], im[:rows, w - rows:], 0, 1)
        axs[1, j].set_xlabel("top-right corner", fontsize="small")
    return root


@drawn
def aliasing(pattern: np.ndarray, naive: np.ndarray, blurred: np.ndarray, factor: int,
             ax: Any = None):
    """A high-frequency pattern, its plain subsampling and its blur-then-subsample."""
    root, fig = canvas(ax, (7.0, 2.75))
    axs = fig.subplots(1, 3)
    n = pattern.shape[0]
    titles = (f"pattern, {n}x{n}", f"every {factor}th pixel (stride {factor})",
              f"blur, then every {factor}th")
    for panel, im, title in zip(axs, (pattern, naive, blurred), titles):
        show_grey(panel, im, 0, 1)
        panel.set_title(title)
    return root


@drawn
def dilation_footprints(stacks: Sequence[Sequence[int]] = ((1, 1, 1), (1, 2, 4), (2, 2, 2)),
                        kernel_size: int = 3, ax: Any = None):
    """2-D footprints (paths from each input pixel to one output) of stacked dilated kernels."""
    fps = [np.outer(f, f) for f in (dilated_footprint(s, kernel_size) for s in stacks)]
    side = max(f.shape[0] for f in fps)
    root, fig = canvas(ax, (2.35 * len(stacks), 2.85))
    axs = fig.subplots(1, len(stacks), squeeze=False)[0]
    for ax, stack, fp in zip(axs, stacks, fps):
        pad = (side - fp.shape[0]) // 2
        shown = np.pad(fp, pad).astype(float)
        masked = np.ma.masked_equal(shown, 0)
        ax.imshow(masked, cmap="viridis", vmin=0)
        ax.set_facecolor("white")
        ax.set_xticks(np.arange(-0.5, side, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, side, 1), minor=True)
        ax.grid(which="minor", color="#cccccc", linewidth=0.4)
        ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
        r = fp.shape[0]
        gaps = int((fp == 0).sum())
        ax.set_title(f"dilations {', '.join(map(str, stack))}")
        ax.set_xlabel(f"reach {r}x{r}, {gaps} gaps", fontsize="small")
    return root


@drawn
def gradient_window(grad: np.ndarray, window: tuple[int, int, int, int], ax: Any = None):
    """``|grad|`` of one output unit with respect to the input, with the predicted
    receptive field ``(row0, col0, height, width)`` outlined."""
    fig, ax = axes(ax, figsize=(4.2, 3.6))
    g = np.abs(np.asarray(grad, dtype=float))
    im = ax.imshow(np.ma.masked_equal(g, 0), cmap="viridis")
    ax.set_facecolor("#f2f2f2")
    r0, c0, h, w = window
    ax.add_patch(_rect(c0 - 0.5, r0 - 0.5, "none", w=w, h=h, edge=COLORS[1], lw=2))
    ax.set_xlabel("input column")
    ax.set_ylabel("input row")
    fig.colorbar(im, ax=ax, shrink=0.8, label="|gradient|")
    return fig


@drawn
def window_diagram(size: int = 5, kernel_size: int = 3, padding: int = 1, stride: int = 2,
                   dilation: int = 1, out_row: int = 0, out_col: int = 0,
                   title: str | None = None, ax: Any = None):
    """Which cells of the padded input feed one output cell, next to the output grid.

    Padding cells are grey, the cells read by output ``(out_row, out_col)`` are
    outlined and filled, and input cells that no output reads are crossed out.
    Output indices past the output size are clipped to the last cell.
    """
    try:
        o = conv_output_size(size, kernel_size, stride, padding, dilation)
    except ValueError:
        o = 0
    full = size + 2 * padding
    root, fig = canvas(ax, (6.0, 3.4))
    gs = fig.add_gridspec(1, 2, width_ratios=[max(full, 1), max(o, 1) + 0.6])
    ax_in, ax_out = fig.add_subplot(gs[0]), fig.add_subplot(gs[1])
    head = f"i={size}, k={kernel_size}, p={padding}, s={stride}, d={dilation}"
    if o == 0:
        fig.suptitle(f"{head}: the kernel does not fit, no output")
        for ax in (ax_in, ax_out):
            ax.axis("off")
        return fig
    out_row, out_col = min(max(out_row, 0), o - 1), min(max(out_col, 0), o - 1)
    rows = taps(out_row, kernel_size, stride, padding, dilation)
    cols = taps(out_col, kernel_size, stride, padding, dilation)
    used = usage(size, kernel_size, stride, padding, dilation)
    # one image for the cell colours and two line collections for the grid: fast to redraw
    inside = np.zeros((full, full), bool)
    inside[padding:padding + size, padding:padding + size] = True
    colour = np.where(inside[..., None], tint(COLORS[5], 0.65), tint("#e3e3e3", 0.0))
    ax_in.imshow(colour, extent=(0, full, full, 0), interpolation="nearest")
    ax_in.hlines(np.arange(full + 1), 0, full, color="#777777", linewidth=0.6)
    ax_in.vlines(np.arange(full + 1), 0, full, color="#777777", linewidth=0.6)
    for ri in range(size):
        for ci in range(size):
            if used[ri] == 0 or used[ci] == 0:
                ax_in.text(ci + padding + 0.5, ri + padding + 0.5, "×", ha="center",
                           va="center", fontsize="large", color="#555555")
    for ri in rows:
        for ci in cols:
            ax_in.add_patch(_rect(ci + padding + 0.08, ri + padding + 0.08, COLORS[0], alpha=0.8,
                                  w=0.84, h=0.84, edge=COLORS[0], lw=1.5))
    ax_in.add_patch(_rect(padding, padding, "none", w=size, h=size, edge="black", lw=2))
    _finish(ax_in, full, full)
    ax_in.set_title("padded input" if padding else "input")
    top = max(full - o, 0) / 2  # same cell size as the input, centred vertically
    for r in range(o):
        for c in range(o):
            hit = (r, c) == (out_row, out_col)
            ax_out.add_patch(_rect(c, r + top, COLORS[1] if hit else "white",
                                   alpha=0.85 if hit else 1, edge="#555555", lw=0.8))
    _finish(ax_out, o, max(full, o))
    ax_out.set_title(f"output {o}x{o}")
    fig.suptitle(f"{title + chr(10) if title else ''}{head}  →  o = {o}")
    return root


def classic_case(case: int | str = 0, step: int = 0, ax: Any = None):
    """:func:`window_diagram` of one of the guide's classic cases, at output cell number
    ``step`` in reading order. ``case`` is an index into :data:`CLASSIC_CASES` or the
    guide's figure number as a string ("2.1", ..., "5.1")."""
    if isinstance(case, str):
        numbers = [c["name"].split()[0] for c in CLASSIC_CASES]
        if case not in numbers:
            raise ValueError(f"classic_case: case must be one of {numbers}, but got {case!r}")
        case = numbers.index(case)
    spec = dict(CLASSIC_CASES[case])
    name = spec.pop("name")
    o = conv_output_size(spec["size"], spec["kernel_size"], spec["stride"], spec["padding"],
                         spec["dilation"])
    step = step % (o * o)
    number, label = name.split(" ", 1)
    return window_diagram(**spec, out_row=step // o, out_col=step % o,
                          title=f"Guide figure {number}: {label}", ax=ax)


# ----------------------------------------------------------------------------- internals

def _rect(x, y, color, alpha=1.0, w=1.0, h=1.0, edge=None, lw=0.0):
    import matplotlib.patches as patches

    return patches.Rectangle((x, y), w, h, facecolor=color, alpha=alpha,
                             edgecolor=edge or "none", linewidth=lw)


def _finish(ax, w, h):
    ax.set_xlim(-0.1, w + 0.1)
    ax.set_ylim(h + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")


__all__ = ["CLASSIC_CASES", "MODES", "NP_PAD_MODE", "taps", "usage", "padded_letters",
           "zone_plate", "gaussian_kernel", "dilated_footprint", "usage_counts", "padding_modes",
           "border_artefacts", "aliasing", "dilation_footprints", "gradient_window",
           "window_diagram", "classic_case"]

