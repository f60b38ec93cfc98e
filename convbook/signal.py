"""Convolution and cross-correlation of single-channel signals of any dimension.

Semantics follow :func:`scipy.signal.convolve` and :func:`scipy.signal.correlate`
(see the package docstring, :mod:`convbook`, for the conventions):

* ``full``: every shift where the signal and the kernel overlap, size ``n + k - 1``;
* ``same``: the centred part of ``full`` with the size of ``x`` (first element at
  index ``(k - 1) // 2`` of ``full``);
* ``valid``: the shifts where one fully covers the other, size ``|n - k| + 1``.

Both public functions are thin wrappers over one private core that computes the
cross-correlation; convolution is correlation with the kernel flipped along every axis.
"""
from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ._validate import as_real_array, check_choice

MODES = ("full", "same", "valid")
METHODS = ("auto", "direct", "fft", "loops")


def convolve(x: Any, k: Any, mode: str = "full", *, method: str = "auto") -> np.ndarray:
    """True convolution ``(x * k)[n] = sum_m x[m] k[n - m]`` of two signals.

    Parameters
    ----------
    x : (n1, ..., nd) array_like
        The input signal (1-D, an image, or any number of dimensions).
    k : (k1, ..., kd) array_like
        The kernel, with as many dimensions as ``x``.
    mode : {"full", "same", "valid"}
        Which part of the output to return (see :mod:`convbook.signal`).
    method : {"auto", "direct", "fft", "loops"}
        ``"direct"`` multiplies and sums over sliding windows (vectorised, exact
        for integers); ``"fft"`` multiplies spectra (``np.fft``, zero padded so
        the result is linear, not circular, convolution); ``"loops"`` is the plain
        teaching version, slow on purpose; ``"auto"`` picks direct or fft by
        an operation count.

    Returns
    -------
    numpy.ndarray
        Integer inputs give integers with ``direct`` and ``loops``, floats with ``fft``.

    Raises
    ------
    TypeError
        If ``x`` or ``k`` is not a real numeric array.
    ValueError
        On empty input, mismatched dimensions, an unknown mode or method, or a
        ``valid`` mode where neither array covers the other.

    See Also
    --------
    correlate : the same without the flip.
    scipy.signal.convolve, numpy.convolve : the reference implementations.

    Notes
    -----
    Full convolution is commutative: ``convolve(x, k) == convolve(k, x)``.
    ``convolve(x, k, m) == correlate(x, flip(k), m)`` for every mode ``m``.

    Examples
    --------
    >>> import convbook
    >>> convbook.convolve([1, 2, 3], [0, 1, 0.5])
    array([0. , 1. , 2.5, 4. , 1.5])

    Element 2 is ``1*0.5 + 2*1 + 3*0 = 2.5``: the kernel is flipped as it slides.

    >>> convbook.convolve([1, 2, 3], [0, 1, 0.5], mode="same")
    array([1. , 2.5, 4. ])
    >>> convbook.convolve([[1, 2], [3, 4]], [[1, 1]], mode="valid")
    array([[3],
           [7]])
    """
    return _dispatch(x, k, mode, method, flip=True, func="convolve")


def correlate(x: Any, k: Any, mode: str = "full", *, method: str = "auto") -> np.ndarray:
    """Cross-correlation ``(x ⋆ k)[n] = sum_m x[n + m] k[m]`` (no flip).

    Parameters, return value and errors are those of :func:`convolve`.

    See Also
    --------
    convolve : the same with the kernel flipped.
    scipy.signal.correlate : the reference (for real input).
    convbook.conv2d : the batched, multi-channel cross-correlation of deep learning.

    Notes
    -----
    ``correlate(x, k, m) == convolve(x, flip(k), m)`` for every mode ``m``. For
    ``mode="valid"`` with ``x`` at least as large as ``k``, element ``n`` is
    ``sum_m x[n + m] k[m]``, the layer formula of :func:`convbook.conv2d`.

    Examples
    --------
    >>> import convbook
    >>> convbook.correlate([1, 2, 3], [0, 1, 0.5])
    array([0.5, 2. , 3.5, 3. , 0. ])
    >>> convbook.correlate([1, 2, 3, 4], [1, -1], mode="valid")
    array([-1, -1, -1])

    Element 0 of the valid output is ``1*1 + 2*(-1) = -1``: a difference filter.
    """
    return _dispatch(x, k, mode, method, flip=False, func="correlate")


def _dispatch(x: Any, k: Any, mode: str, method: str, *, flip: bool, func: str) -> np.ndarray:
    x = as_real_array(x, func, "x")
    k = as_real_array(k, func, "k")
    check_choice(mode, MODES, func, "mode")
    check_choice(method, METHODS, func, "method")
    if x.ndim == 0 or k.ndim == 0:
        raise ValueError(
            f"{func}: x and k must have at least one dimension, but got shapes {x.shape} and {k.shape}"
        )
    if x.ndim != k.ndim:
        raise ValueError(
            f"{func}: x and k must have the same number of dimensions, but got "
            f"x.shape={x.shape} and k.shape={k.shape}"
        )
    if x.size == 0 or k.size == 0:
        raise ValueError(f"{func}: x and k must not be empty, but got shapes {x.shape} and {k.shape}")
    if mode == "valid" and not (
        all(a >= b for a, b in zip(x.shape, k.shape)) or all(a <= b for a, b in zip(x.shape, k.shape))
    ):
        raise ValueError(
            f"{func}: mode='valid' needs one array at least as large as the other in every "
            f"dimension, but got x.shape={x.shape} and k.shape={k.shape}"
        )
    if flip:
        k = np.flip(k)
    start, size = _output_window(x.shape, k.shape, mode)
    if method == "auto":
        method = choose_method(x, k, mode)
    core = {"direct": _correlate_direct, "fft": _correlate_fft, "loops": _correlate_loops}[method]
    return core(x, k, start, size)


def _output_window(xs: tuple[int, ...], ks: tuple[int, ...], mode: str):
    """Start and size, per axis, of the requested part of the full output."""
    if mode == "full":
        return (0,) * len(xs), tuple(n + k - 1 for n, k in zip(xs, ks))
    if mode == "same":
        return tuple((k - 1) // 2 for k in ks), tuple(xs)
    return tuple(min(n, k) - 1 for n, k in zip(xs, ks)), tuple(abs(n - k) + 1 for n, k in zip(xs, ks))


def direct_cost(xs: tuple[int, ...], ks: tuple[int, ...], size: tuple[int, ...]) -> float:
    """Cost model of the direct method, in multiply-adds: output elements times kernel
    elements, plus a fixed cost per kernel element (one NumPy call each)."""
    kernel = float(np.prod(ks))
    return float(np.prod(size)) * kernel + DIRECT_CALL * kernel


def fft_cost(xs: tuple[int, ...], ks: tuple[int, ...]) -> float:
    """Cost model of the FFT method, in the same units: three transforms of the padded
    size, ~ N log2 N each, scaled by ``FFT_WEIGHT``, plus a fixed cost for the calls."""
    n = float(np.prod([_fast_len(a + b - 1) for a, b in zip(xs, ks)]))
    return FFT_WEIGHT * 3.0 * n * np.log2(max(n, 2.0)) + FFT_CALL


# Calibrated on a 2-core x86-64 CPU by benchmarks/signals.py (512 x 512 image, kernels
# 3..63): one unit of N log2 N costs about 0.4 multiply-adds of the direct method; a
# NumPy call costs about 3,000 of them, and the FFT's setup about 50,000.
FFT_WEIGHT = 0.4
DIRECT_CALL = 3_000.0
FFT_CALL = 50_000.0


def choose_method(x: Any, k: Any, mode: str = "full") -> str:
    """The method ``"auto"`` uses: ``"direct"`` or ``"fft"``, by estimated cost.

    Integer inputs always use ``"direct"`` so that their result stays exact.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.signal.choose_method(np.ones((512, 512)), np.ones((3, 3)))
    'direct'
    >>> convbook.signal.choose_method(np.ones((512, 512)), np.ones((31, 31)))
    'fft'
    >>> convbook.signal.choose_method(np.ones(5), np.ones(3))
    'direct'

    Small signals stay on the direct path, whose float results are exact sums.
    """
    x = np.asarray(x)
    k = np.asarray(k)
    if not (np.issubdtype(x.dtype, np.floating) or np.issubdtype(k.dtype, np.floating)):
        return "direct"
    _, size = _output_window(x.shape, k.shape, mode)
    return "fft" if fft_cost(x.shape, k.shape) < direct_cost(x.shape, k.shape, size) else "direct"


def _padded_for_window(x: np.ndarray, ks: tuple[int, ...], start, size) -> np.ndarray:
    """The zero-padded part of ``x`` whose valid correlation is the requested window."""
    pads = [(k - 1, k - 1) for k in ks]
    xp = np.pad(x, pads)
    index = tuple(slice(s, s + m + k - 1) for s, m, k in zip(start, size, ks))
    return xp[index]


def _correlate_direct(x, k, start, size):
    """Shift and add: one vectorised multiply-add of a shifted view per kernel element.

    The same sum as sliding windows times the kernel, but it never materialises the
    windows, so memory stays at the size of the output whatever the kernel size.
    """
    xp = _padded_for_window(x, k.shape, start, size)
    out = np.zeros(size, dtype=np.result_type(x, k))
    for m in itertools.product(*(range(a) for a in k.shape)):
        out += k[m] * xp[tuple(slice(j, j + n) for j, n in zip(m, size))]
    return out


def _fast_len(n: int) -> int:
    """Smallest 2^a 3^b 5^c >= n (sizes where numpy's FFT is quick)."""
    best = 1 << max(n - 1, 0).bit_length()
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            m = p35
            while m < n:
                m *= 2
            best = min(best, m)
            p35 *= 3
        p5 *= 5
    return best


def _correlate_fft(x, k, start, size):
    full = tuple(a + b - 1 for a, b in zip(x.shape, k.shape))
    shape = tuple(_fast_len(n) for n in full)
    axes = tuple(range(x.ndim))
    kf = np.flip(k)  # correlation = convolution with the flipped kernel
    spec = np.fft.rfftn(x.astype(float), shape, axes) * np.fft.rfftn(kf.astype(float), shape, axes)
    out = np.fft.irfftn(spec, shape, axes)
    index = tuple(slice(s, s + m) for s, m in zip(start, size))
    return np.ascontiguousarray(out[index])


def _correlate_loops(x, k, start, size):
    """The teaching version: one output element at a time, one product at a time."""
    xp = _padded_for_window(x, k.shape, start, size)
    out = np.zeros(size, dtype=np.result_type(x, k))
    for n in itertools.product(*(range(m) for m in size)):
        total = 0
        for m in itertools.product(*(range(a) for a in k.shape)):
            total += xp[tuple(i + j for i, j in zip(n, m))] * k[m]
        out[n] = total
    return out
