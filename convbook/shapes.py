"""A tiny generated image dataset for learning filters: oriented bars in noise.

Everything is drawn with NumPy from a seed, so the data set is the same on every
machine and nothing is downloaded. Chapter 9 trains a small CNN on it and watches
oriented edge detectors appear in its first layer.

Geometry: images are ``(H, W)`` with row index ``i`` growing downwards and column
index ``j`` to the right (the array convention). An angle of 0 degrees is a
horizontal bar, 90 degrees a vertical one; angles turn counter-clockwise as seen
on the screen, so 45 degrees runs from bottom-left to top-right (``/``).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from . import _args
from ._validate import check_int

#: The class names of :func:`oriented_bars`, in label order.
CLASSES = ("horizontal", "diagonal /", "vertical", "diagonal \\")
#: The bar angle of each class, in degrees.
ANGLES = (0.0, 45.0, 90.0, 135.0)


@_args.fill
def bar(size: int, angle: float, center: Sequence[float], length: float, width: float = 1.0) -> np.ndarray:
    """A bright anti-aliased bar on a black ``(size, size)`` background, values in [0, 1].

    A pixel's value is the product of two ramps: one in its distance across the bar
    (1 within ``width / 2``, falling to 0 half a pixel further out) and one in its
    distance along the bar (same, with ``length / 2``).

    Parameters
    ----------
    size : int
        Side of the square image.
    angle : float
        Orientation in degrees (0 horizontal, 90 vertical, counter-clockwise on screen).
    center : (row, col) floats
        Where the middle of the bar sits.
    length, width : float
        Extent along and across the bar, in pixels, positive.

    Returns
    -------
    numpy.ndarray
        ``(size, size)`` float64 in [0, 1].

    Raises
    ------
    %(raises)s

    Examples
    --------
    A horizontal bar three pixels long in the middle of a 5 x 5 image:

    >>> from convbook.shapes import bar
    >>> bar(5, 0, (2, 2), length=3).astype(int)
    array([[0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0],
           [0, 1, 1, 1, 0],
           [0, 0, 0, 0, 0],
           [0, 0, 0, 0, 0]])
    >>> bar(5, 90, (2, 2), length=3).astype(int)[:, 2]
    array([0, 1, 1, 1, 0])
    """
    size = _args.count(size, "bar", "size", minimum=1, maximum=4096)
    length = _args.real(length, "bar", "length")
    width = _args.real(width, "bar", "width")
    if length <= 0 or width <= 0:
        raise ValueError(f"bar: length and width must be positive, but got length={length:g}, "
                         f"width={width:g}")
    theta = np.deg2rad(_args.real(angle, "bar", "angle"))
    center = _args.real_pair(center, "bar", "center")
    # direction along the bar in (row, col): moving "up" on screen is -row
    d_row, d_col = -np.sin(theta), np.cos(theta)
    rows, cols = np.mgrid[0:size, 0:size].astype(float)
    rr, cc = rows - float(center[0]), cols - float(center[1])
    along = rr * d_row + cc * d_col
    across = rr * d_col - cc * d_row
    ramp = lambda dist, half: np.clip(half + 0.5 - np.abs(dist), 0.0, 1.0)  # noqa: E731
    out = ramp(across, width / 2) * ramp(along, length / 2)
    return np.round(out, 12)  # no -0.0 or 1e-17 residue from the trigonometry


@_args.fill
def oriented_bars(n: int, size: int = 16, *, noise: float = 0.2, length: tuple[float, float] = (7, 11),
                  width: tuple[float, float] = (1.5, 2.5), margin: float = 4.0,
                  polarity: bool = False, background: float = 0.0,
                  seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` noisy images of one bar each, and the bar's orientation class.

    Classes are balanced (``n // 4`` or one more each, in a shuffled order); each bar
    gets a random centre at least ``margin`` pixels from the border, a random length
    and width in the given ranges, a random brightness in [0.6, 1], and Gaussian
    pixel noise of standard deviation ``noise`` on top.

    Parameters
    ----------
    n : int
        Number of images.
    size : int
        Side of each square image.
    noise : float
        Standard deviation of the added Gaussian noise.
    length, width : (low, high)
        Ranges of the bar's length and width in pixels.
    margin : float
        Smallest distance of the bar's centre from the border.
    polarity : bool
        Give each bar a random sign (dark bars on the background as well as bright ones).
    background : float
        Add to each image a random constant offset in ``[-background, background]``.
    %(seed)s

    Returns
    -------
    images : (n, size, size) float array
    labels : (n,) int array
        Index into :data:`CLASSES` (orientation 0, 45, 90, 135 degrees).

    Raises
    ------
    %(raises)s
        ``size`` must leave room for the margin: ``size >= 2 ceil(margin) + 1``.

    Examples
    --------
    >>> from convbook import shapes
    >>> x, y = shapes.oriented_bars(8, size=12, seed=1)
    >>> x.shape, y.shape
    ((8, 12, 12), (8,))
    >>> sorted(y.tolist())
    [0, 0, 1, 1, 2, 2, 3, 3]
    >>> [shapes.CLASSES[k] for k in (0, 2)]
    ['horizontal', 'vertical']
    """
    func = "oriented_bars"
    n = _args.count(n, func, "n", minimum=1, maximum=10**6)
    margin = _args.real(margin, func, "margin", minimum=0.0)
    size = _args.count(size, func, "size", minimum=2 * int(np.ceil(margin)) + 1, maximum=4096)
    noise = _args.real(noise, func, "noise", minimum=0.0)
    background = _args.real(background, func, "background", minimum=0.0)
    polarity = _args.flag(polarity, func, "polarity")
    seed = check_int(seed, func, "seed", minimum=0)
    for name, pair in (("length", length), ("width", width)):
        low, high = _args.real_pair(pair, func, name)
        if not 0 < low <= high:
            raise ValueError(f"{func}: {name} must be a range (low, high) with 0 < low <= high, "
                             f"but got {name}={pair!r}")
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % len(ANGLES))
    images = np.empty((n, size, size))
    for i, label in enumerate(labels):
        center = rng.uniform(margin, size - 1 - margin, size=2)
        img = bar(size, ANGLES[label], center, rng.uniform(*length), rng.uniform(*width))
        sign = rng.choice((-1.0, 1.0)) if polarity else 1.0
        offset = rng.uniform(-background, background) if background else 0.0
        images[i] = offset + sign * rng.uniform(0.6, 1.0) * img + noise * rng.standard_normal((size, size))
    return images, labels


def edge_kernels() -> np.ndarray:
    """The Sobel edge detector turned to each of the four :data:`ANGLES`, ``(4, 3, 3)``.

    Kernel ``k`` responds (as a cross-correlation, the layer convention) most strongly to
    an edge running at ``ANGLES[k]``: dark on one side, bright on the other. The diagonal
    ones are the 3 x 3 Sobel kernel with its outer ring turned by one cell (45 degrees).

    Examples
    --------
    >>> from convbook.shapes import edge_kernels
    >>> k = edge_kernels()
    >>> k[0].astype(int)   # horizontal edge: bright below, dark above
    array([[-1, -2, -1],
           [ 0,  0,  0],
           [ 1,  2,  1]])
    >>> k[1].astype(int)   # an edge running like "/"
    array([[-2, -1,  0],
           [-1,  0,  1],
           [ 0,  1,  2]])
    >>> bool((k[2] == k[0].T).all())   # vertical = horizontal transposed
    True
    """
    ring = [(0, 0), (0, 1), (0, 2), (1, 2), (2, 2), (2, 1), (2, 0), (1, 0)]
    k = np.array([[-1.0, -2.0, -1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 1.0]])
    out = [k]
    for _ in range(3):
        prev, nxt = out[-1], out[-1].copy()
        for j, cell in enumerate(ring):  # each ring value moves one cell counter-clockwise
            nxt[ring[(j - 1) % 8]] = prev[cell]
        out.append(nxt)
    return np.array(out)


def match_templates(filters, templates) -> tuple[np.ndarray, np.ndarray]:
    """For each filter, the template it resembles most, and how much: ``(index, score)``.

    The score is the absolute cosine similarity of the two after each has had its mean
    removed, so a filter's sign, its scale and its constant (brightness) part do not
    count: 1 is the same pattern, 0 nothing in common.

    Parameters
    ----------
    filters : (C, k, k) array_like
    templates : (T, k, k) array_like

    Returns
    -------
    index : (C,) int array
    score : (C,) float array in [0, 1]

    Raises
    ------
    TypeError
        ``filters`` or ``templates`` not a rectangular array of real numbers.
    ValueError
        Their shapes are not ``(C, k, k)`` and ``(T, k, k)`` with one ``k``.

    Examples
    --------
    >>> import numpy as np
    >>> from convbook.shapes import edge_kernels, match_templates
    >>> k = edge_kernels()
    >>> idx, score = match_templates(-3 * k[2:3] + 5, k)   # scaled, flipped in sign, shifted
    >>> idx.tolist(), score.round(6).tolist()
    ([2], [1.0])
    """
    f = _args.reals(filters, "match_templates", "filters")
    t = _args.reals(templates, "match_templates", "templates")
    if f.ndim != 3 or t.ndim != 3 or f.shape[1:] != t.shape[1:]:
        raise ValueError(f"match_templates: filters and templates must be (C, k, k) and (T, k, k) "
                         f"with the same k, but got shapes {f.shape} and {t.shape}")

    def unit(a):
        a = a.reshape(len(a), -1)
        a = a - a.mean(axis=1, keepdims=True)
        norm = np.linalg.norm(a, axis=1, keepdims=True)
        return a / np.where(norm == 0, 1.0, norm)

    cos = np.abs(unit(f) @ unit(t).T)
    return cos.argmax(axis=1), cos.max(axis=1)


__all__ = ["CLASSES", "ANGLES", "bar", "oriented_bars", "edge_kernels", "match_templates"]
