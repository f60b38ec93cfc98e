"""Upsampling, and the checkerboard a strided transposed convolution can paint (chapter 8).

- :func:`overlap_counts`: how many kernel copies a transposed convolution adds into each
  output cell (the uneven overlap of Odena et al., 2016).
- :func:`phase_sums`: what a stride-``s`` transposed convolution makes of a constant
  input, cell by cell: the sums of the kernel's taps that share a phase modulo ``s``.
- :func:`checkerboard_contrast`: a measure of the period-``s`` pattern in an output.
- :func:`upsample_nearest`, :func:`pixel_shuffle` and :func:`pixel_unshuffle`: the two
  other ways up (resize then convolve; sub-pixel convolution, Shi et al., 2016), with
  torch's semantics (``F.interpolate(mode="nearest")``, ``F.pixel_shuffle``).

Examples
--------
>>> from convbook import upsampling
>>> upsampling.overlap_counts(4, 3, stride=2)       # 1 2 1 2 ...: uneven
array([1, 1, 2, 1, 2, 1, 2, 1, 1])
>>> upsampling.overlap_counts(4, 4, stride=2)       # 2 inside: even
array([1, 1, 2, 2, 2, 2, 2, 2, 1, 1])
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ._validate import as_real_array, check_int


def overlap_counts(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
                   output_padding: int = 0, dilation: int = 1) -> np.ndarray:
    """How many kernel taps land on each output cell of a 1-D transposed convolution.

    Input cell ``n`` adds a copy of the kernel at output cells ``s n + d m - p``,
    ``m = 0..k-1``; the count of cell ``j`` is the number of pairs ``(n, m)`` that reach
    it. It equals ``conv_transpose1d(ones(size), ones(k), ...)``; in 2-D the count of
    cell ``(i, j)`` is the product of the two axes' counts.

    Parameters
    ----------
    size : int
        Input length of the transposed convolution.
    kernel_size, stride, padding, output_padding, dilation : int
        As for ``conv_transpose1d``.

    Returns
    -------
    (L_out,) int ndarray, ``L_out = (size - 1) s - 2p + d(k - 1) + output_padding + 1``

    Examples
    --------
    >>> overlap_counts(3, 3, stride=2, padding=1, output_padding=1)
    array([1, 2, 1, 2, 1, 1])
    """
    func = "overlap_counts"
    n = check_int(size, func, "size", minimum=1)
    k = check_int(kernel_size, func, "kernel_size", minimum=1)
    s = check_int(stride, func, "stride", minimum=1)
    p = check_int(padding, func, "padding", minimum=0)
    a = check_int(output_padding, func, "output_padding", minimum=0)
    d = check_int(dilation, func, "dilation", minimum=1)
    if a >= max(s, d):
        raise ValueError(f"{func}: output_padding must be smaller than stride or dilation, but got "
                         f"output_padding={a} with stride={s} and dilation={d}")
    full = (n - 1) * s + d * (k - 1) + 1 + a
    out = full - 2 * p
    if out < 1:
        raise ValueError(f"{func}: padding={p} crops the whole output (uncropped length {full})")
    counts = np.zeros(full, dtype=np.int64)
    for i in range(n):
        counts[i * s + d * np.arange(k)] += 1
    return counts[p:p + out]


def phase_sums(kernel: Any, stride: int) -> np.ndarray:
    """The sums of a kernel's taps grouped by their index modulo ``stride``, per axis.

    A stride-``s`` transposed convolution of a constant input ``c`` gives, away from the
    border, ``c * phase_sums(w, s)[(j + p) % s]`` at output cell ``j`` (per axis in 2-D):
    the output repeats with period ``s``, and is flat only when all phase sums are equal.

    Parameters
    ----------
    kernel : (k,) or (kH, kW) array_like
    stride : int

    Returns
    -------
    (s,) or (s, s) ndarray

    Examples
    --------
    >>> phase_sums([1.0, 1.0, 1.0], 2)          # taps 0 and 2 share phase 0
    array([2., 1.])
    >>> phase_sums([0.5, 1.0, 0.5], 2)          # the linear-interpolation kernel: flat
    array([1., 1.])
    """
    func = "phase_sums"
    w = as_real_array(kernel, func, "kernel").astype(float)
    s = check_int(stride, func, "stride", minimum=1)
    if w.ndim not in (1, 2) or w.size == 0:
        raise ValueError(f"{func}: kernel must be a non-empty 1-D or 2-D array, but got shape {w.shape}")
    padded = np.pad(w, [(0, -n % s) for n in w.shape])
    if w.ndim == 1:
        return padded.reshape(-1, s).sum(axis=0)
    h, wd = padded.shape
    return padded.reshape(h // s, s, wd // s, s).sum(axis=(0, 2))


def checkerboard_contrast(image: Any, period: int, border: int = 0) -> float:
    """How strongly an image repeats with period ``period``: the spread of its phase means.

    The image (H, W), without a rim of ``border`` cells, is split into its
    ``period ** 2`` phases ``image[i::period, j::period]``; the result is
    ``(max - min) / mean(|image|)`` over the phases' means. It is 0 when every phase has
    the same mean, and 1 when the phases differ by as much as the image's typical value.

    Examples
    --------
    >>> import numpy as np
    >>> checkerboard_contrast(np.ones((4, 4)), 2)
    0.0
    >>> checkerboard_contrast(np.array([[4.0, 2.0], [2.0, 1.0]] * 2), 2)
    1.3333333333333333
    """
    func = "checkerboard_contrast"
    y = as_real_array(image, func, "image").astype(float)
    r = check_int(period, func, "period", minimum=1)
    b = check_int(border, func, "border", minimum=0)
    if y.ndim != 2:
        raise ValueError(f"{func}: image must be 2-D (H, W), but got shape {y.shape}")
    inner = y[b:y.shape[0] - b, b:y.shape[1] - b]
    if min(inner.shape) < r:
        raise ValueError(f"{func}: image of shape {y.shape} without a border of {b} is smaller than "
                         f"one period ({r})")
    means = np.array([inner[i::r, j::r].mean() for i in range(r) for j in range(r)])
    scale = np.abs(inner).mean()
    return 0.0 if scale == 0 else float((means.max() - means.min()) / scale)


def _layer(x: Any, func: str) -> np.ndarray:
    arr = as_real_array(x, func, "input")
    if arr.ndim < 3:
        raise ValueError(f"{func}: input must be (N, C, H, W) or (C, H, W), but got shape {arr.shape}")
    return arr


#: The most values :func:`upsample_nearest` will produce.
MAX_UPSAMPLED = 10**8


def upsample_nearest(input: Any, scale_factor: int) -> np.ndarray:
    """Nearest-neighbour upsampling of the last two axes by an integer factor.

    ``F.interpolate(x, scale_factor=r, mode="nearest")`` for an (N, C, H, W) tensor:
    each pixel becomes an ``r`` x ``r`` block.

    Examples
    --------
    >>> import numpy as np
    >>> upsample_nearest(np.array([[[1, 2], [3, 4]]]), 2)[0]
    array([[1, 1, 2, 2],
           [1, 1, 2, 2],
           [3, 3, 4, 4],
           [3, 3, 4, 4]])
    """
    x = _layer(input, "upsample_nearest")
    r = check_int(scale_factor, "upsample_nearest", "scale_factor", minimum=1)
    if x.size * r * r > MAX_UPSAMPLED:
        raise ValueError(f"upsample_nearest: scale_factor={r} would make {x.size * r * r} values "
                         f"from input shape {x.shape}; at most {MAX_UPSAMPLED} are allowed")
    return np.repeat(np.repeat(x, r, axis=-2), r, axis=-1)


def pixel_shuffle(input: Any, upscale_factor: int) -> np.ndarray:
    """Rearrange ``(*, C r², H, W)`` into ``(*, C, r H, r W)``, as ``F.pixel_shuffle``.

    ``out[..., c, r h + i, r w + j] = input[..., c r² + i r + j, h, w]``: the ``r²``
    channels of a group become the ``r x r`` sub-pixels of each output block.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(4).reshape(4, 1, 1) * np.ones((4, 1, 2))    # 4 channels, 1 x 2
    >>> pixel_shuffle(x, 2)[0]
    array([[0., 1., 0., 1.],
           [2., 3., 2., 3.]])
    """
    func = "pixel_shuffle"
    x = _layer(input, func)
    r = check_int(upscale_factor, func, "upscale_factor", minimum=1)
    *lead, c, h, w = x.shape
    if c % (r * r):
        raise ValueError(f"{func}: the channel count {c} must be divisible by upscale_factor**2 = "
                         f"{r * r} (input shape {x.shape})")
    y = x.reshape(*lead, c // (r * r), r, r, h, w)
    y = np.moveaxis(y, (-4, -3), (-3, -1))               # (..., C, h, i, w, j)
    return y.reshape(*lead, c // (r * r), h * r, w * r)


def pixel_unshuffle(input: Any, downscale_factor: int) -> np.ndarray:
    """The inverse of :func:`pixel_shuffle`: ``(*, C, r H, r W)`` to ``(*, C r², H, W)``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(16.0).reshape(1, 4, 4)
    >>> np.array_equal(pixel_shuffle(pixel_unshuffle(x, 2), 2), x)
    True
    """
    func = "pixel_unshuffle"
    x = _layer(input, func)
    r = check_int(downscale_factor, func, "downscale_factor", minimum=1)
    *lead, c, hh, ww = x.shape
    if hh % r or ww % r:
        raise ValueError(f"{func}: height and width ({hh}, {ww}) must be divisible by "
                         f"downscale_factor={r}")
    y = x.reshape(*lead, c, hh // r, r, ww // r, r)
    y = np.moveaxis(y, (-3, -1), (-4, -3))               # (..., C, i, j, h, w)
    return y.reshape(*lead, c * r * r, hh // r, ww // r)


__all__ = ["overlap_counts", "phase_sums", "checkerboard_contrast", "upsample_nearest",
           "pixel_shuffle", "pixel_unshuffle"]
