"""Convolution and cross-correlation of single-channel signals of any dimension.

Semantics follow :func:`scipy.signal.convolve` and :func:`scipy.signal.correlate`
(see the package docstring, :mod:`convbook`, for the conventions):

* ``full``: every shift where the signal and the kernel overlap, size ``n + k - 1``;
* ``same``: the centred part of ``full`` with the size of ``x`` (first element at
  index ``(k - 1) // 2`` of ``full``);
* ``valid``: the shifts where one fully covers the other, size ``|n - k| + 1``.

Both public functions are thin wrappers over one computation of the
cross-correlation; convolution is correlation with the kernel flipped along every axis.
The direct method is the one core of the package (``convbook._core``) in its
``N = C = 1``, stride-1 case, except for 1-D signals, where it calls
:func:`numpy.correlate`: that compiled loop is several times faster than a NumPy
call per kernel tap (for a 5-tap kernel on 1e5 samples, about 4x), and it computes
the same sum.

Dtypes, on every method (as :func:`scipy.signal.convolve`, with one change):

* floats give ``numpy.result_type(x, k)``: float32 stays float32 on the direct path
  and on the FFT (``numpy.fft`` transforms float32 and long double natively);
  float16 is accumulated in float32 and rounded once;
* integers and bools are summed exactly in 64 bits and returned as int64 (uint64 if
  both are unsigned), as :func:`numpy.sum` does: scipy keeps the narrow type, so int8
  wraps there; a result that may not fit 64 bits raises ``OverflowError``; the FFT
  rounds integer results to the nearest integer (exact below 2**52);
* ``auto`` never picks the FFT for integer, bool or non-finite input (one NaN would
  spread over the whole output), nor for tiny problems; an explicit ``method="fft"``
  on non-finite input warns.
"""
from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import numpy as np

from . import _core
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
        for integers; :func:`numpy.correlate` in 1-D); ``"fft"`` multiplies spectra
        (``np.fft``, zero padded so the result is linear, not circular,
        convolution); ``"loops"`` is the plain teaching version, slow on purpose;
        ``"auto"`` picks direct or fft with :func:`~convbook.signal.choose_method`.

    Returns
    -------
    numpy.ndarray
        The dtype follows the rule of :mod:`convbook.signal` on every method:
        ``result_type(x, k)`` for floats, int64 (or uint64) for integers and bools.

    Raises
    ------
    TypeError
        If ``x`` or ``k`` is not a real numeric array.
    ValueError
        On empty input, mismatched dimensions, an unknown mode or method, or a
        ``valid`` mode where neither array covers the other.
    OverflowError
        If an integer result may not fit in 64 bits.

    Warns
    -----
    RuntimeWarning
        With ``method="fft"`` on input holding NaN or infinity.

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

    Parameters, return value and errors are those of :func:`~convbook.convolve`.

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


def _checked(x: Any, k: Any, mode: str, func: str) -> tuple[np.ndarray, np.ndarray]:
    x = as_real_array(x, func, "x")
    k = as_real_array(k, func, "k")
    check_choice(mode, MODES, func, "mode")
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
    return x, k


def _dispatch(x: Any, k: Any, mode: str, method: str, *, flip: bool, func: str) -> np.ndarray:
    x, k = _checked(x, k, mode, func)
    check_choice(method, METHODS, func, "method")
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
        method = _choose(x, k, size)
    dtype = _core.result_dtype(x, k)
    if method != "fft":
        _core.check_integer_range(x, k, min(x.size, k.size), func)
    elif not (np.isfinite(x).all() and np.isfinite(k).all()):
        warnings.warn(f"{func}: method='fft' on input with NaN or infinity spreads them over "
                      f"the whole output; method='direct' keeps them local",
                      RuntimeWarning, stacklevel=3)
    core = {"direct": _correlate_direct, "fft": _correlate_fft, "loops": _correlate_loops}[method]
    out = core(x, k, start, size, dtype)
    return out.astype(dtype, copy=False)


def _output_window(xs: tuple[int, ...], ks: tuple[int, ...], mode: str):
    """Start and size, per axis, of the requested part of the full output."""
    if mode == "full":
        return (0,) * len(xs), tuple(n + k - 1 for n, k in zip(xs, ks))
    if mode == "same":
        return tuple((k - 1) // 2 for k in ks), tuple(xs)
    return tuple(min(n, k) - 1 for n, k in zip(xs, ks)), tuple(abs(n - k) + 1 for n, k in zip(xs, ks))


def direct_cost(xs: tuple[int, ...], ks: tuple[int, ...], size: tuple[int, ...]) -> float:
    """Cost model of the direct method, in multiply-adds: output elements times kernel
    elements, plus a fixed cost per kernel element (one NumPy call each) in 2-D and up;
    in 1-D, :func:`numpy.correlate` runs at about ``DIRECT_1D`` of that unit per
    multiply-add, with no per-tap call."""
    kernel = float(math.prod(ks))
    if len(ks) == 1:
        return DIRECT_1D * float(math.prod(size)) * kernel
    return float(math.prod(size)) * kernel + DIRECT_CALL * kernel


def fft_cost(xs: tuple[int, ...], ks: tuple[int, ...]) -> float:
    """Cost model of the FFT method, in the same units: three transforms of the padded
    size, ~ N log2 N each, scaled by ``FFT_WEIGHT``, plus a fixed cost for the calls."""
    n = float(math.prod(_fast_len(a + b - 1) for a, b in zip(xs, ks)))
    return FFT_WEIGHT * 3.0 * n * math.log2(max(n, 2.0)) + FFT_CALL


# Calibrated on a 2-core x86-64 CPU by benchmarks/signals.py (512 x 512 image, kernels
# 3..63): one unit of N log2 N costs about 0.4 multiply-adds of the direct method; a
# NumPy call costs about 3,000 of them, and the FFT's setup about 50,000. In 1-D,
# numpy.correlate's multiply-add costs about 0.14 of those units (measured with 1e3 to
# 1e5 samples and 3 to 513 taps; for 4,096 samples the FFT pays from about 200 taps).
FFT_WEIGHT = 0.4
DIRECT_CALL = 3_000.0
FFT_CALL = 50_000.0
DIRECT_1D = 0.14
# Problems of at most this many multiply-adds always stay direct (exact sums, and
# both methods take microseconds), as scipy.signal.choose_conv_method keeps them.
TINY = 2**14


def choose_method(x: Any, k: Any, mode: str = "full") -> str:
    """The method ``"auto"`` uses: ``"direct"`` or ``"fft"``.

    ``"direct"`` for integer or bool input (exact results), for input holding NaN or
    infinity (the FFT would spread one NaN over the whole output), and for problems
    of at most ``TINY`` multiply-adds; otherwise the cheaper of
    ``direct_cost`` and ``fft_cost``.

    Parameters
    ----------
    x, k : array_like
        The signal and the kernel, as for :func:`~convbook.convolve`.
    mode : {"full", "same", "valid"}

    Returns
    -------
    {"direct", "fft"}

    Raises
    ------
    TypeError, ValueError
        On the arguments :func:`~convbook.convolve` refuses.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.signal.choose_method(np.ones((512, 512)), np.ones((3, 3)))
    'direct'
    >>> convbook.signal.choose_method(np.ones((512, 512)), np.ones((31, 31)))
    'fft'
    >>> convbook.signal.choose_method(np.ones((8, 8)), np.ones((6, 6)))
    'direct'

    Small signals stay on the direct path, whose float results are exact sums.
    """
    x, k = _checked(x, k, mode, "choose_method")
    _, size = _output_window(x.shape, k.shape, mode)
    return _choose(x, k, size)


def _choose(x: np.ndarray, k: np.ndarray, size) -> str:
    if x.dtype.kind != "f" and k.dtype.kind != "f":
        return "direct"
    ops = float(math.prod(size)) * float(k.size)
    if ops <= TINY:
        return "direct"
    direct = direct_cost(x.shape, k.shape, size)
    n = float(math.prod(a + b - 1 for a, b in zip(x.shape, k.shape)))  # FFT sizes >= these
    if FFT_WEIGHT * 3.0 * n * math.log2(max(n, 2.0)) + FFT_CALL >= direct:
        return "direct"
    if fft_cost(x.shape, k.shape) >= direct:
        return "direct"
    if not (np.isfinite(x).all() and np.isfinite(k).all()):
        return "direct"
    return "fft"


def _padded_for_window(x: np.ndarray, ks: tuple[int, ...], start, size) -> np.ndarray:
    """The zero-padded part of ``x`` whose valid correlation is the requested window."""
    lo = [max(0, k - 1 - s) for k, s in zip(ks, start)]
    hi = [max(0, s + m - n) for s, m, n in zip(start, size, x.shape)]
    xp = _core.pad(x, list(zip(lo, hi)))  # pads every axis: x has no batch or channel axes
    index = tuple(slice(s + a - (k - 1), s + a - (k - 1) + m + k - 1)
                  for s, a, m, k in zip(start, lo, size, ks))
    return xp[index]


def _correlate_direct(x, k, start, size, dtype):
    """The core's shift and add (``N = C = 1``, stride 1): one multiply-add of a shifted
    view per kernel element, memory at the output's size whatever the kernel size.
    1-D signals go to :func:`numpy.correlate` (compiled, the same sum), which pads
    inside its loop: no padded copy of a long signal is made. Its three modes equal
    scipy's when the signal is at least as long as the kernel (its "same" starts at
    ``(k - 1) // 2`` too); otherwise the window is cut from its "full" output."""
    acc = _core.accumulator(dtype)
    k = k.astype(acc, copy=False)
    if x.ndim == 1:
        x = x.astype(acc, copy=False)
        mode = {(0, x.size + k.size - 1): "full", ((k.size - 1) // 2, x.size): "same",
                (k.size - 1, x.size - k.size + 1): "valid"}.get((start[0], size[0]))
        if mode is not None and x.size >= k.size:
            return np.correlate(x, k, mode)
        full = np.correlate(x, k, "full")
        return full[start[0]:start[0] + size[0]].copy()
    xp = _padded_for_window(x, k.shape, start, size).astype(acc, copy=False)
    out = _core.correlate(xp[np.newaxis, np.newaxis], k[np.newaxis, np.newaxis],
                          (1,) * x.ndim, (1,) * x.ndim, route="shift")
    return out[0, 0]


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


def _correlate_fft(x, k, start, size, dtype):
    """Multiply spectra in the result's float type (float64 for integers, float32 for
    float16), then round integer results."""
    real = np.dtype(np.float64) if dtype.kind in "biu" else _core.accumulator(dtype)
    full = tuple(a + b - 1 for a, b in zip(x.shape, k.shape))
    shape = tuple(_fast_len(n) for n in full)
    axes = tuple(range(x.ndim))
    kf = np.flip(k)  # correlation = convolution with the flipped kernel
    with np.errstate(invalid="ignore", over="ignore"):  # non-finite input: warned above
        spec = np.fft.rfftn(x.astype(real), shape, axes) * np.fft.rfftn(kf.astype(real), shape,
                                                                         axes)
        out = np.fft.irfftn(spec, shape, axes)
    index = tuple(slice(s, s + m) for s, m in zip(start, size))
    out = np.ascontiguousarray(out[index])
    if dtype.kind in "biu":
        out = np.rint(out)
    return out


def _correlate_loops(x, k, start, size, dtype):
    """The teaching version: one output element at a time, one product at a time."""
    acc = _core.accumulator(dtype)
    xp = _padded_for_window(x, k.shape, start, size).astype(acc, copy=False)
    k = k.astype(acc, copy=False)
    out = np.zeros(size, dtype=acc)
    for n in itertools.product(*(range(m) for m in size)):
        total = acc.type(0)
        for m in itertools.product(*(range(a) for a in k.shape)):
            total += xp[tuple(i + j for i, j in zip(n, m))] * k[m]
        out[n] = total
    return out
