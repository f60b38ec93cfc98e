"""Layers with the names, arguments and conventions of ``torch.nn.functional``.

Layers compute **cross-correlation** on batched, channel-first arrays
(``(N, C, L)`` or ``(N, C, H, W)``; the unbatched ``(C, L)`` / ``(C, H, W)`` form is
accepted as torch does). Weights are ``(C_out, C_in // groups, k...)``; transposed
convolutions take ``(C_in, C_out // groups, k...)``, as torch does. Output sizes
follow :func:`convbook.conv_output_size` and
:func:`convbook.conv_transpose_output_size`.

Every function here checks its arguments and then calls the one private core,
``convbook._core``: pad -> sliding windows -> reduce (multiply-sum with weights,
max, or sum). The transposed convolution and ``fold`` use the core's adjoints of
those steps (scatter-add). Output dtypes follow the rule stated once in ``_core``:
floats keep ``numpy.result_type`` of the inputs (float16 accumulates in float32),
integers and bools are computed exactly in int64.
"""
from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from . import _core
from ._validate import as_real_array, check_choice, check_int, int_tuple
from .arithmetic import conv_output_size

PADDING_MODES = ("zeros", "reflect", "replicate", "circular")

# Shared docstring fragments, filled into ``%(name)s`` as scipy.ndimage does.
_DOCS = {
    "input1d": "input : (N, C, L) or (C, L) array_like\n"
               "        Batched or unbatched channel-first input (see :mod:`convbook`).",
    "input2d": "input : (N, C, H, W) or (C, H, W) array_like\n"
               "        Batched or unbatched channel-first input (see :mod:`convbook`).",
    "bias": "bias : (C_out,) array_like, optional\n"
            "        Added once to each output channel.",
    "groups": "groups : int\n"
              "        Split input and output channels into this many independent groups;\n"
              "        ``groups = C_in`` is a depthwise layer.",
    "padding_mode": 'padding_mode : {"zeros", "reflect", "replicate", "circular"}\n'
                    "        How the border is filled (the ``torch.nn.Conv2d`` option).",
    "kernel_size": "kernel_size : int or tuple of int\n"
                   "        The window size, one per spatial axis.",
    "pool_stride": "stride : int or tuple of int, optional\n"
                   "        Defaults to ``kernel_size`` (non-overlapping windows).",
    "ceil_mode": "ceil_mode : bool\n"
                 "        Round the output size up, keeping a last partial window that "
                 "starts\n        inside the input or the left padding.",
    "conv_raises": "ValueError\n"
                   "        If the channels do not match the weight, the padded input is "
                   "smaller\n        than the dilated kernel, or an argument is out of "
                   "range.\n    TypeError\n"
                   "        If an array is not real and numeric, or an argument has the "
                   "wrong type.",
    "pool_raises": "ValueError\n"
                   "        If the window is larger than the padded input, the padding "
                   "exceeds half\n        the kernel size, or an argument is out of range.\n"
                   "    TypeError\n"
                   "        If the input is not a real numeric array or a flag is not "
                   "a bool.",
}


def _fill(func):
    func.__doc__ = re.sub(r"%\((\w+)\)s", lambda m: _DOCS[m.group(1)], func.__doc__)
    return func


# ----------------------------------------------------------------------------- layers


@_fill
def conv1d(input: Any, weight: Any, bias: Any = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1, padding_mode: str = "zeros") -> np.ndarray:
    """1-D convolution layer (cross-correlation), as :func:`torch.nn.functional.conv1d`.

    Parameters
    ----------
    %(input1d)s
    weight : (C_out, C_in // groups, k) array_like
    %(bias)s
    stride, dilation : int or (int,)
    padding : int, (int,), "valid" or "same"
        Per-side padding. ``"same"`` needs ``stride=1``; when ``dilation*(k-1)`` is
        odd the extra element goes on the right, as in torch.
    %(groups)s
    %(padding_mode)s

    Returns
    -------
    (N, C_out, L_out) or (C_out, L_out) numpy.ndarray

    Raises
    ------
    %(conv_raises)s

    See Also
    --------
    torch.nn.functional.conv1d, conv2d, conv_transpose1d, convbook.correlate

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


@_fill
def conv2d(input: Any, weight: Any, bias: Any = None, stride: Any = 1, padding: Any = 0,
           dilation: Any = 1, groups: int = 1, padding_mode: str = "zeros") -> np.ndarray:
    """2-D convolution layer (cross-correlation), as :func:`torch.nn.functional.conv2d`.

    Parameters
    ----------
    %(input2d)s
    weight : (C_out, C_in // groups, kH, kW) array_like
    %(bias)s
    stride, dilation : int or (int, int)
    padding : int, (int, int), "valid" or "same"
        Per-side padding (see :func:`conv1d`).
    %(groups)s
    %(padding_mode)s

    Returns
    -------
    (N, C_out, H_out, W_out) or (C_out, H_out, W_out) numpy.ndarray

    Raises
    ------
    %(conv_raises)s

    See Also
    --------
    torch.nn.functional.conv2d, conv1d, conv_transpose2d, unfold, convbook.correlate

    Notes
    -----
    ``out[n, o, i, j] = bias[o] + sum_{c, p, q} input[n, c, s*i + d*p, s*j + d*q] weight[o, c, p, q]``
    (one group shown), and ``H_out = floor((H + 2 pad - d (kH - 1) - 1) / s) + 1``.

    Layers with one input channel per group (depthwise) run as shift and add, the
    others as im2col and one matrix product (chunked over the batch and the output
    rows, so memory stays bounded for one large image); the rule is measured in
    ``benchmarks/``.

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


@_fill
def conv_transpose1d(input: Any, weight: Any, bias: Any = None, stride: Any = 1,
                     padding: Any = 0, output_padding: Any = 0, groups: int = 1,
                     dilation: Any = 1) -> np.ndarray:
    """1-D transposed convolution, as :func:`torch.nn.functional.conv_transpose1d`.

    The adjoint of :func:`conv1d`: every input value adds a copy of the kernel, scaled
    by it, at ``stride`` times its position (scatter-add), and ``padding`` is then
    cropped from each side.

    Parameters
    ----------
    %(input1d)s
    weight : (C_in, C_out // groups, k) array_like
        Note the order: input channels first, as in torch.
    %(bias)s
    stride, dilation : int or (int,)
    padding : int or (int,)
        Cropped from each side of the full output (the padding of the
        :func:`conv1d` this transposes).
    output_padding : int or (int,)
        Extra elements on the right, smaller than ``stride`` or ``dilation``: it picks
        which of the input sizes that the strided convolution maps to one size is
        produced (see :func:`convbook.conv_transpose_output_size`).
    %(groups)s

    Returns
    -------
    (N, C_out, L_out) or (C_out, L_out) numpy.ndarray
        ``L_out = (L - 1) s - 2 p + d (k - 1) + output_padding + 1``.

    Raises
    ------
    %(conv_raises)s

    See Also
    --------
    torch.nn.functional.conv_transpose1d, conv1d, conv_transpose2d, fold

    Notes
    -----
    ``out[n, o, s*i + d*m - p] += input[n, c, i] * weight[c, o, m]`` over ``i, m`` and
    the input channels ``c`` of the group of ``o``. It is the adjoint of :func:`conv1d`:
    ``<conv1d(x, w), y> = <x, conv_transpose1d(y, w)>``.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.conv_transpose1d(np.array([[[1, 2]]]), np.array([[[1, 10, 100]]]),
    ...                           stride=2)
    array([[[  1,  10, 102,  20, 200]]])

    Element 2 is ``1*100 + 2*1 = 102``: the two kernel copies overlap there.
    """
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 1, "conv_transpose1d")


@_fill
def conv_transpose2d(input: Any, weight: Any, bias: Any = None, stride: Any = 1,
                     padding: Any = 0, output_padding: Any = 0, groups: int = 1,
                     dilation: Any = 1) -> np.ndarray:
    """2-D transposed convolution, as :func:`torch.nn.functional.conv_transpose2d`.

    Parameters
    ----------
    %(input2d)s
    weight : (C_in, C_out // groups, kH, kW) array_like
    %(bias)s
    stride, padding, output_padding, dilation : int or (int, int)
        As in :func:`conv_transpose1d`, per axis.
    %(groups)s

    Returns
    -------
    (N, C_out, H_out, W_out) or (C_out, H_out, W_out) numpy.ndarray
        Sizes from :func:`convbook.conv_transpose_output_size`.

    Raises
    ------
    %(conv_raises)s

    See Also
    --------
    torch.nn.functional.conv_transpose2d, conv2d, conv_transpose1d, fold

    Notes
    -----
    The adjoint of :func:`conv2d` with the same weight, stride, padding and dilation:
    ``<conv2d(x, w), y> = <x, conv_transpose2d(y, w)>``, so it is the gradient of a
    layer with respect to its input.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.array([[[1, 2], [3, 4]]])
    >>> convbook.conv_transpose2d(x, np.ones((1, 1, 2, 2), dtype=int))
    array([[[ 1,  3,  2],
            [ 4, 10,  6],
            [ 3,  7,  4]]])

    The centre, ``1 + 2 + 3 + 4 = 10``, is where all four kernel copies overlap.
    """
    return _conv_transpose(input, weight, bias, stride, padding, output_padding, groups,
                           dilation, 2, "conv_transpose2d")


def unfold(input: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
           stride: Any = 1) -> np.ndarray:
    """im2col: every window of an image as a column, as :func:`torch.nn.functional.unfold`.

    Parameters
    ----------
    input : (N, C, H, W) or (C, H, W) array_like
    kernel_size, dilation, padding, stride : int or (int, int)
        ``padding`` is zeros, per side.

    Returns
    -------
    (N, C * kH * kW, L) or (C * kH * kW, L) numpy.ndarray
        Rows ordered (channel, kernel row, kernel column); columns are the ``L``
        windows in row-major order of the output.

    Raises
    ------
    ValueError, TypeError
        On a wrong shape, a window larger than the padded input, or a bad argument.

    See Also
    --------
    torch.nn.functional.unfold, fold, conv2d

    Notes
    -----
    ``conv2d(x, w)`` is ``w.reshape(C_out, -1) @ unfold(x, k)`` reshaped to
    ``(C_out, H_out, W_out)``: a convolution layer is one matrix product.

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.unfold(np.arange(9).reshape(1, 3, 3), 2)
    array([[0, 1, 3, 4],
           [1, 2, 4, 5],
           [3, 4, 6, 7],
           [4, 5, 7, 8]])

    Column 0 is the top-left window ``[[0, 1], [3, 4]]`` read row by row.
    """
    func = "unfold"
    x, unbatched = _batched(input, 2, func)
    ks = int_tuple(kernel_size, 2, func, "kernel_size", minimum=1)
    dilation = int_tuple(dilation, 2, func, "dilation", minimum=1)
    pads = int_tuple(padding, 2, func, "padding", minimum=0)
    stride = int_tuple(stride, 2, func, "stride", minimum=1)
    _check_fits(x.shape[2:], ks, dilation, [(p, p) for p in pads], func,
                f"input shape {x.shape}, kernel_size={kernel_size}")
    xp = _core.pad(x, [(p, p) for p in pads])
    out = _core.columns(xp, ks, stride, dilation)
    return out[0] if unbatched else out


def fold(input: Any, output_size: Any, kernel_size: Any, dilation: Any = 1, padding: Any = 0,
         stride: Any = 1) -> np.ndarray:
    """col2im: add columns back into an image, as :func:`torch.nn.functional.fold`.

    The adjoint of :func:`unfold`: where windows overlap, their values add up.

    Parameters
    ----------
    input : (N, C * kH * kW, L) or (C * kH * kW, L) array_like
    output_size : int or (int, int)
        ``(H, W)`` of the image the windows were taken from.
    kernel_size, dilation, padding, stride : int or (int, int)
        As in :func:`unfold`; ``L`` must equal the number of windows they give.

    Returns
    -------
    (N, C, H, W) or (C, H, W) numpy.ndarray

    Raises
    ------
    ValueError, TypeError
        If the rows are not a multiple of ``kH * kW``, ``L`` does not match, or an
        argument is bad.

    See Also
    --------
    torch.nn.functional.fold, unfold, conv_transpose2d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> cols = convbook.unfold(np.ones((1, 3, 3)), 2)
    >>> convbook.fold(cols, 3, 2)
    array([[[1., 2., 1.],
            [2., 4., 2.],
            [1., 2., 1.]]])

    ``fold(unfold(x))`` multiplies each pixel by the number of windows that hold it:
    the centre is in all four.
    """
    func = "fold"
    x = as_real_array(input, func, "input")
    unbatched = x.ndim == 2
    if unbatched:
        x = x[np.newaxis]
    if x.ndim != 3 or x.size == 0:
        raise ValueError(f"{func}: input must have shape (N, C * kH * kW, L) or "
                         f"(C * kH * kW, L), non-empty, but got shape {x.shape}")
    size = int_tuple(output_size, 2, func, "output_size", minimum=1)
    ks = int_tuple(kernel_size, 2, func, "kernel_size", minimum=1)
    dilation = int_tuple(dilation, 2, func, "dilation", minimum=1)
    pads = int_tuple(padding, 2, func, "padding", minimum=0)
    stride = int_tuple(stride, 2, func, "stride", minimum=1)
    kk = math.prod(ks)
    if x.shape[1] % kk:
        raise ValueError(f"{func}: input.shape[1] must be a multiple of kH * kW = {kk}, but "
                         f"got input shape {x.shape} with kernel_size={kernel_size}")
    _check_fits(size, ks, dilation, [(p, p) for p in pads], func,
                f"output_size={output_size}, kernel_size={kernel_size}")
    padded = tuple(n + 2 * p for n, p in zip(size, pads))
    sizes = _core.output_sizes(padded, ks, stride, dilation)
    if x.shape[2] != math.prod(sizes):
        raise ValueError(f"{func}: input has L={x.shape[2]} columns, but output_size="
                         f"{output_size} with these arguments has {sizes[0]} x {sizes[1]} = "
                         f"{math.prod(sizes)} windows")
    n, c = x.shape[0], x.shape[1] // kk
    dtype = _core.accumulator(_core.result_dtype(x))
    cols = x.astype(dtype, copy=False).reshape((n, c) + ks + sizes)
    out = _core.scatter_add(cols, padded, ks, stride, dilation, sizes)
    out = out[(slice(None), slice(None)) + tuple(slice(p, p + m) for p, m in zip(pads, size))]
    out = out.astype(_core.result_dtype(x), copy=False)
    return out[0] if unbatched else out


# ----------------------------------------------------------------------------- pools


@_fill
def max_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Any:
    """1-D max pooling, as :func:`torch.nn.functional.max_pool1d`.

    Parameters
    ----------
    %(input1d)s
    kernel_size : int or (int,)
    stride : int or (int,), optional
        Defaults to ``kernel_size``.
    padding : int or (int,)
        Per side, at most half the kernel size; padded with minus infinity, so
        padding never wins the max.
    dilation : int or (int,)
    %(ceil_mode)s
    return_indices : bool
        Also return where each maximum came from (see :func:`max_pool2d`).

    Returns
    -------
    (N, C, L_out) or (C, L_out) numpy.ndarray
        With ``return_indices``, a pair ``(values, indices)``; indices are int64
        positions in the unpadded input, as :func:`max_unpool1d` takes them.

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.max_pool1d, max_pool2d, avg_pool1d, max_unpool1d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.max_pool1d(np.array([[1.0, 3.0, 2.0, 5.0, 4.0]]), 2)
    array([[3., 5.]])
    >>> convbook.max_pool1d(np.array([[1.0, 3.0, 2.0, 5.0, 4.0]]), 2, ceil_mode=True)
    array([[3., 5., 4.]])
    >>> convbook.max_pool1d(np.array([[1.0, 3.0, 2.0, 5.0, 4.0]]), 2,
    ...                     return_indices=True)
    (array([[3., 5.]]), array([[1, 3]]))
    """
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode,
                     return_indices, 1, "max_pool1d")


@_fill
def max_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               dilation: Any = 1, ceil_mode: bool = False,
               return_indices: bool = False) -> Any:
    """2-D max pooling, as :func:`torch.nn.functional.max_pool2d`.

    Parameters
    ----------
    %(input2d)s
    %(kernel_size)s
    %(pool_stride)s
    padding : int or (int, int)
        Per side, at most half the kernel size; padded with minus infinity.
    dilation : int or (int, int)
    %(ceil_mode)s
    return_indices : bool
        Also return, for each output, the flat index ``i * W + j`` of its maximum in
        the unpadded ``(H, W)`` plane of its channel. As in torch, windows are read
        row by row and ties keep the first maximum; a NaN counts as the maximum
        (the last NaN of the window).

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray
        With ``return_indices``, a pair ``(values, indices)`` (int64 indices).

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.max_pool2d, avg_pool2d, max_unpool2d, convbook.conv_output_size

    Examples
    --------
    The d2l example: a 3x3 input, 2x2 windows, stride 1.

    >>> import numpy as np, convbook
    >>> x = np.arange(9.0).reshape(1, 3, 3)
    >>> convbook.max_pool2d(x, 2, stride=1)
    array([[[4., 5.],
            [7., 8.]]])
    >>> convbook.max_pool2d(x, 2, stride=1, return_indices=True)[1]
    array([[[4, 5],
            [7, 8]]])

    Here each maximum is the bottom-right cell of its window, so the flat index
    equals the value.
    """
    return _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode,
                     return_indices, 2, "max_pool2d")


@_fill
def avg_pool1d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> np.ndarray:
    """1-D average pooling, as :func:`torch.nn.functional.avg_pool1d`.

    Parameters
    ----------
    %(input1d)s
    kernel_size : int or (int,)
    stride : int or (int,), optional
        Defaults to ``kernel_size``.
    padding : int or (int,)
        Zero padding per side, at most half the kernel size.
    %(ceil_mode)s
    count_include_pad : bool
        Whether zero padding counts in the divisor.

    Returns
    -------
    (N, C, L_out) or (C, L_out) numpy.ndarray
        Floats keep their dtype; integer input gives float64.

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.avg_pool1d, avg_pool2d, max_pool1d, lp_pool1d

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
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, 1,
                     "avg_pool1d")


@_fill
def avg_pool2d(input: Any, kernel_size: Any, stride: Any = None, padding: Any = 0,
               ceil_mode: bool = False, count_include_pad: bool = True) -> np.ndarray:
    """2-D average pooling, as :func:`torch.nn.functional.avg_pool2d`.

    Parameters
    ----------
    %(input2d)s
    %(kernel_size)s
    %(pool_stride)s
    padding : int or (int, int)
        Zero padding per side, at most half the kernel size.
    %(ceil_mode)s
    count_include_pad : bool
        Whether zero padding counts in the divisor (windows that run past the
        padding in ``ceil_mode`` never count the part outside).

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray
        Floats keep their dtype; integer input gives float64.

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.avg_pool2d, max_pool2d, lp_pool2d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.arange(16.0).reshape(1, 4, 4)
    >>> convbook.avg_pool2d(x, 2)
    array([[[ 2.5,  4.5],
            [10.5, 12.5]]])

    Element [0, 0] is ``(0 + 1 + 4 + 5) / 4 = 2.5``.
    """
    return _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, 2,
                     "avg_pool2d")


@_fill
def lp_pool1d(input: Any, norm_type: float, kernel_size: Any, stride: Any = None,
              ceil_mode: bool = False) -> np.ndarray:
    """1-D power-average pooling, as :func:`torch.nn.functional.lp_pool1d`.

    Each window gives ``(sum x^p)^(1/p)``: ``p = 1`` is sum pooling, ``p = 2`` the
    Euclidean norm of the window (for non-negative input), and as ``p`` grows the
    result tends to the max.

    Parameters
    ----------
    %(input1d)s
    norm_type : float
        The power ``p``, positive and finite (``max_pool1d`` is the limit).
    kernel_size : int or (int,)
    stride : int or (int,), optional
        Defaults to ``kernel_size``.
    %(ceil_mode)s

    Returns
    -------
    (N, C, L_out) or (C, L_out) numpy.ndarray
        Floats keep their dtype; integer input gives float64.

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.lp_pool1d, lp_pool2d, max_pool1d, avg_pool1d

    Notes
    -----
    As in torch, ``x^p`` is the signed power (``(-2)^3 = -8``), and a window whose
    sum is negative gives NaN for a ``p`` that is not 1. A partial last window in
    ``ceil_mode`` sums the elements it holds; torch 2.x instead rescales that sum
    by ``kernel_size / count`` (it computes through an average pool).

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.lp_pool1d(np.array([[3.0, 4.0, 6.0, 8.0]]), 2, 2)
    array([[ 5., 10.]])

    ``sqrt(3^2 + 4^2) = 5`` and ``sqrt(6^2 + 8^2) = 10``.
    """
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 1, "lp_pool1d")


@_fill
def lp_pool2d(input: Any, norm_type: float, kernel_size: Any, stride: Any = None,
              ceil_mode: bool = False) -> np.ndarray:
    """2-D power-average pooling, as :func:`torch.nn.functional.lp_pool2d`.

    Parameters
    ----------
    %(input2d)s
    norm_type : float
        The power ``p``, positive and finite.
    %(kernel_size)s
    %(pool_stride)s
    %(ceil_mode)s

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray

    Raises
    ------
    %(pool_raises)s

    See Also
    --------
    torch.nn.functional.lp_pool2d, lp_pool1d (the definition), max_pool2d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> convbook.lp_pool2d(np.array([[[1.0, 1.0], [1.0, 1.0]]]), 2, 2)
    array([[[2.]]])

    ``sqrt(1 + 1 + 1 + 1) = 2``.
    """
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 2, "lp_pool2d")


def max_unpool1d(input: Any, indices: Any, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> np.ndarray:
    """Put each maximum back where it came from, as :func:`torch.nn.functional.max_unpool1d`.

    Parameters
    ----------
    input : (N, C, L) or (C, L) array_like
        The values of :func:`max_pool1d`.
    indices : array_like of int, the shape of ``input``
        Its ``return_indices=True`` indices.
    kernel_size, stride, padding : int or (int,)
        Those of the pool; ``stride`` defaults to ``kernel_size``.
    output_size : int or sequence of int, optional
        The length to produce, within ``stride`` of the default
        ``(L - 1) s - 2 p + k``; it may include the leading ``(N, C)``.

    Returns
    -------
    (N, C, L_out) or (C, L_out) numpy.ndarray
        Zero everywhere but at the indices.

    Raises
    ------
    ValueError, TypeError
        On mismatched shapes, an index outside the output, or a bad argument.

    See Also
    --------
    torch.nn.functional.max_unpool1d, max_unpool2d, max_pool1d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.array([[1.0, 3.0, 2.0, 5.0]])
    >>> values, where = convbook.max_pool1d(x, 2, return_indices=True)
    >>> convbook.max_unpool1d(values, where, 2)
    array([[0., 3., 0., 5.]])

    This is where the gradient of a max pool goes: to the argmax of each window.
    """
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 1,
                       "max_unpool1d")


def max_unpool2d(input: Any, indices: Any, kernel_size: Any, stride: Any = None,
                 padding: Any = 0, output_size: Any = None) -> np.ndarray:
    """Put each maximum back where it came from, as :func:`torch.nn.functional.max_unpool2d`.

    Parameters
    ----------
    input : (N, C, H, W) or (C, H, W) array_like
    indices : array_like of int, the shape of ``input``
        Flat indices ``i * W_out + j`` into each output plane, as
        :func:`max_pool2d` returns them.
    kernel_size, stride, padding : int or (int, int)
    output_size : sequence of int, optional
        ``(H_out, W_out)`` (or with ``(N, C)`` in front), each within ``stride`` of
        the default ``(H - 1) s - 2 p + k``.

    Returns
    -------
    (N, C, H_out, W_out) or (C, H_out, W_out) numpy.ndarray

    Raises
    ------
    ValueError, TypeError
        On mismatched shapes, an index outside the output, or a bad argument.

    See Also
    --------
    torch.nn.functional.max_unpool2d, max_unpool1d, max_pool2d

    Examples
    --------
    >>> import numpy as np, convbook
    >>> x = np.array([[[1, 2], [4, 3]]])
    >>> values, where = convbook.max_pool2d(x, 2, return_indices=True)
    >>> convbook.max_unpool2d(values, where, 2)
    array([[[0, 0],
            [4, 0]]])
    """
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 2,
                       "max_unpool2d")


# ----------------------------------------------------------------------------- checks


def _batched(input: Any, nd: int, func: str, name: str = "input") -> tuple[np.ndarray, bool]:
    x = as_real_array(input, func, name)
    unbatched = x.ndim == nd + 1
    if unbatched:
        x = x[np.newaxis]
    if x.ndim != nd + 2:
        names = "(N, C, L) or (C, L)" if nd == 1 else "(N, C, H, W) or (C, H, W)"
        raise ValueError(
            f"{func}: {name} must have shape {names} ({nd + 1}-D or {nd + 2}-D), "
            f"but got a {x.ndim}-D array of shape {x.shape}"
        )
    if x.size == 0:
        raise ValueError(f"{func}: {name} must not be empty, but got shape {x.shape}")
    return x, unbatched


def _check_flag(value: Any, func: str, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{func}: {name} must be True or False, but got {value!r}")
    return bool(value)


def _check_fits(spatial, ks, dilation, pads, func: str, shown: str) -> None:
    for n, k, d, (a, b) in zip(spatial, ks, dilation, pads):
        if n + a + b < d * (k - 1) + 1:
            raise ValueError(
                f"{func}: the padded input ({n + a + b}) is smaller than the dilated kernel "
                f"({d * (k - 1) + 1}); {shown}"
            )


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


def _check_pad_mode(spatial, pads, mode: str, func: str) -> None:
    for n, (a, b) in zip(spatial, pads):
        if mode == "reflect" and max(a, b) >= n:
            raise ValueError(
                f"{func}: padding_mode='reflect' needs padding < input size, "
                f"but got padding {max(a, b)} for a dimension of size {n}"
            )
        if mode == "circular" and max(a, b) > n:
            raise ValueError(
                f"{func}: padding_mode='circular' needs padding <= input size, "
                f"but got padding {max(a, b)} for a dimension of size {n}"
            )


def _weight(weight: Any, nd: int, func: str, layout: str) -> np.ndarray:
    w = as_real_array(weight, func, "weight")
    if w.ndim != nd + 2 or w.size == 0:
        ks = "k" if nd == 1 else "kH, kW"
        raise ValueError(
            f"{func}: weight must have shape ({layout}, {ks}), a non-empty {nd + 2}-D array, "
            f"but got shape {w.shape}"
        )
    return w


def _bias(bias: Any, c_out: int, func: str):
    if bias is None:
        return None
    b = as_real_array(bias, func, "bias")
    if b.shape != (c_out,):
        raise ValueError(f"{func}: bias must have shape ({c_out},), one per output channel, "
                         f"but got shape {b.shape}")
    return b


def _finish(out: np.ndarray, b, dtype, unbatched: bool) -> np.ndarray:
    if b is not None:
        out += b.reshape((1, -1) + (1,) * (out.ndim - 2)).astype(out.dtype, copy=False)
    out = out.astype(dtype, copy=False)
    return out[0] if unbatched else out


# ----------------------------------------------------------------------------- drivers


def _conv(input, weight, bias, stride, padding, dilation, groups, padding_mode, nd, func):
    x, unbatched = _batched(input, nd, func)
    w = _weight(weight, nd, func, "C_out, C_in // groups")
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
    b = _bias(bias, c_out, func)
    _check_pad_mode(x.shape[2:], pads, padding_mode, func)
    _check_fits(x.shape[2:], ks, dilation, pads, func,
                f"input shape {x.shape}, weight shape {w.shape}")
    dtype = _core.result_dtype(x, w) if b is None else _core.result_dtype(x, w, b)
    _core.check_integer_range(x, w, c_per_group * math.prod(ks), func)
    xp = _core.pad(x, pads, padding_mode)
    out = _core.correlate(xp, w, stride, dilation, groups)
    return _finish(out, b, dtype, unbatched)


def _conv_transpose(input, weight, bias, stride, padding, output_padding, groups, dilation,
                    nd, func):
    x, unbatched = _batched(input, nd, func)
    w = _weight(weight, nd, func, "C_in, C_out // groups")
    groups = check_int(groups, func, "groups", minimum=1)
    c_in = x.shape[1]
    if w.shape[0] != c_in:
        raise ValueError(
            f"{func}: input has {c_in} channels but weight expects {w.shape[0]} "
            f"(weight shape {w.shape} is (C_in, C_out // groups, ...))"
        )
    if c_in % groups:
        raise ValueError(f"{func}: groups must divide the input channels, but got "
                         f"groups={groups} with {c_in} input channels")
    c_out = w.shape[1] * groups
    stride = int_tuple(stride, nd, func, "stride", minimum=1)
    pads = int_tuple(padding, nd, func, "padding", minimum=0)
    out_pad = int_tuple(output_padding, nd, func, "output_padding", minimum=0)
    dilation = int_tuple(dilation, nd, func, "dilation", minimum=1)
    for op, s, d in zip(out_pad, stride, dilation):
        if op >= max(s, d):
            raise ValueError(
                f"{func}: output_padding must be smaller than either stride or dilation, "
                f"but got output_padding={output_padding}, stride={stride}, "
                f"dilation={dilation}"
            )
    ks = w.shape[2:]
    sizes = []
    for n, k, s, p, op, d in zip(x.shape[2:], ks, stride, pads, out_pad, dilation):
        o = (n - 1) * s - 2 * p + d * (k - 1) + op + 1
        if o < 1:
            raise ValueError(
                f"{func}: the output would have size {o} (input {n}, kernel {k}, "
                f"stride {s}, dilation {d}); padding={padding} is too large"
            )
        sizes.append(o)
    b = _bias(bias, c_out, func)
    dtype = _core.result_dtype(x, w) if b is None else _core.result_dtype(x, w, b)
    _core.check_integer_range(x, w, c_in // groups * math.prod(ks), func)
    acc = _core.accumulator(_core.result_dtype(x, w))
    full = tuple(o + 2 * p for o, p in zip(sizes, pads))
    out = _core.correlate_transpose(x, w, stride, dilation, groups, full, acc)
    out = out[(slice(None), slice(None)) + tuple(slice(p, p + o) for p, o in zip(pads, sizes))]
    return _finish(np.ascontiguousarray(out), b, dtype, unbatched)


def _pool_args(input, kernel_size, stride, padding, dilation, ceil_mode, nd, func):
    """Checked pool arguments, the output sizes, and the (left, right) padding that
    makes ``ceil_mode``'s last window fit."""
    x, unbatched = _batched(input, nd, func)
    ks = int_tuple(kernel_size, nd, func, "kernel_size", minimum=1)
    stride = ks if stride is None else int_tuple(stride, nd, func, "stride", minimum=1)
    pads = int_tuple(padding, nd, func, "padding", minimum=0)
    dilation = int_tuple(dilation, nd, func, "dilation", minimum=1)
    ceil_mode = _check_flag(ceil_mode, func, "ceil_mode")
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
    extra = [max(0, (o - 1) * s + d * (k - 1) + 1 - (n + 2 * p))
             for o, s, d, k, n, p in zip(sizes, stride, dilation, ks, x.shape[2:], pads)]
    width = [(p, p + e) for p, e in zip(pads, extra)]
    return x, unbatched, ks, stride, pads, dilation, sizes, width


def _max_pool(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices, nd,
              func):
    x, unbatched, ks, stride, pads, dilation, sizes, width = _pool_args(
        input, kernel_size, stride, padding, dilation, ceil_mode, nd, func)
    return_indices = _check_flag(return_indices, func, "return_indices")
    fill = _core._lowest(x.dtype)
    xp = _core.pad(x, width, "constant", fill)
    if not return_indices:
        out = _core.reduce_windows(xp, ks, stride, dilation, sizes, "max")
        return out[0] if unbatched else out
    values, indices = _core.argmax_windows(xp, ks, stride, dilation, sizes, pads, x.shape[2:])
    if unbatched:
        return values[0], indices[0]
    return values, indices


def _avg_pool(input, kernel_size, stride, padding, ceil_mode, count_include_pad, nd, func):
    x, unbatched, ks, stride, pads, dilation, sizes, width = _pool_args(
        input, kernel_size, stride, padding, 1, ceil_mode, nd, func)
    count_include_pad = _check_flag(count_include_pad, func, "count_include_pad")
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
    sums = _window_sums(x, ks, stride, sizes, width, dtype)
    extra = any(b != a for a, b in width)
    if not any(pads) and not extra:  # every window is whole: one divisor
        out = sums / np.asarray(math.prod(ks), dtype=_core.accumulator(dtype))
    else:  # divisor: the same window sums over a mask of the cells that count
        mask = np.zeros((1, 1) + tuple(n + a + b for n, (a, b) in zip(x.shape[2:], width)),
                        dtype=_core.accumulator(dtype))
        inner = tuple(slice(p, p + n) for p, n in zip(pads, x.shape[2:]))
        region = tuple(slice(0, n + 2 * p) for p, n in zip(pads, x.shape[2:]))
        mask[(0, 0) + (region if count_include_pad else inner)] = 1
        out = sums / _core.reduce_windows(mask, ks, stride, (1,) * nd, sizes, "sum")
    out = out.astype(dtype, copy=False)
    return out[0] if unbatched else out


def _window_sums(x, ks, stride, sizes, width, dtype):
    xp = _core.pad(x.astype(dtype, copy=False), width)
    return _core.reduce_windows(xp, ks, stride, (1,) * len(ks), sizes, "sum",
                                dtype=_core.accumulator(dtype))


def _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, nd, func):
    if isinstance(norm_type, (bool, np.bool_)) or not isinstance(norm_type, (int, float,
                                                                             np.number)):
        raise TypeError(f"{func}: norm_type must be a positive number, but got {norm_type!r}")
    p = float(norm_type)
    if not (np.isfinite(p) and p > 0):
        raise ValueError(f"{func}: norm_type must be positive and finite (use max_pool"
                         f"{nd}d for the limit p = inf), but got norm_type={norm_type!r}")
    x, unbatched, ks, stride, pads, dilation, sizes, width = _pool_args(
        input, kernel_size, stride, 0, 1, ceil_mode, nd, func)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
    acc = _core.accumulator(dtype)
    with np.errstate(invalid="ignore"):
        powered = np.power(x.astype(acc, copy=False), acc.type(p))
        sums = _window_sums(powered, ks, stride, sizes, width, acc)
        out = np.power(sums, acc.type(1.0 / p))
    out = out.astype(dtype, copy=False)
    return out[0] if unbatched else out


def _max_unpool(input, indices, kernel_size, stride, padding, output_size, nd, func):
    x, unbatched = _batched(input, nd, func)
    idx = np.asarray(indices) if not isinstance(indices, (str, bytes)) else None
    if idx is None or not np.issubdtype(idx.dtype, np.integer):
        raise TypeError(f"{func}: indices must be an integer array (the indices of "
                        f"max_pool{nd}d(..., return_indices=True)), but got "
                        f"{getattr(idx, 'dtype', indices)!r}")
    if unbatched:
        idx = idx[np.newaxis] if idx.ndim == nd + 1 else idx
    if idx.shape != x.shape:
        raise ValueError(f"{func}: indices must have the shape of input {x.shape}, but got "
                         f"shape {idx.shape}")
    ks = int_tuple(kernel_size, nd, func, "kernel_size", minimum=1)
    stride = ks if stride is None else int_tuple(stride, nd, func, "stride", minimum=1)
    pads = int_tuple(padding, nd, func, "padding", minimum=0)
    default = [(n - 1) * s + k - 2 * p for n, s, k, p in zip(x.shape[2:], stride, ks, pads)]
    if output_size is None:
        size = default
    else:
        if isinstance(output_size, (int, np.integer)) and not isinstance(output_size, bool):
            output_size = (output_size,)
        if not isinstance(output_size, (tuple, list)):
            raise TypeError(f"{func}: output_size must be a sequence of ints, but got "
                            f"{output_size!r}")
        size = list(output_size)
        if len(size) == nd + 2:
            size = size[2:]
        if len(size) != nd:
            raise ValueError(f"{func}: output_size must have {nd} or {nd + 2} entries, but "
                             f"got output_size={output_size!r}")
        size = [check_int(v, func, "output_size", minimum=1) for v in size]
        low = [d - s + 1 for d, s in zip(default, stride)]
        high = [d + s - 1 for d, s in zip(default, stride)]
        if any(not lo <= o <= hi for o, lo, hi in zip(size, low, high)):
            raise ValueError(f"{func}: output_size must lie between {low} and {high} (within "
                             f"stride of the default {default}), but got "
                             f"output_size={output_size!r}")
    if min(size) < 1:
        raise ValueError(f"{func}: the output would have size {size}; padding={padding} is "
                         f"too large")
    plane = math.prod(size)
    n, c = x.shape[:2]
    if idx.size and (idx.min() < 0 or idx.max() >= plane):
        bad = idx.min() if idx.min() < 0 else idx.max()
        raise ValueError(f"{func}: indices must lie in [0, {plane}) for an output of size "
                         f"{tuple(size)}, but found index {int(bad)}")
    out = np.zeros((n, c, plane), dtype=x.dtype)
    flat = x.reshape(n, c, -1)
    rows = np.arange(n * c)[:, None]
    out.reshape(n * c, plane)[rows, idx.reshape(n * c, -1)] = flat.reshape(n * c, -1)
    out = out.reshape((n, c) + tuple(size))
    return out[0] if unbatched else out
