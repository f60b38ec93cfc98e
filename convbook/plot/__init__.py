"""Figures for the chapters: they draw, they compute nothing a test should check.

Every figure function takes an optional ``ax`` and returns the figure; it never calls
``plt.show()`` and changes no global style. ``ax`` is where to draw: ``None`` (a new
figure), an Axes (single-panel figures draw into it; multi-panel ones replace it by a
sub-figure of their panels), or a Figure or SubFigure to fill.

Shared building blocks live here; each chapter's figures live in a module named for
its topic (``convbook.plot.<topic>``). The mathematics they draw lives in the package
(:mod:`convbook.sequences`, :mod:`convbook.windows`, :mod:`convbook.shifts`, ...).

One visual grammar (colour-blind safe):

- :func:`grid` is the one numbered grid. Its cells are coloured on the diverging map
  ``SIGNED_CMAP`` by a fixed rule (``GRID_NORM``): zero is white, positive red,
  negative blue, and one value has one colour in every grid of the book (weight 1 is
  the same red in a box kernel and in Prewitt). The numbers are written in.
- :func:`signed_image` draws a signed array (a kernel, a feature map, a difference)
  on ``SIGNED_CMAP`` centred on zero, with a colour bar; panels that are compared
  share one scale and one bar. Non-negative images are grey.
- Line plots take colours from ``COLORS`` (Okabe-Ito).
- Sizes of text come from :data:`STYLE`, applied by the context manager :func:`style`
  while a figure is drawn (and rendered), never set at import.
"""
from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, Sequence

import numpy as np

SIGNED_CMAP = "RdBu_r"
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Outline of highlighted cells and windows.
HIGHLIGHT = COLORS[1]

#: rcParams of every figure, applied by :func:`style` (sizes in points).
STYLE = {
    "font.size": 10.0, "axes.titlesize": 10.0, "axes.labelsize": 10.0,
    "figure.titlesize": 11.0, "legend.fontsize": 9.0, "legend.title_fontsize": 9.0,
    "xtick.labelsize": 9.0, "ytick.labelsize": 9.0, "image.interpolation": "nearest",
}

#: Grid colours: a value ``v`` sits at ``0.5 + 0.32 v / (|v| + GRID_SCALE)`` of
#: ``SIGNED_CMAP`` (0 white, 1 light red, 2 a stronger red, 16 near the darkest used),
#: the same in every grid, light enough for the black numbers written on it.
GRID_SCALE = 1.5


@contextlib.contextmanager
def style():
    """Apply :data:`STYLE` for the duration of a ``with`` block (nothing global)."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


def _prime(fig) -> None:
    """Create each axis's first tick inside the style, so later ticks copy its size."""
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            axis.majorTicks[0]
            axis.minorTicks[0]


def drawn(func: Callable) -> Callable:
    """Decorator of the figure functions: draw inside :func:`style`."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any):
        with style():
            fig = func(*args, **kwargs)
            _prime(fig)
        return fig
    return wrapper


def _figure_class():
    """A matplotlib Figure that shows itself as a PNG in Jupyter (``_repr_png_``)."""
    global _BookFigure
    if _BookFigure is None:
        from matplotlib.figure import Figure

        class BookFigure(Figure):
            def _repr_png_(self) -> bytes:
                import io

                buf = io.BytesIO()
                with style():
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
    """``(fig, ax)``: the given axes and its figure, or one panel filling a new figure of
    ``figsize`` (or the given Figure or SubFigure)."""
    from matplotlib.figure import FigureBase

    if ax is not None and not isinstance(ax, FigureBase):
        return ax.figure, ax
    fig = figure(figsize) if ax is None else ax
    return fig.figure, fig.add_subplot()


def canvas(ax: Any = None, figsize: tuple[float, float] = (5.0, 3.5)):
    """``(root, target)`` for a multi-panel figure: ``target`` is what to add panels to.

    ``ax=None``: a new figure of ``figsize`` (both are it); a Figure or SubFigure: fill
    it; an Axes: it is replaced by a sub-figure in the same place.
    """
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

    if ax is None:
        fig = figure(figsize)
        return fig, fig
    if isinstance(ax, FigureBase):
        return ax.figure, ax
    if isinstance(ax, Axes) and ax.get_subplotspec() is not None:
        spec = ax.get_subplotspec()
        parent = ax.figure
        ax.remove()
        sub = parent.add_subfigure(spec)
        return sub.figure, sub
    raise TypeError(f"canvas: ax must be None, an Axes of a subplot grid or a Figure, but "
                    f"got {type(ax).__name__}")


def tint(color: Any, amount: float = 0.45) -> tuple[float, float, float]:
    """``color`` mixed with white (``amount`` 0: unchanged, 1: white)."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def grid_colors(values: Any) -> np.ndarray:
    """The RGBA colour of each value in a numbered grid (:data:`GRID_SCALE`)."""
    import matplotlib

    v = np.asarray(values, dtype=float)
    pos = 0.5 + 0.32 * v / (np.abs(v) + GRID_SCALE)
    return matplotlib.colormaps[SIGNED_CMAP](np.where(np.isfinite(pos), pos, 0.5))


def _text_color(rgba) -> str:
    """Black on light cells, white on dark ones (relative luminance below 0.4)."""
    r, g, b = rgba[:3]
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 else "black"


def _mask(highlight: Any, shape: tuple[int, int]) -> np.ndarray:
    mask = np.zeros(shape, bool)
    if isinstance(highlight, np.ndarray) and highlight.dtype == bool:
        return np.atleast_2d(highlight)
    for i, j in highlight:
        mask[i, j] = True
    return mask


@drawn
def grid(values: Any, ax: Any = None, *, title: str | None = None, fmt: str = "{:g}",
         highlight: Any = None, cmap: str | None = None, fontsize: Any = None,
         show: Any = None, corner: Any = None, rows: int | None = None,
         window: Any = None, vmin: float | None = None, vmax: float | None = None):
    """Draw a small 2-D (or 1-D) array as a grid of cells with its numbers written in.

    The one numbered grid of the book. Cells are coloured by :func:`grid_colors`
    (one value, one colour, in every grid), or, with ``cmap``, on that map from
    ``vmin`` (default 0) to ``vmax`` (default the largest value).

    ``highlight`` is a boolean mask (or a list of ``(row, col)``) of cells to outline;
    ``window`` is ``((row, col), (height, width))``, one outlined block. ``show``
    masks which cells are drawn at all; ``corner`` (same shape, NaN where absent)
    writes a small second number in a cell's corner (the weight it is multiplied by).
    ``rows`` makes the axes that many cells tall (the array centred), so that grids
    side by side in axes of proportional widths get equal cells.
    """
    import matplotlib.patches as patches

    arr = np.atleast_2d(np.asarray(values, dtype=float))
    h, w = arr.shape
    fig, ax = axes(ax, figsize=(0.55 * w + 0.6, 0.55 * h + 0.6))
    show = np.ones(arr.shape, bool) if show is None else np.atleast_2d(np.asarray(show, bool))
    if cmap is None:
        colors = grid_colors(arr)
    else:
        import matplotlib

        lo = 0.0 if vmin is None else vmin
        hi = vmax if vmax is not None else (float(np.max(arr)) or 1.0)
        colors = matplotlib.colormaps[cmap]((arr - lo) / ((hi - lo) or 1.0))
    colors[~show] = (1.0, 1.0, 1.0, 0.0)
    ax.imshow(colors, extent=(-0.5, w - 0.5, h - 0.5, -0.5))
    for (i, j), v in np.ndenumerate(arr):
        if show[i, j]:
            ax.text(j, i, fmt.format(v), ha="center", va="center",
                    fontsize=fontsize or "medium", color=_text_color(colors[i, j]))
        if corner is not None and np.isfinite(corner[i, j]):
            ax.text(j + 0.45, i + 0.45, "×" + f"{corner[i, j]:g}", ha="right", va="bottom",
                    fontsize="x-small", color=HIGHLIGHT, fontweight="bold")
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
        for i, j in np.argwhere(_mask(highlight, arr.shape)):
            ax.add_patch(patches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False,
                                           edgecolor=HIGHLIGHT, linewidth=2.5, zorder=5))
    if window is not None:
        (i0, j0), (hh, ww) = window
        ax.add_patch(patches.Rectangle((j0 - 0.5, i0 - 0.5), ww, hh, fill=False,
                                       edgecolor=HIGHLIGHT, linewidth=3, zorder=5))
    if title:
        ax.set_title(title)
    return fig


def bare(ax: Any) -> Any:
    """No ticks on an image panel."""
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def limit(*arrays: Any, quantile: float | None = None) -> float:
    """The half-range of a centred scale shared by ``arrays``: the largest ``|value|``
    (or its ``quantile``), 1.0 for all-zero input."""
    flat = np.concatenate([np.abs(np.asarray(a, dtype=float)).ravel() for a in arrays])
    v = float(np.quantile(flat, quantile)) if quantile is not None else float(np.max(flat))
    return v or float(np.max(flat)) or 1.0


def show_signed(ax: Any, values: Any, vmax: float | None = None):
    """Draw ``values`` on ``SIGNED_CMAP`` centred on zero into ``ax``; the AxesImage."""
    arr = np.asarray(values, dtype=float)
    v = limit(arr) if vmax is None else vmax
    im = ax.imshow(arr, cmap=SIGNED_CMAP, vmin=-v, vmax=v)
    bare(ax)
    return im


def show_grey(ax: Any, values: Any, vmin: float | None = None, vmax: float | None = None):
    """Draw a non-negative image in grey into ``ax``; the AxesImage."""
    im = ax.imshow(np.asarray(values, dtype=float), cmap="gray", vmin=vmin, vmax=vmax)
    bare(ax)
    return im


def add_colorbar(image: Any, ax: Any, **kwargs: Any):
    """One colour bar for ``image``, beside ``ax`` (an Axes or a list of them)."""
    first = ax[0] if isinstance(ax, (list, tuple, np.ndarray)) else ax
    target = first.get_figure(root=False)
    kwargs.setdefault("shrink", 0.8)
    return target.colorbar(image, ax=ax, **kwargs)


@drawn
def signed_image(values: Any, ax: Any = None, *, title: str | None = None,
                 colorbar: bool = True, vmax: float | None = None,
                 quantile: float | None = None):
    """An image of a signed array on the diverging map, centred on zero, with a colour bar.

    ``vmax`` fixes the half-range (to share a scale); ``quantile`` saturates at that
    quantile of ``|values|`` instead of the maximum (a few strong edges would
    otherwise wash out the rest).
    """
    fig, ax = axes(ax, figsize=(3.6, 3.2))
    v = vmax if vmax is not None else limit(values, quantile=quantile)
    im = show_signed(ax, values, v)
    if title:
        ax.set_title(title)
    if colorbar:
        add_colorbar(im, ax)
    return fig


#: The name the chapters use.
feature_map = signed_image


@drawn
def image_row(images: Sequence[Any], titles: Sequence[str], *,
              signed: Sequence[bool] | bool | None = None, ncols: int | None = None,
              size: float = 2.6, ax: Any = None, shared: bool = False,
              colorbar: bool = True, label: str | None = None):
    """Several images side by side (wrapped after ``ncols``).

    Signed ones are drawn by :func:`show_signed`, each with its colour bar, or, with
    ``shared``, on one scale with one colour bar for the row; the others in grey.
    ``label`` is written left of the first image. Returns the figure; the image axes
    are its first ``len(images)`` axes.
    """
    n = len(images)
    ncols = ncols or n
    nrows = -(-n // ncols)
    root, fig = canvas(ax, (size * ncols + (0.6 if colorbar else 0.0), size * nrows + 0.3))
    axs = fig.subplots(nrows, ncols, squeeze=False)
    if signed is None or isinstance(signed, bool):
        signed = [bool(np.min(im) < 0) if signed is None else signed for im in images]
    shared_v = limit(*[im for im, s in zip(images, signed) if s]) if any(signed) else 1.0
    last = None
    for a, im, title, sgn in zip(axs.flat, images, titles, signed):
        if sgn:
            last = show_signed(a, im, shared_v if shared else None)
            if colorbar and not shared:
                add_colorbar(last, a, shrink=0.7)
        else:
            show_grey(a, im)
        a.set_title(title)
    for a in list(axs.flat)[n:]:
        a.axis("off")
    if shared and colorbar and last is not None:
        add_colorbar(last, list(axs.flat), shrink=0.8, pad=0.02)
    if label:
        axs.flat[0].set_ylabel(label)
    return root


__all__ = ["SIGNED_CMAP", "COLORS", "HIGHLIGHT", "STYLE", "GRID_SCALE", "style", "drawn",
           "figure", "axes", "canvas", "tint", "grid_colors", "grid", "bare", "limit",
           "show_signed", "show_grey", "add_colorbar", "signed_image", "feature_map",
           "image_row"]
