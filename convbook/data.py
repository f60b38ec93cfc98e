"""Images and signals for the chapters, shipped with matplotlib or generated: no downloads."""
from __future__ import annotations

import numpy as np

from . import _args
from ._validate import check_int


@_args.fill
def photo(size: int | None = 128, *, color: bool = False) -> np.ndarray:
    """Grace Hopper's portrait (matplotlib's bundled sample image), floats in [0, 1].

    Parameters
    ----------
    size : int or None
        Side of the square crop around the face, block-averaged down to this many
        pixels (``None``: the full 512 x 600 image).
    color : bool
        ``(3, H, W)`` RGB channels first (the layer convention) instead of ``(H, W)`` grey.

    Returns
    -------
    numpy.ndarray
        ``(size, size)`` (or ``(3, size, size)``) float64 in [0, 1]; ``(600, 512)``
        (or ``(3, 600, 512)``) for ``size=None``.

    Raises
    ------
    %(raises)s
        ``size`` is an int from 8 to 512, or None.

    Examples
    --------
    >>> from convbook import data
    >>> data.photo(64).shape
    (64, 64)
    >>> data.photo(32, color=True).shape
    (3, 32, 32)
    """
    if size is not None:
        size = check_int(size, "photo", "size", minimum=8)
        if size > 512:
            raise ValueError(f"photo: size must be at most 512 (or None), but got size={size}")
    color = _args.flag(color, "photo", "color")
    import matplotlib.cbook as cbook
    import matplotlib.image as mimage

    with cbook.get_sample_data("grace_hopper.jpg") as fh:
        rgb = mimage.imread(fh, format="jpg").astype(np.float64) / 255.0  # (600, 512, 3)
    if size is not None:
        crop = rgb[40:552, :512]  # a 512 x 512 square around the face
        f = 512 // size
        side = size * f
        crop = crop[:side, :side].reshape(size, f, size, f, 3).mean(axis=(1, 3))
        rgb = crop
    if color:
        return np.ascontiguousarray(rgb.transpose(2, 0, 1))
    return rgb @ np.array([0.299, 0.587, 0.114])


@_args.fill
def noisy_signal(n: int = 200, *, noise: float = 0.3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A smooth signal and a noisy copy of it, ``(clean, noisy)``, each ``(n,)``.

    The clean signal is ``sin(6 pi t) + 0.5 sin(14 pi t + 1)`` on ``n`` points of
    ``[0, 1]``; the noise is Gaussian.

    Parameters
    ----------
    n : int
        Number of samples, from 2 to 1e7.
    noise : float
        Standard deviation of the noise, >= 0.
    %(seed)s

    Returns
    -------
    clean, noisy : numpy.ndarray
        Each ``(n,)`` float64.

    Raises
    ------
    %(raises)s

    Examples
    --------
    >>> from convbook import data
    >>> clean, noisy = data.noisy_signal(50)
    >>> clean.shape, noisy.shape
    ((50,), (50,))
    """
    n = _args.count(n, "noisy_signal", "n", minimum=2, maximum=10**7)
    noise = _args.real(noise, "noisy_signal", "noise", minimum=0.0)
    seed = check_int(seed, "noisy_signal", "seed", minimum=0)
    t = np.linspace(0, 1, n)
    clean = np.sin(2 * np.pi * 3 * t) + 0.5 * np.sin(2 * np.pi * 7 * t + 1.0)
    rng = np.random.default_rng(seed)
    return clean, clean + noise * rng.normal(size=n)
