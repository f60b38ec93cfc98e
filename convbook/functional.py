"""Layers with the names, arguments and conventions of ``torch.nn.functional``.

Layers compute **cross-correlation** on batched, channel-first arrays
(``(N, C, L)`` or ``(N, C, H, W)``; the unbatched ``(C, L)`` / ``(C, H, W)`` form is
accepted as torch does). Weights are ``(C_out, C_in // groups, k...)``. Output sizes
follow :func:`convbook.conv_output_size`.

All four operations run through one private path: pad -> sliding windows ->
reduce (multiply-sum for convolution, max or mean for pooling).
"""
from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._validate import as_real_array, check_choice, check_int, int_tuple
from .arithmetic import conv_output_size

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
_NP_PAD_MODE = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}

# Largest im2col block (in elements) built at once; bounds memory for big batches.
CHUNK_ELEMENTS = 2**24


def conv1d(input: Any, weight: Any, bias: Any = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1, padding_mode: str = "zeros") -> np.ndarray:
    """1-D convolution layer (cross-correlation), as :func:`torch.nn.functional.conv1d`.

    Parameters
    ----------
    input : (N, C_in, L) or (C_in, L) array_like
    weight : (C_out, C_in // groups, k) array_like
    bias : (C_out,) array_like, optional
        Added once to each output channel.
    stride, dilation : int or (int,)
    padding : int, (int,), "valid" or "same"
        Per-side padding. ``"same"`` needs ``stride=1``; when ``dilation*(k-1)`` is
        odd the extra element goes on the right, as in torch.
    groups : int
        Split input and output channels into this many independent groups.
    padding_mode : {"zeros", "reflect", "replicate", "circular"}
        How the border is filled (the ``torch.nn.Conv1d`` option).

    Returns
    -------
    (N, C_out, L_out) or (C_out, L_out) numpy.ndarray

    See Also
    --------
    torch.nn.functional.conv1d, conv2d, convbook.correlate

    Notes
    -----
    ``out[n, o, i] = bias[o] + sum_{c, m} input[n, g(o) + c, s*i + d*m] * weight[o, c, m]``
    on the padded input, where ``g(o)`` is the first input channel of the group of ``o``.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.array([[[1, 2, 3, 4, 5]]])
    >>> convbook.conv1d(x, np.array([[[1, 0, -1]]]))
    array([[[-2, -2, -2]]])

    Element 0 is ``1*1 + 2*0 + 3*(-1) = -2``: no flip, as in torch.

    >>> convbook.conv1d(x, np.array([[[1, 1]]]), stride=2, padding=1)
    array([[[1, 5, 9]]])
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, padding_mode, 1, "conv1d")


def conv2d(input: Any, weight: Any, bias: Any = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1, padding_mode: str = "zeros") -> np.ndarray:
    """2-D convolution layer (cross-correlation), as :func:`torch.nn.functional.conv2d`.

    Parameters
    ----------
    input : (N, C_in, H, W) or (C_in, H, W) array_like
    weight : (C_out, C_in // groups, kH, kW) array_like
    bias : (C_out,) array_like, optional
    stride, dilation : int or (int, int)
    padding : int, (int, int), "valid" or "same"
    groups : int
    padding_mode : {"zeros", "reflect", "replicate", "circular"}

    Returns
    -------
    (N, C_out, H_out, W_out) or (C_out, H_out, W_out) numpy.ndarray

    Raises
    ------
    ValueError
        If the channels do not match the weight, the padded input is smaller than
        the dilated kernel, or an argument is out of range.

    See Also
    --------
    torch.nn.functional.conv2d, conv1d, convbook.correlate

    Notes
    -----
    ``out[n, o, i, j] = bias[o] + sum_{c, p, q} input[n, c, s*i + d*p, s*j + d*q] weight[o, c, p, q]``
    (one group shown), and ``H_out = floor((H + 2 pad - d (kH - 1) - 1) / s) + 1``.

    Examples
    --------
    The d2l example: a 3x3 input and a 2x2 kernel.

    >>> import numpy as np, convbook
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> w = np.array([[[[0.0, 1.0], [2.0, 3.0]]]])
    >>> convbook.conv2d(x, w)
    array([[[[19., 25.],
             [37., 43.]]]])

    Element [0, 0] is ``0*0 + 1*1 + 3*2 + 4*3 = 19``.
    """
    return _conv(input, weight, bias, stride, padding, dilation, groups, padding_mode, 2, "conv2d")


def max_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False) -> np.ndarray:
    """1-D max pooling, as :func:`torch.nn.functional.max_pool1d`.

    The border is padded with minus infinity, so padding never wins the max.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.max_pool1d(np.array([[1.0, 3.0, 2.0, 5.0, 4.0]]), 2)
    array([[3., 5.]])
    >>> convbook.max_pool1d(np.array([[1.0, 3.0, 2.0, 5.0, 4.0]]), 2, ceil_mode=True)
    array([[3., 5., 4.]])
    """
    return _pool(input, kernel_size, stride, padding, dilation, ceil_mode, True, "max", 1, "max_pool1d")


def max_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False) -> np.ndarray:
    """2-D max pooling, as :func:`torch.nn.functional.max_pool2d`.

    Parameters
    ----------
    input : (N, C, H, W) or (C, H, W) array_like
    kernel_size : int or (int, int)
    stride : int or (int, int), optional
        Defaults to ``kernel_size`` (non-overlapping windows).
    padding : int or (int, int)
        Per side, at most half the kernel size; padded with minus infinity.
    dilation : int or (int, int)
    ceil_mode : bool
        Round the output size up, keeping a last partial window that starts inside
        the input or the left padding.

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray

    See Also
    --------
    torch.nn.functional.max_pool2d, avg_pool2d, convbook.conv_output_size

    Examples
    --------
    The d2l example: a 3x3 input, 2x2 windows, stride 1.

    >>> import numpy as np, convbook
    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> convbook.max_pool2d(x, 2, stride=1)
    array([[[4., 5.],
            [7., 8.]]])
    """
    return _pool(input, kernel_size, stride, padding, dilation, ceil_mode, True, "max", 2, "max_pool2d")


def avg_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> np.ndarray:
    """1-D average pooling, as :func:`torch.nn.functional.avg_pool1d`.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.array([[2.0, 4.0, 6.0]])
    >>> convbook.avg_pool1d(x, 2, stride=2, padding=1)
    array([[1., 5.]])
    >>> convbook.avg_pool1d(x, 2, stride=2, padding=1, count_include_pad=False)
    array([[2., 5.]])

    The first window holds the zero padding and 2: divided by 2 it gives 1, divided
    by the one real element it gives 2.
    """
    return _pool(input, kernel_size, stride, padding, 1, ceil_mode, count_include_pad, "avg", 1,
                 "avg_pool1d")


def avg_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> np.ndarray:
    """2-D average pooling, as :func:`torch.nn.functional.avg_pool2d`.

    Parameters
    ----------
    input : (N, C, H, W) or (C, H, W) array_like
    kernel_size : int or (int, int)
    stride : int or (int, int), optional
        Defaults to ``kernel_size``.
    padding : int or (int, int)
        Zero padding per side, at most half the kernel size.
    ceil_mode : bool
    count_include_pad : bool
        Whether zero padding counts in the divisor (windows that run past the
        padding in ``ceil_mode`` never count the part outside).

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray

    See Also
    --------
    torch.nn.functional.avg_pool2d, max_pool2d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.arange(16.0).reshape(1, 4, 4)
    >>> convbook.avg_pool2d(x, 2)
    array([[[ 2.5,  4.5],
            [10.5, 12.5]]])

    Element [0, 0] is ``(0 + 1 + 4 + 5) / 4 = 2.5``.
    """
    return _pool(input, kernel_size, stride, padding, 1, ceil_mode, count_include_pad, "avg", 2,
                 "avg_pool2d")


# ----------------------------------------------------------------------------- core


def _batched(input: Any, nd: int, func: str) -> tuple[np.ndarray, bool]:
    x = as_real_array(input, func, "input")
    unbatched = x.ndim == nd + 1
    if unbatched:
        x = x[np.newaxis]
    if x.ndim != nd + 2:
        names = "(N, C, L) or (C, L)" if nd == 1 else "(N, C, H, W) or (C, H, W)"
        raise ValueError(
            f"{func}: input must have shape {names} ({nd + 1}-D or {nd + 2}-D), "
            f"but got a {x.ndim}-D array of shape {x.shape}"
        )
    if x.size == 0:
        raise ValueError(f"{func}: input must not be empty, but got shape {x.shape}")
    return x, unbatched


def _resolve_padding(padding, nd, ks, dilation, stride, func) -> list[tuple[int, int]]:
    """Per-axis (left, right) padding from an int, tuple, "valid" or "same"."""
    if isinstance(padding, str):
        check_choice(padding, ("valid", "same"), func, "padding")
        if padding == "valid":
            return [(0, 0)] * nd
        if any(s != 1 for s in stride):
            raise ValueError(
                f"{func}: padding='same' is not supported for strided convolutions, "
                f"but got stride={stride}"
            )
        total = [d * (k - 1) for d, k in zip(dilation, ks)]
        return [(t // 2, t - t // 2) for t in total]
    pads = int_tuple(padding, nd, func, "padding", minimum=0)
    return [(p, p) for p in pads]


def _pad(x: np.ndarray, pads, mode: str, func: str) -> np.ndarray:
    spatial = x.shape[2:]
    if mode == "reflect":
        for n, (a, b) in zip(spatial, pads):
            if max(a, b) >= n:
                raise ValueError(
                    f"{func}: padding_mode='reflect' needs padding < input size, "
                    f"but got padding {max(a, b)} for a dimension of size {n}"
                )
    if mode == "circular":
        for n, (a, b) in zip(spatial, pads):
            if max(a, b) > n:
                raise ValueError(
                    f"{func}: padding_mode='circular' needs padding <= input size, "
                    f"but got padding {max(a, b)} for a dimension of size {n}"
                )
    width = [(0, 0), (0, 0)] + list(pads)
    if mode == "zeros":
        return np.pad(x, width)
    return np.pad(x, width, mode=_NP_PAD_MODE[mode])


def _windows(xp: np.ndarray, ks, stride, dilation) -> np.ndarray:
    """Strided, dilated windows: shape (N, C, out..., k...), a view of ``xp``."""
    nd = len(ks)
    span = tuple(d * (k - 1) + 1 for d, k in zip(dilation, ks))
    view = sliding_window_view(xp, span, axis=tuple(range(2, 2 + nd)))
    index = (slice(None), slice(None)) + tuple(slice(None, None, s) for s in stride) \
        + tuple(slice(None, None, d) for d in dilation)
    return view[index]


def _reduce_windows(xp, ks, stride, dilation, sizes, ufunc):
    """Reduce every (strided, dilated) window with ``ufunc``, one kernel offset at a time.

    Equal to ``ufunc.reduce`` over the last axes of :func:`_windows`, but each step is one
    vectorised operation over the whole output, which is much faster for small windows.
    """
    out = None
    for offset in itertools.product(*(range(k) for k in ks)):
        index = (slice(None), slice(None)) + tuple(
            slice(m * d, m * d + s * (o - 1) + 1, s)
            for m, d, s, o in zip(offset, dilation, stride, sizes))
        part = xp[index]
        out = part.copy() if out is None else ufunc(out, part, out=out)
    return out


def _conv(input, weight, bias, stride, padding, dilation, groups, padding_mode, nd, func):
    x, unbatched = _batched(input, nd, func)
    w = as_real_array(weight, func, "weight")
    shape_names = "(C_out, C_in // groups, k)" if nd == 1 else "(C_out, C_in // groups, kH, kW)"
    if w.ndim != nd + 2 or w.size == 0:
        raise ValueError(
            f"{func}: weight must have shape {shape_names}, a non-empty {nd + 2}-D array, "
            f"but got shape {w.shape}"
        )
    groups = check_int(groups, func, "groups", minimum=1)
    check_choice(padding_mode, PADDING_MODES, func, "padding_mode")
    c_out, c_per_group = w.shape[:2]
    c_in = x.shape[1]
    if c_in % groups or c_out % groups:
        raise ValueError(
            f"{func}: groups must divide both input channels and output channels, but got "
            f"groups={groups} with {c_in} input and {c_out} output channels"
        )
    if c_in != c_per_group * groups:
        raise ValueError(
            f"{func}: input has {c_in} channels but weight expects {c_per_group * groups} "
            f"(weight shape {w.shape}, groups={groups})"
        )
    stride = int_tuple(stride, nd, func, "stride", minimum=1)
    dilation = int_tuple(dilation, nd, func, "dilation", minimum=1)
    ks = w.shape[2:]
    pads = _resolve_padding(padding, nd, ks, dilation, stride, func)
    if bias is not None:
        b = as_real_array(bias, func, "bias")
        if b.shape != (c_out,):
            raise ValueError(f"{func}: bias must have shape ({c_out},), one per output channel, "
                             f"but got shape {b.shape}")
    xp = _pad(x, pads, padding_mode, func)
    for n, k, d, (a, b_) in zip(x.shape[2:], ks, dilation, pads):
        if n + a + b_ < d * (k - 1) + 1:
            raise ValueError(
                f"{func}: the padded input ({n + a + b_}) is smaller than the dilated kernel "
                f"({d * (k - 1) + 1}); input shape {x.shape}, weight shape {w.shape}"
            )
    out = _multiply_sum(xp, w, stride, dilation, groups)
    if bias is not None:
        out = out + b.reshape((1, c_out) + (1,) * nd)
    return out[0] if unbatched else out


def _multiply_sum(xp, w, stride, dilation, groups):
    """im2col and one batched matrix product over all groups, in chunks of the batch.

    For each chunk of the batch, the windows are copied into columns ordered
    ``(group, channel, kernel offset)`` x ``(output position)``, so that a weight matrix
    ``(group, C_out/g, C_in/g * prod(k))`` times the columns gives channel-first output
    directly. Chunking bounds the memory of the columns by ``CHUNK_ELEMENTS``.
    """
    n = xp.shape[0]
    nd = w.ndim - 2
    c_out, c_g = w.shape[:2]
    ks = w.shape[2:]
    kk = math.prod(ks)
    dtype = np.result_type(xp, w)
    win = _windows(xp, ks, stride, dilation)  # (N, C, out..., k...)
    out_sp = win.shape[2:2 + nd]
    positions = math.prod(out_sp)
    o_g = c_out // groups
    w_mat = w.reshape(groups, o_g, c_g * kk).astype(dtype, copy=False)
    out = np.empty((n, c_out) + out_sp, dtype=dtype)
    chunk = max(1, CHUNK_ELEMENTS // max(c_g * groups * kk * positions, 1))
    # (N, C, out..., k...) -> (N, C, k..., out...): long contiguous runs when copying
    perm = (0, 1) + tuple(range(2 + nd, 2 + 2 * nd)) + tuple(range(2, 2 + nd))
    for s in range(0, n, chunk):
        block = win[s:s + chunk].transpose(perm)
        m = block.shape[0]
        cols = block.reshape(m, groups, c_g * kk, positions)
        # (groups, o_g, K) @ (m, groups, K, positions), written straight into the output
        np.matmul(w_mat, cols, out=out[s:s + m].reshape(m, groups, o_g, positions))
    return out


def _pool(input, kernel_size, stride, padding, dilation, ceil_mode, count_include_pad, kind, nd,
          func):
    x, unbatched = _batched(input, nd, func)
    ks = int_tuple(kernel_size, nd, func, "kernel_size", minimum=1)
    stride = ks if stride is None else int_tuple(stride, nd, func, "stride", minimum=1)
    pads = int_tuple(padding, nd, func, "padding", minimum=0)
    dilation = int_tuple(dilation, nd, func, "dilation", minimum=1)
    for name, flag in (("ceil_mode", ceil_mode), ("count_include_pad", count_include_pad)):
        if not isinstance(flag, (bool, np.bool_)):
            raise TypeError(f"{func}: {name} must be True or False, but got {flag!r}")
    for p, k in zip(pads, ks):
        if p > k // 2:
            raise ValueError(
                f"{func}: padding must be at most half the kernel size, but got "
                f"padding={padding} with kernel_size={kernel_size}"
            )
    sizes = []
    for n, k, s, p, d in zip(x.shape[2:], ks, stride, pads, dilation):
        try:
            sizes.append(conv_output_size(n, k, s, p, d, ceil_mode))
        except ValueError:
            raise ValueError(
                f"{func}: the window ({d * (k - 1) + 1}) is larger than the padded input "
                f"({n + 2 * p}); input shape {x.shape}, kernel_size={kernel_size}"
            ) from None
    # right padding extended so that ceil_mode's last window fits
    extra = [max(0, (o - 1) * s + d * (k - 1) + 1 - (n + 2 * p))
             for o, s, d, k, n, p in zip(sizes, stride, dilation, ks, x.shape[2:], pads)]
    width = [(0, 0), (0, 0)] + [(p, p + e) for p, e in zip(pads, extra)]
    if kind == "max":
        fill = -np.inf if np.issubdtype(x.dtype, np.floating) else np.iinfo(x.dtype).min
        xp = np.pad(x, width, constant_values=fill)
        out = _reduce_windows(xp, ks, stride, dilation, sizes, np.maximum)
    else:
        # floats keep their precision (float32 stays float32, as in torch); ints -> float64
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        xp = np.pad(x.astype(dtype, copy=False), width)
        sums = _reduce_windows(xp, ks, stride, dilation, sizes, np.add)
        if not any(pads) and not any(extra):  # every window is whole: one divisor
            out = sums / np.asarray(math.prod(ks), dtype=dtype)
        else:  # divisor: the same window sums over a mask of the cells that count
            mask = np.zeros((1, 1) + xp.shape[2:], dtype=dtype)
            inner = tuple(slice(p, p + n) for p, n in zip(pads, x.shape[2:]))
            region = tuple(slice(0, n + 2 * p) for p, n in zip(pads, x.shape[2:]))
            mask[(0, 0) + (region if count_include_pad else inner)] = 1
            out = sums / _reduce_windows(mask, ks, stride, dilation, sizes, np.add)
    return out[0] if unbatched else out
