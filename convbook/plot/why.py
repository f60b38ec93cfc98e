"""Figures for chapter 1, "Why convolution".

The counts and matrices they draw are computed by :func:`convbook.costs.layer_costs`,
:func:`convbook.matrices.conv_matrix` and :func:`convbook.matrices.weight_index`
(re-exported here under their old names). Every figure function takes an optional
``ax`` and returns the figure (see :mod:`convbook.plot`).
"""
from __future__ import annotations

import string
from typing import Any

import numpy as np

from ..costs import layer_costs
from ..matrices import conv_matrix, weight_index
from . import COLORS, axes, canvas, drawn, tint

#: Colours for the shared weights of a kernel (Okabe-Ito without black, then two Tol
#: colours); the figures also write each weight's letter, so colour is never the only cue.
WEIGHT_COLORS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#BBBBBB", "#DDCC77", "#88CCEE", "#AA4499", "#44AA99")

LAYERS = ("dense", "locally connected", "convolutional")


def _letter_cells(ax: Any, idx: np.ndarray, fontsize: Any) -> None:
    """Cells coloured and lettered by the shared weight they hold (0: blank)."""
    from matplotlib.colors import ListedColormap

    nk = int(idx.max())
    cmap = ListedColormap([(1, 1, 1)] + [tint(c) for c in WEIGHT_COLORS[:nk]])
    ax.imshow(idx, cmap=cmap, vmin=-0.5, vmax=nk + 0.5, aspect="equal")
    letters = _letters(nk)
    for (i, j), v in np.ndenumerate(idx):
        if v:
            ax.text(j, i, letters[v - 1], ha="center", va="center", fontsize=fontsize)


def _letters(n: int) -> list[str]:
    return list(string.ascii_lowercase[:n])


# --- figures --------------------------------------------------------------------------

@drawn
def connections(n_inputs: int = 7, kernel_size: int = 3, ax: Any = None):
    """Three layers from ``n_inputs`` inputs to the ``n_inputs - k + 1`` valid outputs:
    dense (every pair), locally connected (k inputs each, own weights) and
    convolutional (k inputs each, the same k weights, coloured and dashed by weight)."""
    n, k = int(n_inputs), int(kernel_size)
    m = n - k + 1
    root, fig = canvas(ax, (9.0, 3.0))
    axs = fig.subplots(1, 3)
    xin = np.arange(n, dtype=float)
    xout = np.arange(m, dtype=float) + (k - 1) / 2
    styles = ("-", "--", ":", "-.")
    titles = (f"dense: {n * m} weights", f"locally connected: {m * k} weights",
              f"convolutional: {k} weights")
    for panel, (ax, title) in enumerate(zip(axs, titles)):
        for i, xo in enumerate(xout):
            for j, xi in enumerate(xin):
                offset = j - i
                if panel == 0:
                    ax.plot([xi, xo], [0, 1], color="#9a9a9a", lw=0.9, zorder=1)
                elif 0 <= offset < k:
                    if panel == 1:
                        ax.plot([xi, xo], [0, 1], color="#444444", lw=1.4, zorder=1)
                    else:
                        ax.plot([xi, xo], [0, 1], color=WEIGHT_COLORS[offset], lw=2.4,
                                ls=styles[offset % len(styles)], zorder=1)
        ax.scatter(xin, np.zeros(n), s=110, color="white", edgecolor="black", zorder=2)
        ax.scatter(xout, np.ones(m), s=110, color="#dddddd", edgecolor="black", zorder=2)
        ax.set_title(title)
        ax.set_xlim(-0.6, n - 0.4)
        ax.set_ylim(-0.35, 1.3)
        ax.set_yticks([0, 1], ["input", "output"])
        ax.set_xticks([])
        for side in ("top", "right", "bottom", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=0)
        if panel:
            ax.set_yticklabels([])
    names = ", ".join(_letters(k))
    axs[2].text((n - 1) / 2, -0.3, f"shared weights {names}: colour and dash", ha="center",
                va="center")
    return root


@drawn
def weight_matrix(kernel_shape: tuple[int, ...], input_shape: tuple[int, ...], ax: Any = None,
                  *, fontsize: Any = None):
    """Draw the dense matrix of a valid cross-correlation, each entry coloured and
    lettered by the kernel weight it holds (blank: no connection).

    For a 2-D kernel, thick lines mark the blocks: one block row per output row, one
    block column per input row."""
    idx = weight_index(kernel_shape, input_shape)
    rows, cols = idx.shape
    nk = int(np.prod(kernel_shape))
    if nk > len(WEIGHT_COLORS):
        raise ValueError(f"weight_matrix: at most {len(WEIGHT_COLORS)} kernel weights, got {nk}")
    fig, ax = axes(ax, figsize=(min(9.0, 0.34 * cols + 1.4), 0.34 * rows + 1.2))
    _letter_cells(ax, idx, fontsize or "medium")
    ax.set_xticks(np.arange(-0.5, cols, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, rows, 1), minor=True)
    ax.grid(which="minor", color="#cccccc", linewidth=0.5)
    ax.tick_params(which="minor", length=0)
    if len(input_shape) == 2:
        w_in = input_shape[1]
        w_out = input_shape[1] - kernel_shape[1] + 1
        for c in range(w_in, cols, w_in):
            ax.axvline(c - 0.5, color="black", lw=1.6)
        for r in range(w_out, rows, w_out):
            ax.axhline(r - 0.5, color="black", lw=1.6)
        ax.set_xticks(np.arange(0, cols, w_in))
        ax.set_yticks(np.arange(0, rows, w_out))
    else:
        ax.set_xticks(np.arange(cols))
        ax.set_yticks(np.arange(rows))
    ax.set_xlabel("input entry (flattened row by row)")
    ax.set_ylabel("output entry")
    return fig


@drawn
def kernel_and_matrix(kernel_shape: tuple[int, ...], input_shape: tuple[int, ...],
                      figsize: tuple[float, float] = (9.0, 3.6), ax: Any = None):
    """The kernel's letters (left) beside the matrix they fill (right)."""
    nk = int(np.prod(kernel_shape))
    root, fig = canvas(ax, figsize)
    kshape = tuple(kernel_shape) if len(kernel_shape) == 2 else (1, kernel_shape[0])
    idx = weight_index(kernel_shape, input_shape)
    scale = 1.6 if len(kernel_shape) == 2 else 1.0
    ax_k, ax_m = fig.subplots(1, 2, width_ratios=[scale * kshape[1], idx.shape[1]])
    _letter_cells(ax_k, np.arange(1, nk + 1).reshape(kshape), "large")
    ax_k.set_xticks([])
    ax_k.set_yticks([])
    ax_k.set_title("kernel")
    weight_matrix(kernel_shape, input_shape, ax=ax_m)
    ax_m.set_title(f"its {idx.shape[0]} x {idx.shape[1]} matrix")
    return root


@drawn
def equivariance(x: Any, kernel: Any, dense: Any, shift: int, ax: Any = None):
    """Shift, then apply; or apply, then shift. Three panels: the input and its circular
    shift; the convolutional layer (circular padding), where the two orders agree; a
    dense layer with weights ``dense``, where they do not."""
    from ..functional import conv1d

    x = np.asarray(x, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    dense = np.asarray(dense, dtype=float)

    def conv(v):
        return conv1d(v[None, None], kernel[None, None], padding="same",
                      padding_mode="circular")[0, 0]

    def shift_by(v):
        return np.roll(v, shift)

    n = np.arange(len(x))
    root, fig = canvas(ax, (9.0, 3.2))
    axs = fig.subplots(1, 3, sharex=True)
    axs[0].plot(n, x, color=COLORS[0], lw=2, label="x")
    axs[0].plot(n, shift_by(x), color=COLORS[1], lw=2, ls="--", label=f"S x (shift {shift})")
    axs[0].set_title("input")
    for ax, f, name in ((axs[1], conv, "convolution f"), (axs[2], lambda v: dense @ v, "dense layer D")):
        letter = name[-1]
        ax.plot(n, f(shift_by(x)), color=COLORS[2], lw=2, label=f"{letter}(S x)")
        ax.plot(n, shift_by(f(x)), color="black", lw=0, marker="o", ms=3.2,
                label=f"S {letter}(x)")
        ax.set_title(name)
    for ax in axs:
        ax.set_xlabel("position n")
        ax.legend(loc="upper left", frameon=False)
        lo, hi = ax.get_ylim()
        ax.set_ylim(lo, hi + 0.45 * (hi - lo))
    return root


@drawn
def costs(image_size: int = 1000, channels: int = 3, feature_maps: int = 1, kernel_size: int = 3,
          *, max_size: int = 1024, ax: Any = None):
    """Explorer figure: weights and multiply-adds of a dense, a locally connected and a
    convolutional layer (log scale), at the given settings (left) and against the image
    size (right, the current size marked)."""
    current = layer_costs(image_size, channels, feature_maps, kernel_size)
    root, fig = canvas(ax, (9.0, 3.9))
    ax_bar, ax_line = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.15, 1]})
    width = 0.26
    for i, layer in enumerate(LAYERS):
        vals = current[layer]
        pos = np.arange(2) + (i - 1) * width
        bars = ax_bar.bar(pos, vals, width, color=COLORS[i], label=layer,
                          hatch=("", "//", "..")[i], edgecolor="white")
        for b, v in zip(bars, vals):
            ax_bar.text(b.get_x() + b.get_width() / 2, v * 1.6, _short(v), ha="center",
                        va="bottom", rotation=90)
    ax_bar.set_yscale("log")
    ax_bar.set_ylim(1, 1e17)
    ax_bar.set_xticks([0, 1], ["weights", "multiply-adds"])
    ax_bar.set_ylabel("count (log scale)")
    ax_bar.set_title(f"{image_size}x{image_size}x{channels} image, {feature_maps} map(s), "
                     f"{kernel_size}x{kernel_size} kernel")
    sizes = np.unique(np.geomspace(max(kernel_size, 2), max_size, 60).astype(int))
    for i, layer in enumerate(LAYERS):
        w = [layer_costs(int(s), channels, feature_maps, kernel_size)[layer][0] for s in sizes]
        ax_line.plot(sizes, w, color=COLORS[i], lw=2, ls=("-", "--", ":")[i], label=layer)
    macs = [layer_costs(int(s), channels, feature_maps, kernel_size)["convolutional"][1]
            for s in sizes]
    ax_line.plot(sizes, macs, color=COLORS[2], lw=1.2, ls="-.", label="conv. multiply-adds (on the dashed line)")
    ax_line.axvline(image_size, color="#555555", lw=1)
    ax_line.set_xscale("log")
    ax_line.set_yscale("log")
    ax_line.set_ylim(1, 1e17)
    ax_line.set_xlabel("image side s (pixels)")
    ax_line.set_ylabel("count")
    fig.legend(*ax_line.get_legend_handles_labels(), loc="outside lower center", ncols=4,
               frameon=False)
    ax_line.set_title("weights against image size")
    return root


def _short(v: int) -> str:
    """``27000000 -> '2.7e7'``; small numbers in full."""
    if v < 10_000:
        return str(v)
    mantissa, exponent = f"{v:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}"


__all__ = ["layer_costs", "conv_matrix", "weight_index", "connections", "weight_matrix",
           "kernel_and_matrix", "equivariance", "costs", "WEIGHT_COLORS", "LAYERS"]
