"""Figures for chapter 6, multi-channel convolution layers.

Every function takes an optional ``ax`` and returns the figure (see :mod:`convbook.plot`);
the counts come from :func:`convbook.costs.layer_counts` (re-exported here).
Arrays follow the package conventions: a 1-D layer input is ``(C_in, L)``, its
weight ``(C_out, C_in, k)``; a 2-D input is ``(C_in, H, W)``, its weight
``(C_out, C_in // groups, kH, kW)``.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..costs import layer_counts
from ..functional import conv1d, conv2d, unfold
from . import COLORS, add_colorbar, axes, canvas, drawn, grid, limit, show_grey, show_signed

__all__ = ["layer_counts", "multi_input_1d", "multi_output_1d", "rgb_channels", "im2col_picture",
           "param_bars", "filter_bank", "weight_tensor", "preset_layer", "PRESETS"]


def _label(ax, text):
    ax.set_ylabel(text, rotation=0, ha="right", va="center", labelpad=8)


@drawn
def multi_input_1d(x: Any, w: Any, b: float = 0.0, ax: Any = None):
    """Several input channels, one output channel: ``y = sum_c x[c] ⋆ w[c] + b``, in numbers.

    One row per input channel (its signal, its kernel slice, their correlation), and
    a last row with the sum over channels plus the bias, added once.

    Examples
    --------
    >>> fig = multi_input_1d([[1, 2, 3, 4], [0, 1, 0, 1]], [[1, -1], [2, 0]], b=1)
    >>> len(fig.axes)
    7
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    c_in, length = x.shape
    k = w.shape[1]
    n_out = length - k + 1
    partial = [conv1d(x[c][None], w[c][None, None])[0] for c in range(c_in)]
    y = np.sum(partial, axis=0) + b
    root, fig = canvas(ax, (0.4 * (length + k + n_out) + 1.8, 0.6 * (c_in + 1) + 0.6))
    gs = fig.add_gridspec(c_in + 1, 3, width_ratios=[length, k, n_out])
    for c in range(c_in):
        ax = fig.add_subplot(gs[c, 0])
        grid(x[c], ax)
        _label(ax, f"channel {c}")
        if c == 0:
            ax.set_title("input x[c]")
        ax = fig.add_subplot(gs[c, 1])
        grid(w[c], ax)
        if c == 0:
            ax.set_title("slice w[c]")
        ax = fig.add_subplot(gs[c, 2])
        grid(partial[c], ax)
        if c == 0:
            ax.set_title("x[c] ⋆ w[c]")
    ax = fig.add_subplot(gs[c_in, 2])
    grid(y, ax, highlight=[(0, j) for j in range(n_out)])
    _label(ax, f"sum + b\n(b = {b:g})")
    return root


@drawn
def multi_output_1d(x: Any, w: Any, b: Any, ax: Any = None):
    """Several input and output channels: ``y[o] = sum_c x[c] ⋆ w[o, c] + b[o]``, in numbers.

    The input (rows are channels) is drawn once; each output channel has its own
    ``(C_in, k)`` block of the weight and its own bias.

    Examples
    --------
    >>> fig = multi_output_1d([[1, 2, 3], [0, 1, 0]], [[[1, 0], [0, 1]], [[1, 1], [1, 1]]], [0, 1])
    >>> len(fig.axes)
    5
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    b = np.asarray(b, dtype=float)
    c_in, length = x.shape
    c_out, _, k = w.shape
    y = conv1d(x, w, b)
    n_out = y.shape[1]
    root, fig = canvas(ax, (0.4 * (length + k + n_out) + 2.4, 0.5 * c_in * c_out + 0.9))
    gs = fig.add_gridspec(c_out, 3, width_ratios=[length, k, n_out])
    ax = fig.add_subplot(gs[:, 0])
    grid(x, ax)
    ax.set_title(f"input x: {c_in} channels")
    ax.set_yticks(range(c_in), [f"c={c}" for c in range(c_in)])
    ax.tick_params(labelleft=True)
    for o in range(c_out):
        ax = fig.add_subplot(gs[o, 1])
        grid(w[o], ax)
        ax.set_title(f"w[{o}]")
        ax = fig.add_subplot(gs[o, 2])
        grid(y[o], ax)
        ax.set_title(f"y[{o}]  (b[{o}] = {b[o]:g})")
    return root


@drawn
def rgb_channels(image: Any, w: Any, b: float = 0.0, ax: Any = None):
    """A colour image ``(3, H, W)``, one kernel slice per colour, and the summed map.

    Rows: the red, green and blue channels; their kernel slices (numbers written in);
    each channel correlated with its slice. The right column shows the photograph
    and the single output channel ``sum_c x[c] ⋆ w[c] + b``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> fig = rgb_channels(rng.random((3, 12, 12)), np.ones((3, 3, 3)))
    >>> len(fig.axes)  # 3 x 3 panels, the photograph, the sum, two colour bars
    13
    """
    x = np.asarray(image, dtype=float)
    w = np.asarray(w, dtype=float)
    partial = [conv2d(x[c][None], w[c][None, None])[0] for c in range(3)]
    total = np.sum(partial, axis=0) + b
    root, fig = canvas(ax, (8.6, 6.4))
    gs = fig.add_gridspec(3, 4, width_ratios=[1, 0.8, 1, 1.25])
    names = ["red", "green", "blue"]
    vmax = limit(*partial)
    column = []
    for c in range(3):
        ax = fig.add_subplot(gs[c, 0])
        show_grey(ax, x[c], 0, 1)
        _label(ax, names[c])
        if c == 0:
            ax.set_title("channel x[c]")
        ax = fig.add_subplot(gs[c, 1])
        grid(w[c], ax, fontsize="small")
        if c == 0:
            ax.set_title("slice w[c]")
        column.append(fig.add_subplot(gs[c, 2]))
        im = show_signed(column[-1], partial[c], vmax)
        if c == 0:
            column[-1].set_title("x[c] ⋆ w[c]")
    add_colorbar(im, column, shrink=0.6)
    ax = fig.add_subplot(gs[0, 3])
    show_grey(ax, np.clip(x.transpose(1, 2, 0), 0, 1))
    ax.set_title("the photograph")
    ax = fig.add_subplot(gs[1:, 3])
    im = show_signed(ax, total)
    ax.set_title("output: sum over c" + (f" + {b:g}" if b else ""))
    add_colorbar(im, ax, shrink=0.6, location="bottom")
    return root


@drawn
def im2col_picture(x: Any, w: Any, ax: Any = None):
    """Convolution as one matrix product, on a tiny example (stride 1, no padding).

    Panels, left to right: the input channels with the first window outlined; the
    weight matrix ``W_row`` (one row per output channel, the slices flattened in the
    order ``(c, p, q)``); the patch matrix ``X_col`` (one column per output position,
    the first outlined); their product, whose row ``o`` is output channel ``o`` read
    row by row.

    Examples
    --------
    >>> fig = im2col_picture(np.arange(18).reshape(2, 3, 3), np.ones((2, 2, 2, 2)))
    >>> len(fig.axes)
    5
    """
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float)
    c_in, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    ho, wo = h - kh + 1, wd - kw + 1
    n_col = c_in * kh * kw
    cols = unfold(x, (kh, kw))  # (C_in kh kw, H_out W_out), rows in the order (c, p, q)
    wmat = w.reshape(c_out, n_col)
    prod = wmat @ cols
    root, fig = canvas(ax, (0.34 * (wd + n_col + 2 * ho * wo) + 1.6, 0.34 * n_col + 1.0))
    gs = fig.add_gridspec(c_in, 4, width_ratios=[wd, n_col, ho * wo, ho * wo])
    first = [(i, j) for i in range(kh) for j in range(kw)]
    for c in range(c_in):
        ax = fig.add_subplot(gs[c, 0])
        grid(x[c], ax, highlight=first, fontsize="small")
        _label(ax, f"x[{c}]")
    ax = fig.add_subplot(gs[:, 1])
    grid(wmat, ax, fontsize="small")
    ax.set_title(f"W_row ({c_out} × {n_col})")
    ax.set_xlabel("columns: (c, p, q)", fontsize="small")
    ax = fig.add_subplot(gs[:, 2])
    grid(cols, ax, highlight=[(i, 0) for i in range(n_col)], fontsize="small")
    ax.set_title(f"X_col ({n_col} × {ho * wo})")
    ax.set_xlabel("output position", fontsize="small")
    ax = fig.add_subplot(gs[:, 3])
    grid(prod, ax, highlight=[(o, 0) for o in range(c_out)], fontsize="small")
    ax.set_title(f"W_row X_col ({c_out} × {ho * wo})")
    ax.set_xlabel("output position", fontsize="small")
    ax.set_ylabel("output channel", fontsize="small")
    return root


@drawn
def param_bars(counts: dict, ax: Any = None, *, title: str | None = None,
               xlabel: str = "learnable parameters"):
    """Horizontal bars of named counts, each with its number written at the end.

    Examples
    --------
    >>> fig = param_bars({"one 7x7": 49, "three 3x3": 27})
    >>> fig.axes[0].get_xlabel()
    'learnable parameters'
    """
    names = list(counts)
    values = [counts[n] for n in names]
    fig, ax = axes(ax, figsize=(7.5, 0.5 * len(names) + 1.2))
    ypos = np.arange(len(names))[::-1]
    ax.barh(ypos, values, color=[COLORS[i % len(COLORS)] for i in range(len(names))])
    ax.set_yticks(ypos, names)
    top = max(values) or 1
    for yv, v in zip(ypos, values):
        ax.text(v + 0.01 * top, yv, f"{v:,}", va="center")
    ax.set_xlim(0, top * 1.22)
    ax.set_xlabel(xlabel)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    return fig


@drawn
def filter_bank(maps: Sequence[Any], kernels: Sequence[Any], titles: Sequence[str], *,
                ncols: int = 4, ax: Any = None):
    """Feature maps of a filter bank as a grid, each with its kernel inset in a corner.

    Each map is drawn on the diverging map centred on zero, with a shared scale and
    one colour bar, so the strength of the responses can be compared across filters;
    the kernel insets share a second scale, centred on zero.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> fig = filter_bank([rng.normal(size=(8, 8))] * 2, [np.eye(3)] * 2, ["a", "b"], ncols=2)
    >>> len(fig.axes)  # two maps and the colour bar; insets are children of their axes
    3
    """
    n = len(maps)
    nrows = -(-n // ncols)
    root, fig = canvas(ax, (2.2 * ncols + 0.6, 2.3 * nrows + 0.2))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    vmax, kmax = limit(*maps), limit(*kernels)
    for panel, m, k, t in zip(axs.flat, maps, kernels, titles):
        im = show_signed(panel, m, vmax)
        panel.set_title(t)
        inset = panel.inset_axes([0.0, 0.0, 0.3, 0.3])
        show_signed(inset, k, kmax)
        for side in inset.spines.values():
            side.set_edgecolor("black")
    for panel in list(axs.flat)[n:]:
        panel.axis("off")
    add_colorbar(im, list(axs.flat), shrink=0.6)
    return root


@drawn
def weight_tensor(c_in: int = 4, c_out: int = 4, kernel_size: int = 3, groups: int = 1,
                  size: int = 32, extent: float = 128.0, ax: Any = None):
    """The weight tensor of a 2-D layer drawn to scale, with its counts in the title.

    Row ``o``, column ``c`` holds the ``k x k`` slice connecting input channel ``c``
    to output channel ``o``, one square per weight, coloured by group; with
    ``groups > 1`` the slices outside the diagonal blocks do not exist (grey dotted
    outlines). The column at the right is the bias, one per output channel. The title
    gives the weight shape, the parameter count and the multiply-adds on a
    ``size x size`` input with "same" padding.

    Patches carry ``gid`` "slice", "absent" or "bias". The drawing area is always
    ``extent`` weight-squares wide (by default enough for 16 x 16 channels of 7 x 7), so one weight has the same size in every call and
    layers can be compared by eye.

    Examples
    --------
    >>> fig = weight_tensor(4, 8, 3, groups=2)
    >>> "(8, 2, 3, 3)" in fig.axes[0].get_title()
    True
    >>> "must divide" in weight_tensor(3, 4, 3, groups=2).axes[0].texts[0].get_text()
    True
    """
    import matplotlib.patches as patches
    from matplotlib.collections import LineCollection

    fig, ax = axes(ax, figsize=(6.4, 6.0))
    ax.set_axis_off()
    if c_in % groups or c_out % groups:
        ax.text(0.5, 0.5, f"groups = {groups} must divide\nC_in = {c_in} and C_out = {c_out}",
                ha="center", va="center", fontsize="large", transform=ax.transAxes)
        return fig
    k = kernel_size
    counts = layer_counts(c_in, c_out, k, groups, size)
    per_in, per_out = c_in // groups, c_out // groups
    gap = 0.6
    step = k + gap
    lines = []
    for o in range(c_out):
        for c in range(c_in):
            x0, y0 = c * step, o * step
            if o // per_out == c // per_in:
                ax.add_patch(patches.Rectangle((x0, y0), k, k, facecolor=COLORS[(o // per_out) % 6],
                                               edgecolor="black", linewidth=0.5, gid="slice"))
                lines += [[(x0 + t, y0), (x0 + t, y0 + k)] for t in range(1, k)]
                lines += [[(x0, y0 + t), (x0 + k, y0 + t)] for t in range(1, k)]
            else:
                ax.add_patch(patches.Rectangle((x0, y0), k, k, facecolor="none", gid="absent",
                                               edgecolor="#999999", linewidth=0.6, linestyle=":"))
    ax.add_collection(LineCollection(lines, colors="white", linewidths=0.4))
    bx = c_in * step + 2 * gap
    for o in range(c_out):
        ax.add_patch(patches.Rectangle((bx, o * step + (k - 1) / 2), 1, 1, facecolor=COLORS[6],
                                       edgecolor="black", linewidth=0.5, gid="bias"))
    height = c_out * step - gap
    span = max(extent, bx + 4, height + 4)
    ax.set_xlim(-8, span)
    ax.set_ylim(span, -8)
    ax.set_aspect("equal")
    ax.text(0, -1.5, "input channels c →", ha="left", va="bottom")
    ax.text(-1.5, 0, "output channels o →", ha="right", va="top", rotation=90)
    ax.text(bx + 0.5, height + 1.5, "bias", ha="center", va="top")
    shape = counts["weight_shape"]
    ax.set_title(f"weight {shape}: {counts['weights']:,} weights + {counts['biases']} biases "
                 f"= {counts['params']:,} parameters\n"
                 f"multiply-adds on a {size}×{size} input ('same' padding): {counts['macs']:,}")
    return fig


#: A few layers for the kernel-free explorer: name -> (C_in, C_out, k, groups).
PRESETS = {
    "full 3×3, 8 → 8": (8, 8, 3, 1),
    "grouped 3×3, 8 → 8, groups 2": (8, 8, 3, 2),
    "grouped 3×3, 8 → 8, groups 4": (8, 8, 3, 4),
    "depthwise 3×3, 8 → 8, groups 8": (8, 8, 3, 8),
    "pointwise 1×1, 8 → 8": (8, 8, 1, 1),
    "full 5×5, 8 → 8": (8, 8, 5, 1),
    "full 7×7, 8 → 8": (8, 8, 7, 1),
    "first layer 3×3, RGB 3 → 16": (3, 16, 3, 1),
}


def preset_layer(name: str = "full 3×3, 8 → 8", size: int = 32, ax: Any = None):
    """:func:`weight_tensor` for one of the :data:`PRESETS`, by name.

    Examples
    --------
    >>> "(8, 1, 3, 3)" in preset_layer("depthwise 3×3, 8 → 8, groups 8").axes[0].get_title()
    True
    """
    if name not in PRESETS:
        raise ValueError(f"preset_layer: name must be one of {list(PRESETS)}, but got {name!r}")
    c_in, c_out, k, g = PRESETS[name]
    return weight_tensor(c_in, c_out, k, g, size=size, extent=68.0, ax=ax)
