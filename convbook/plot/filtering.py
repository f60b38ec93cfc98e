"""Figures for chapter 3 beyond the flip itself: what happens at the border of an
image (zeros, reflect, replicate, circular) and the matrix of a correlation next to
its transpose (where the flip comes back in the backward pass).

Every function builds its figure with :func:`convbook.plot.figure` inside the book's
style (:func:`convbook.plot.drawn`) and returns it; nothing here calls ``plt.show()``
or changes a global style. The numbers the chapter
states are computed and checked in the chapter, not here.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .. import functional
from .._validate import as_real_array, check_int
from . import drawn, figure, grid

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
CORNERS = ("top left", "top right", "bottom left", "bottom right")


def _image(value: Any, func: str, name: str) -> np.ndarray:
    arr = as_real_array(value, func, name).astype(float)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{func}: {name} must be a non-empty 2-D array (H, W), but got "
                         f"shape {arr.shape}")
    return arr


@drawn
def padding_modes(image: Any, kernel: Any, modes: Sequence[str] = PADDING_MODES, *,
                  corner: int = 32, where: str = "top right", size: float = 2.0):
    """``image`` filtered by ``kernel`` in ``"same"`` size with each padding mode.

    Top row: the whole result (grey, 0 to 1). Bottom row: its ``corner x corner``
    pixels at the corner ``where`` (one of :data:`CORNERS`) enlarged, where the
    border handling shows, on one grey scale stretched to the range of all the
    corners (printed under each). The filter is :func:`convbook.conv2d` (a correlation)
    with ``padding="same"`` and ``padding_mode`` set to each entry of ``modes``.

    Parameters
    ----------
    image : (H, W) array_like
        A grey image with values in [0, 1].
    kernel : (kH, kW) array_like
        The filter's weights.
    modes : sequence of {"zeros", "reflect", "replicate", "circular"}
        One column per mode, in this order.
    corner : int
        Side of the enlarged corner, at most ``min(H, W)``.
    where : {"top left", "top right", "bottom left", "bottom right"}
        Which corner to enlarge.
    size : float
        Width of one column, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        On a non-numeric or non-2-D image or kernel, an unknown mode or corner, or a
        corner larger than the image.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.filtering import padding_modes
    >>> fig = padding_modes(np.ones((8, 8)), np.ones((3, 3)) / 9, corner=4)
    >>> len(fig.axes), fig.axes[0].get_title()
    (8, 'padding_mode="zeros"')
    """
    image = _image(image, "padding_modes", "image")
    kernel = _image(kernel, "padding_modes", "kernel")
    if not modes:
        raise ValueError("padding_modes: modes must name at least one padding mode, "
                         f"one of {PADDING_MODES}, but got {modes!r}")
    for mode in modes:
        if mode not in PADDING_MODES:
            raise ValueError(f"padding_modes: each mode must be one of {PADDING_MODES}, "
                             f"but got {mode!r}")
    corner = check_int(corner, "padding_modes", "corner", minimum=1)
    if corner > min(image.shape):
        raise ValueError(f"padding_modes: corner must be between 1 and the image size "
                         f"{min(image.shape)}, but got {corner}")
    if where not in CORNERS:
        raise ValueError(f"padding_modes: where must be one of {CORNERS}, but got {where!r}")
    rows = slice(0, corner) if where.startswith("top") else slice(-corner, None)
    cols = slice(0, corner) if where.endswith("left") else slice(-corner, None)
    outs = [functional.conv2d(image[None, None], kernel[None, None], padding="same",
                              padding_mode=mode)[0, 0] for mode in modes]
    corners = [out[rows, cols] for out in outs]
    lo = min(float(c.min()) for c in corners)
    hi = max(float(c.max()) for c in corners)
    hi = hi if hi > lo else lo + 1.0
    fig = figure((size * len(modes), 2 * size + 0.6))
    axs = fig.subplots(2, len(modes), squeeze=False)
    for col, (mode, out, part) in enumerate(zip(modes, outs, corners)):
        axs[0, col].imshow(out, cmap="gray", vmin=0, vmax=1)
        axs[0, col].set_title(f'padding_mode="{mode}"', fontsize="small")
        axs[1, col].imshow(part, cmap="gray", vmin=lo, vmax=hi, interpolation="nearest")
        axs[1, col].set_xlabel(f"{where} {corner} × {corner}\ngrey {lo:.2f} … {hi:.2f}",
                               fontsize="small")
        for ax in axs[:, col]:
            ax.set_xticks([])
            ax.set_yticks([])
    return fig


@drawn
def matrix_and_transpose(matrix: Any, *, titles: Sequence[str] = ("$T$", "$T^{\\top}$"),
                         fmt: str = "{:g}", cell: float = 0.42):
    """A matrix and its transpose as numbered grids, side by side, cells of equal size.

    Drawn for the matrix ``T`` of a valid correlation (``y = T x``): the rows of ``T``
    hold the kernel as it is, the rows of its transpose hold it reversed.

    Parameters
    ----------
    matrix : (m, n) array_like
        The matrix to draw (small: every entry is written in its cell).
    titles : two strings
        The titles of the matrix and of its transpose.
    fmt : str
        Format of the numbers in the cells.
    cell : float
        Side of one cell, in inches.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    TypeError, ValueError
        On a non-numeric or non-2-D matrix, or titles that are not two.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.plot.filtering import matrix_and_transpose
    >>> fig = matrix_and_transpose(np.array([[1, 10, 0], [0, 1, 10]]))
    >>> print(fig.axes[0].get_title(), fig.axes[1].get_title())
    $T$ $T^{\\top}$
    """
    T = _image(matrix, "matrix_and_transpose", "matrix")
    if len(titles) != 2:
        raise ValueError("matrix_and_transpose: titles must hold two strings, but got "
                         f"{len(titles)}")
    h, w = T.shape
    fig = figure((cell * (h + w) + 1.6, cell * max(h, w) + 0.8))
    axs = fig.subplots(1, 2, width_ratios=[w, h])
    grid(T, axs[0], title=titles[0], fmt=fmt)
    grid(T.T, axs[1], title=titles[1], fmt=fmt)
    return fig


__all__ = ["PADDING_MODES", "CORNERS", "padding_modes", "matrix_and_transpose"]
