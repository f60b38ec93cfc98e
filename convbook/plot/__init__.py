"""Figures for the chapters: each function takes an optional ``ax``, returns the figure,
never calls ``plt.show()`` and changes no global style.

Shared building blocks live here; each chapter's figures live in a module named for
its topic (``convbook.plot.<topic>``).

Colour conventions (colour-blind safe): signed arrays (kernels, feature maps) use the
diverging map ``SIGNED_CMAP`` centred on zero; non-negative images use ``"gray"`` or
``"viridis"``; line plots take colours from ``COLORS`` (Okabe-Ito).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

SIGNED_CMAP = "RdBu_r"
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


def _figure_class():
    """A matplotlib Figure that shows itself as a PNG in Jupyter (``_repr_png_``)."""
    global _BookFigure
    if _BookFigure is None:
        from matplotlib.figure import Figure

        class BookFigure(Figure):
            def _repr_png_(self) -> bytes:
                import io

                buf = io.BytesIO()
                self.savefig(buf, format="png", metadata={"Software": None})
                return buf.getvalue()

        _BookFigure = BookFigure
    return _BookFigure


_BookFigure = None


def figure(figsize: tuple[float, float] = (5.0, 3.5), **kwargs: Any):
    """A new figure that pyplot does not track.

    Return it as a cell's last value and Jupyter shows it once, as a PNG; pyplot
    figures would be shown twice (once by the inline backend) and stay in memory until
    closed.
    """
    return _figure_class()(figsize=figsize, layout="constrained", **kwargs)


def axes(ax: Any = None, figsize: tuple[float, float] = (5.0, 3.5)):
    """``(fig, ax)``: the given axes and its figure, or a new figure of ``figsize``."""
    if ax is not None:
        return ax.figure, ax
    fig = figure(figsize)
    return fig, fig.add_subplot()


def grid(values: Any, ax: Any = None, *, title: str | None = None, fmt: str = "{:g}",
         highlight: Any = None, cmap: str | None = None, fontsize: float = 11):
    """Draw a small 2-D (or 1-D) array as a grid of cells with its numbers written in.

    ``highlight`` is a boolean mask (or a list of ``(row, col)``) of cells to outline.
    Signed arrays are coloured with ``SIGNED_CMAP`` centred on zero.
    """
    arr = np.atleast_2d(np.asarray(values, dtype=float))
    h, w = arr.shape
    fig, ax = axes(ax, figsize=(0.55 * w + 0.6, 0.55 * h + 0.6))
    vmax = float(np.max(np.abs(arr))) or 1.0
    signed = bool(np.min(arr) < 0)
    cmap = cmap or (SIGNED_CMAP if signed else "Blues")
    vmin = -vmax if signed else 0.0
    image = ax.imshow(arr, cmap=cmap, vmin=vmin, vmax=vmax * (1.0 if signed else 1.6))
    for (i, j), v in np.ndenumerate(arr):
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=fontsize,
                color=_text_color(image.cmap(image.norm(v))))
    ax.set_xticks(np.arange(-0.5, w, 1), minor=True)
    ax.set_yticks(np.arange(-0.5, h, 1), minor=True)
    ax.grid(which="minor", color="#555555", linewidth=0.8)
    ax.tick_params(which="both", length=0, labelbottom=False, labelleft=False)
    if highlight is not None:
        import matplotlib.patches as patches

        mask = np.zeros(arr.shape, bool)
        if isinstance(highlight, np.ndarray) and highlight.dtype == bool:
            mask = np.atleast_2d(highlight)
        else:
            for i, j in highlight:
                mask[i, j] = True
        for i, j in np.argwhere(mask):
            ax.add_patch(patches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False,
                                           edgecolor=COLORS[1], linewidth=2.5))
    if title:
        ax.set_title(title)
    return fig


def _text_color(rgba) -> str:
    """Black on light cells, white on dark ones (relative luminance below 0.4)."""
    r, g, b = rgba[:3]
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 else "black"


def feature_map(values: Any, ax: Any = None, *, title: str | None = None, colorbar: bool = True):
    """An image of a signed array on the diverging map, centred on zero."""
    arr = np.asarray(values, dtype=float)
    fig, ax = axes(ax, figsize=(3.6, 3.2))
    vmax = float(np.max(np.abs(arr))) or 1.0
    im = ax.imshow(arr, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    if colorbar:
        fig.colorbar(im, ax=ax, shrink=0.8)
    return fig


def image_row(images: Sequence[Any], titles: Sequence[str], *, signed: Sequence[bool] | None = None,
              ncols: int | None = None, size: float = 2.6):
    """Several images side by side (wrapped after ``ncols``), signed ones on the diverging map."""
    n = len(images)
    ncols = ncols or n
    nrows = -(-n // ncols)
    fig = figure((size * ncols, size * nrows + 0.3))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    signed = signed if signed is not None else [bool(np.min(im) < 0) for im in images]
    for ax, im, title, sgn in zip(axs.flat, images, titles, signed):
        im = np.asarray(im, dtype=float)
        if sgn:
            vmax = float(np.max(np.abs(im))) or 1.0
            ax.imshow(im, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        else:
            ax.imshow(im, cmap="gray")
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    for ax in list(axs.flat)[n:]:
        ax.axis("off")
    return fig
