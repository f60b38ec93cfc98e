"""What a shift of the input does to a filter or a pool (chapters 4 and 7).

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

__all__ = ["shift_right", "strided_pool", "fraction_unchanged", "blur_pool",
           "equivariance_error", "filtered"]


def _signal(x: Any, func: str) -> np.ndarray:
    try:
        z = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{func}: x must be an array of numbers, but got "
                        f"{type(x).__name__}") from None
    if z.ndim not in (1, 2):
        raise ValueError(f"{func}: x must be (L,) or (H, W), but got shape {z.shape}")
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
    z = np.asarray(x, dtype=float)
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


def equivariance_error(pool: Callable[[np.ndarray], np.ndarray], x: Any, shift: int,
                       stride: int = 2) -> float:
    """How far ``pool(shifted x)`` is from a shifted copy of ``pool(x)``.

    The input moves ``shift`` pixels right; an equivariant pool with this ``stride``
    would move its output ``shift / stride`` pixels. The error is the mean absolute
    difference to the nearer of the whole-pixel shifts ``floor`` and ``ceil`` of
    ``shift / stride``: zero when the output is exactly a shifted copy.

    >>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    >>> equivariance_error(strided_pool, x, 2), equivariance_error(strided_pool, x, 1)
    (0.0, 0.5)
    """
    if not callable(pool):
        raise TypeError(f"equivariance_error: pool must be a function, but got {pool!r}")
    shift = check_int(shift, "equivariance_error", "shift")
    stride = check_int(stride, "equivariance_error", "stride", minimum=1)
    z = np.asarray(x, dtype=float)
    a = np.asarray(pool(z))
    b = np.asarray(pool(shift_right(z, shift)))
    us = {shift // stride, -(-shift // stride)}
    return float(min(np.mean(np.abs(b - shift_right(a, u))) for u in us))


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
