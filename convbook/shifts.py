"""What a shift of the input does to a filter or a pool (chapters 4 and 7).

The pools take one signal (L,) or image (H, W); shifts move the last axis.

Shifts are circular (``np.roll``) so that the border plays no part: what is
measured is the operation itself.

>>> import numpy as np
>>> from convbook.shifts import shift_right, strided_pool
>>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
>>> strided_pool(x)
array([0., 1., 0., 1.])
>>> strided_pool(shift_right(x, 1))
array([1., 1., 1., 1.])
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from . import functional as F
from ._validate import check_choice, check_int
from .kernels import blur_filter

__all__ = ["shift_right", "shift_by", "strided_pool", "fraction_unchanged",
           "blur_pool", "spread", "ideal_downsample", "equivariance_error",
           "REFERENCES", "filtered"]


def _signal(x: Any, func: str) -> np.ndarray:
    try:
        z = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{func}: x must be an array of numbers, but got "
                        f"{type(x).__name__}") from None
    if z.ndim not in (1, 2):
        raise ValueError(f"{func}: x must be (L,) or (H, W), but got shape {z.shape}")
    if z.size == 0:
        raise ValueError(f"{func}: x must not be empty, but got shape {z.shape}")
    return z


def shift_right(x: Any, t: int) -> np.ndarray:
    """``x`` moved ``t`` pixels along its last axis, circularly (``np.roll``).

    >>> shift_right(np.array([1, 2, 3, 4]), 1)
    array([4, 1, 2, 3])
    """
    return np.roll(np.asarray(x), check_int(t, "shift_right", "t"), axis=-1)


def strided_pool(x: Any, kernel_size: int = 2, kind: str = "max") -> np.ndarray:
    """Max or average pooling of a signal (L,) or an image (H, W), stride = window.

    A thin wrapper over ``convbook.max_pool1d/2d`` and ``avg_pool1d/2d``.

    >>> strided_pool(np.array([1.0, 3.0, 2.0, 0.0]), 2, "avg")
    array([2., 1.])
    """
    check_choice(kind, ("max", "avg"), "strided_pool", "kind")
    z = _signal(x, "strided_pool")
    fn = {("max", 1): F.max_pool1d, ("max", 2): F.max_pool2d,
          ("avg", 1): F.avg_pool1d, ("avg", 2): F.avg_pool2d}[kind, z.ndim]
    return fn(z[None], kernel_size)[0]


def fraction_unchanged(pool: Callable[[np.ndarray], np.ndarray], x: Any, shift: int,
                       *, atol: float = 1e-12) -> float:
    """Fraction of the outputs of ``pool`` that keep their value when ``x`` shifts.

    The input is shifted ``shift`` pixels to the right (circularly) and the two
    pooled maps are compared position by position. 1.0 means invariant to that shift.

    >>> fraction_unchanged(strided_pool, np.array([0.9, 0.1, 0.2, 0.3]), 1)
    0.5
    """
    if not callable(pool):
        raise TypeError(f"fraction_unchanged: pool must be a function, but got {pool!r}")
    z = _signal(x, "fraction_unchanged")
    a = np.asarray(pool(z))
    b = np.asarray(pool(shift_right(z, shift)))
    return float(np.mean(np.isclose(a, b, atol=atol, rtol=0.0)))


def blur_pool(x: Any, *, kind: str = "max", kernel_size: int = 2, stride: int = 2,
              taps: int = 3) -> np.ndarray:
    """Anti-aliased pooling of a signal (L,) or an image (H, W) (Zhang 2019), with
    circular borders.

    ``kind="max"``: max over ``kernel_size`` windows with stride 1, then blur, then
    keep every ``stride``-th sample (MaxBlurPool). ``kind="avg"``: blur, then
    subsample (BlurPool on an average). ``taps=1`` skips the blur, so
    ``kind="max", taps=1`` is strided max pooling with circular borders.

    >>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    >>> blur_pool(x)
    array([0.5, 1. , 0.5, 1. ])
    """
    func = "blur_pool"
    check_choice(kind, ("max", "avg"), func, "kind")
    z = _signal(x, func)
    k = check_int(kernel_size, func, "kernel_size", minimum=1)
    s = check_int(stride, func, "stride", minimum=1)
    b = blur_filter(taps)
    nd = z.ndim
    if kind == "max":
        pool = F.max_pool1d if nd == 1 else F.max_pool2d
        z = pool(np.pad(z, [(0, k - 1)] * nd, mode="wrap")[None], k, stride=1)[0]
    if nd == 1:
        b = b.sum(axis=0)
    r = taps // 2
    z = np.pad(z, [(r, taps - 1 - r)] * nd, mode="wrap")
    z = (F.conv1d if nd == 1 else F.conv2d)(z[None, None], b[None, None])[0, 0]
    return z[(slice(None, None, s),) * nd]


def shift_by(x: Any, u: float) -> np.ndarray:
    """``x`` moved ``u`` pixels along its last axis, circularly, for any real ``u``.

    The whole part of ``u`` is ``np.roll`` (exact); a fractional rest is the
    band-limited shift: each DFT coefficient ``X[k]`` is multiplied by
    ``exp(-2 pi i k r / L)``. The Nyquist coefficient of an even length (the
    pattern ``+1, -1, +1, ...``) is multiplied by ``cos(pi r)``, the real part of
    its phase factor: moved by half a pixel it passes through zero at every sample.

    >>> shift_by(np.array([1.0, 2.0, 3.0, 4.0]), 1)
    array([4., 1., 2., 3.])
    >>> np.round(shift_by(np.array([0.0, 1.0, 0.0, 1.0]), 0.5), 12)
    array([0.5, 0.5, 0.5, 0.5])
    """
    func = "shift_by"
    z = _signal(x, func)
    try:
        u = float(u)
    except (TypeError, ValueError):
        raise TypeError(f"{func}: u must be a real number, but got {u!r}") from None
    if not np.isfinite(u):
        raise ValueError(f"{func}: u must be finite, but got {u!r}")
    whole = int(np.floor(u))
    rest = u - whole
    z = np.roll(z, whole, axis=-1)
    if rest == 0.0:
        return z
    n = z.shape[-1]
    k = np.fft.rfftfreq(n) * n                    # 0, 1, ..., n // 2
    phase = np.exp(-2j * np.pi * k * rest / n)
    if n % 2 == 0:
        phase[-1] = np.cos(np.pi * rest)          # the Nyquist term stays real
    return np.fft.irfft(np.fft.rfft(z, axis=-1) * phase, n=n, axis=-1)


def spread(y: Any) -> float:
    """Mean absolute deviation of ``y`` from its mean: the yardstick of
    :func:`equivariance_error`.

    >>> spread([0.0, 1.0, 0.0, 1.0])
    0.5
    """
    try:
        z = np.asarray(y)
    except (TypeError, ValueError):
        z = np.asarray(None)
    if z.dtype.kind not in "biuf":
        raise TypeError(f"spread: y must be an array of numbers, but got "
                        f"{type(y).__name__}")
    z = z.astype(float)
    if z.size == 0:
        raise ValueError(f"spread: y must not be empty, but got shape {z.shape}")
    return float(np.mean(np.abs(z - z.mean())))


def ideal_downsample(x: Any, stride: int = 2) -> np.ndarray:
    """The ideal anti-aliased pool: remove every frequency the subsampled signal
    cannot hold, then keep every ``stride``-th sample (along every axis).

    Along an axis of length ``L`` (a multiple of ``stride``) the output has
    ``M = L / stride`` samples; the DFT coefficients with ``|k| >= M / 2`` are set
    to zero first, so the output's own Nyquist term is empty and nothing folds.

    >>> np.round(ideal_downsample(np.array([0.0, 0, 1, 1, 0, 0, 1, 1])), 12)
    array([0.5, 0.5, 0.5, 0.5])
    """
    func = "ideal_downsample"
    z = _signal(x, func)
    s = check_int(stride, func, "stride", minimum=1)
    for axis, n in enumerate(z.shape):
        if n % s:
            raise ValueError(f"{func}: every side must be a multiple of stride={s}, "
                             f"but x has shape {z.shape}")
        m = n // s
        keep = np.abs(np.fft.fftfreq(n) * n) < m / 2
        shape = [1] * z.ndim
        shape[axis] = n
        z = np.fft.ifft(np.fft.fft(z, axis=axis) * keep.reshape(shape), axis=axis).real
    return z[(slice(None, None, s),) * z.ndim]


REFERENCES = ("fractional", "nearest")


def equivariance_error(pool: Callable[[np.ndarray], np.ndarray], x: Any, shift: int,
                       stride: int = 2, *, reference: str = "fractional") -> float:
    """How far ``pool(shifted x)`` is from a shifted copy of ``pool(x)``, relative to
    the spread of ``pool(x)``.

    The input moves ``shift`` pixels right (circularly, along the last axis); an
    equivariant pool with this ``stride`` would move its output ``shift / stride``
    pixels. With ``reference="fractional"`` the copy is moved exactly that far
    (:func:`shift_by`, band-limited when the move is not whole, so the ideal
    anti-aliased pool :func:`ideal_downsample` scores 0 for every shift); with
    ``reference="nearest"`` it is the nearer of the whole-pixel moves ``floor`` and
    ``ceil`` of ``shift / stride``. The mean absolute difference is divided by
    :func:`spread` of ``pool(x)``, so a pool cannot score well by shrinking its
    output (a constant output is refused: it has no spread). 0 is a perfect copy.
    The measure says nothing about how much of the input the pool keeps: a heavier
    blur scores better and keeps less.

    >>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    >>> equivariance_error(strided_pool, x, 2), equivariance_error(strided_pool, x, 1)
    (0.0, 1.0)
    >>> equivariance_error(blur_pool, x, 1, reference="nearest")
    1.0
    >>> round(equivariance_error(blur_pool, x, 1), 12)
    0.0
    """
    func = "equivariance_error"
    if not callable(pool):
        raise TypeError(f"{func}: pool must be a function, but got {pool!r}")
    shift = check_int(shift, func, "shift")
    stride = check_int(stride, func, "stride", minimum=1)
    check_choice(reference, REFERENCES, func, "reference")
    z = _signal(x, func)
    outs = [pool(z), pool(shift_right(z, shift))]
    try:
        a, b = (np.asarray(out, dtype=float) for out in outs)
    except (TypeError, ValueError):
        raise TypeError(f"{func}: pool must return an array of numbers, but "
                        f"returned {type(outs[0]).__name__}") from None
    if a.shape != b.shape or a.ndim not in (1, 2):
        raise ValueError(f"{func}: pool must return (L,) or (H, W) arrays of one shape, "
                         f"but returned {a.shape} and {b.shape}")
    scale = spread(a)
    if scale == 0.0:
        raise ValueError(f"{func}: pool(x) is constant, so there is no spread to "
                         f"measure the error against")
    if reference == "fractional":
        err = np.mean(np.abs(b - shift_by(a, shift / stride)))
    else:
        us = {shift // stride, -(-shift // stride)}
        err = min(np.mean(np.abs(b - shift_right(a, u))) for u in us)
    return float(err / scale)


def filtered(image: Any, kernel: Any, padding_mode: str = "zeros") -> np.ndarray:
    """``image`` (H, W) cross-correlated with an odd ``kernel`` by
    :func:`convbook.conv2d`, the same size as ``image``.

    >>> filtered(np.eye(3), np.ones((1, 3)), "circular")
    array([[1., 1., 1.],
           [1., 1., 1.],
           [1., 1., 1.]])
    """
    k = np.asarray(kernel, dtype=float)
    if k.ndim != 2 or k.shape[0] % 2 == 0 or k.shape[1] % 2 == 0:
        raise ValueError(f"filtered: kernel must be 2-D with odd sides, but got shape "
                         f"{k.shape}")
    pad = (k.shape[0] // 2, k.shape[1] // 2)
    return F.conv2d(np.asarray(image, dtype=float)[None, None], k[None, None], padding=pad,
                    padding_mode=padding_mode)[0, 0]
