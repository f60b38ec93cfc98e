"""Gradients of a convolution layer, by the formulas of chapter 8 (torch's ``torch.nn.grad``).

A layer ``y = conv(x, w) + b`` (cross-correlation, the conventions of :mod:`convbook`)
has, for an upstream gradient ``g = dL/dy``:

- ``dL/dx``: the *full convolution* of ``g`` with ``w``, after inserting ``s - 1``
  zeros between the entries of ``g`` (stride ``s``) and with the kernel's taps ``d``
  apart (dilation ``d``); the padding is then cropped. This is the transposed
  convolution, :func:`convbook.conv_transpose1d` / ``conv_transpose2d``.
- ``dL/dw``: the *valid correlation* of the padded input with ``g``, where stride and
  dilation swap roles (the correlation has stride ``d`` and dilation ``s``).
- ``dL/db``: the sum of ``g`` over the batch and every position.

The functions here compute the first two with :func:`convbook.conv1d` /
:func:`convbook.conv2d` only, exactly as the chapter derives them, so that they are an
independent check of the transposed convolution. Their names and arguments are
those of ``torch.nn.grad.conv1d_input`` and friends.

Examples
--------
>>> import numpy as np
>>> from convbook import grad
>>> x = np.array([[[1.0, 2.0, 3.0, 4.0]]])          # (N, C, L)
>>> w = np.array([[[1.0, -1.0]]])                    # (C_out, C_in, k)
>>> g = np.array([[[1.0, 0.0, 2.0]]])                # dL/dy, y = conv1d(x, w)
>>> grad.conv1d_input(x.shape, w, g)                 # full convolution of g with w
array([[[ 1., -1.,  2., -2.]]])
>>> grad.conv1d_weight(x, w.shape, g)                # valid correlation of x with g
array([[[ 7., 10.]]])
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from . import functional as F
from ._validate import as_real_array, check_int, int_tuple
from .arithmetic import conv_output_size


#: The largest ``prod(input_shape)`` that :func:`linear_map_matrix` accepts.
MAX_MATRIX_INPUTS = 4096


def linear_map_matrix(func: Callable[[np.ndarray], Any], input_shape: Sequence[int]) -> np.ndarray:
    """The matrix ``A`` of a linear map: ``A @ x.ravel() == func(x).ravel()``.

    Column ``j`` is ``func`` applied to the ``j``-th unit array (a single 1 at flattened
    position ``j``); a linear map is determined by what it does to a basis.

    Parameters
    ----------
    func : callable
        A linear function of one array of shape ``input_shape``.
    input_shape : tuple of int
        The shape of its argument.

    Returns
    -------
    (size of func's output, prod(input_shape)) ndarray

    Examples
    --------
    >>> import numpy as np, convbook
    >>> from convbook.grad import linear_map_matrix
    >>> layer = lambda x: convbook.conv1d(x[None, None], np.array([[[1.0, 2.0, 3.0]]]), stride=2)
    >>> linear_map_matrix(layer, (5,))
    array([[1., 2., 3., 0., 0.],
           [0., 0., 1., 2., 3.]])
    """
    if not callable(func):
        raise TypeError(f"linear_map_matrix: func must be callable, but got {type(func).__name__}")
    if isinstance(input_shape, (int, np.integer)):
        input_shape = (input_shape,)
    if not isinstance(input_shape, (tuple, list)) or not input_shape:
        raise TypeError(f"linear_map_matrix: input_shape must be a tuple of ints, but got {input_shape!r}")
    shape = tuple(check_int(n, "linear_map_matrix", "input_shape", minimum=1) for n in input_shape)
    size = int(np.prod(shape, dtype=object))
    if size > MAX_MATRIX_INPUTS:
        raise ValueError(f"linear_map_matrix: input_shape {shape} has {size} entries; the dense "
                         f"matrix is built one column per entry, so at most {MAX_MATRIX_INPUTS} "
                         f"are allowed")
    columns = []
    for j in range(size):
        unit = np.zeros(size)
        unit[j] = 1.0
        column = np.asarray(func(unit.reshape(shape)), dtype=float).ravel()
        if columns and column.shape != columns[0].shape:
            raise ValueError(f"linear_map_matrix: func returned {columns[0].size} numbers for unit "
                             f"array 0 but {column.size} for unit array {j}; a linear map returns "
                             f"the same shape for every input")
        columns.append(column)
    return np.stack(columns, axis=1)


def tap_index(input_size: int, kernel_size: int, stride: int = 1, padding: int = 0) -> np.ndarray:
    """Which kernel tap each entry of a 1-D layer's matrix holds: 1, 2, ..., 0 for none.

    The matrix of ``conv1d`` (one channel, zero padding) on ``input_size`` inputs, with
    the taps numbered from 1 instead of their weights, so that a figure can letter them.

    Examples
    --------
    >>> tap_index(5, 3, stride=2)
    array([[1, 2, 3, 0, 0],
           [0, 0, 1, 2, 3]])
    """
    n = check_int(input_size, "tap_index", "input_size", minimum=1)
    k = check_int(kernel_size, "tap_index", "kernel_size", minimum=1)
    s = check_int(stride, "tap_index", "stride", minimum=1)
    p = check_int(padding, "tap_index", "padding", minimum=0)
    if k > n + 2 * p:
        raise ValueError(f"tap_index: kernel_size={k} does not fit input_size={n} with "
                         f"padding={p} (need kernel_size <= input_size + 2 * padding)")
    labels = np.arange(1.0, k + 1)[None, None]
    stride, padding = s, p

    def layer(x):
        return F.conv1d(x[None, None], labels, stride=stride, padding=padding)[0, 0]

    return np.rint(linear_map_matrix(layer, (n,))).astype(int)


def _args(stride, padding, dilation, groups, nd, func):
    s = int_tuple(stride, nd, func, "stride", minimum=1)
    p = int_tuple(padding, nd, func, "padding", minimum=0)
    d = int_tuple(dilation, nd, func, "dilation", minimum=1)
    groups = check_int(groups, func, "groups", minimum=1)
    return s, p, d, groups


def _batched(arr: np.ndarray, nd: int, func: str, name: str) -> tuple[np.ndarray, bool]:
    if arr.ndim == nd + 2:
        return arr, False
    if arr.ndim == nd + 1:
        return arr[None], True
    raise ValueError(f"{func}: {name} must have shape (N, C, {'L' if nd == 1 else 'H, W'}) or "
                     f"(C, {'L' if nd == 1 else 'H, W'}), but got shape {arr.shape}")


def _shape(value: Any, func: str, name: str) -> tuple[int, ...]:
    if isinstance(value, np.ndarray) or not isinstance(value, (tuple, list)):
        raise TypeError(f"{func}: {name} must be a tuple of ints (a shape), but got {value!r}")
    return tuple(check_int(n, func, name, minimum=1) for n in value)


def _check_sizes(sizes, ks, out, s, p, d, func):
    for axis, (i, k, o) in enumerate(zip(sizes, ks, out)):
        if d[axis] * (k - 1) + 1 > i + 2 * p[axis]:
            raise ValueError(f"{func}: kernel size {k} with dilation {d[axis]} does not fit an input of "
                             f"size {i} padded by {p[axis]}")
        expected = conv_output_size(i, k, stride=s[axis], padding=p[axis], dilation=d[axis])
        if expected != o:
            raise ValueError(f"{func}: grad_output has size {o} along spatial axis {axis}, but the layer "
                             f"maps input size {i} to {expected} (kernel {k}, stride {s[axis]}, "
                             f"padding {p[axis]}, dilation {d[axis]})")


def _check_layer(n, c_in, sizes, weight, g, groups, s, p, d, func):
    """Batch, channels and sizes of input, weight and grad_output fit one layer."""
    name, wshape = weight
    c_out, c_in_g, ks = wshape[0], wshape[1], wshape[2:]
    if c_out % groups or c_in != c_in_g * groups:
        raise ValueError(f"{func}: input has {c_in} channels and {name} {wshape} with "
                         f"groups={groups}; need C_in = {name.split()[0]}[1] * groups and C_out "
                         f"divisible by groups")
    if g.shape[0] != n or g.shape[1] != c_out:
        raise ValueError(f"{func}: grad_output has shape {g.shape} but needs batch {n} and "
                         f"{c_out} channels ({name} {wshape})")
    _check_sizes(sizes, ks, g.shape[2:], s, p, d, func)


def _input_grad(input_size, weight, grad_output, stride, padding, dilation, groups, nd, func):
    s, p, d, groups = _args(stride, padding, dilation, groups, nd, func)
    w = as_real_array(weight, func, "weight").astype(float)
    g = as_real_array(grad_output, func, "grad_output").astype(float)
    if w.ndim != nd + 2:
        raise ValueError(f"{func}: weight must have shape (C_out, C_in // groups, k...) with {nd} "
                         f"kernel axes, but got shape {w.shape}")
    g, unbatched = _batched(g, nd, func, "grad_output")
    size = _shape(input_size, func, "input_size")
    if len(size) != g.ndim - (1 if unbatched else 0):
        raise ValueError(f"{func}: input_size {size} must have as many axes as grad_output "
                         f"(shape {g.shape[1:] if unbatched else g.shape})")
    full = (1,) + size if unbatched else size
    n, c_in, sizes = full[0], full[1], full[2:]
    c_out, c_in_g, ks = w.shape[0], w.shape[1], w.shape[2:]
    _check_layer(n, c_in, sizes, ("weight shape", w.shape), g, groups, s, p, d, func)
    # insert s - 1 zeros between the entries of g
    up = np.zeros(g.shape[:2] + tuple(si * (o - 1) + 1 for si, o in zip(s, g.shape[2:])))
    up[(slice(None), slice(None)) + tuple(slice(None, None, si) for si in s)] = g
    # pad by the dilated kernel's reach on both sides, plus what the floor dropped on the right
    extra = [i + 2 * pi - di * (k - 1) - 1 - si * (o - 1)
             for i, pi, di, k, si, o in zip(sizes, p, d, ks, s, g.shape[2:])]
    pads = [(0, 0), (0, 0)] + [(di * (k - 1), di * (k - 1) + a) for di, k, a in zip(d, ks, extra)]
    up = np.pad(up, pads)
    # the transposed weight: (C_in, C_out // groups, k...), kernel flipped (a true convolution)
    wt = w.reshape((groups, c_out // groups, c_in_g) + ks).swapaxes(1, 2)
    wt = np.flip(wt.reshape((c_in, c_out // groups) + ks), axis=tuple(range(2, nd + 2)))
    conv = F.conv1d if nd == 1 else F.conv2d
    out = conv(up, np.ascontiguousarray(wt), dilation=d, groups=groups)
    crop = (slice(None), slice(None)) + tuple(slice(pi, pi + i) for pi, i in zip(p, sizes))
    out = out[crop]
    return out[0] if unbatched else out


def _weight_grad(input, weight_size, grad_output, stride, padding, dilation, groups, nd, func):
    s, p, d, groups = _args(stride, padding, dilation, groups, nd, func)
    x = as_real_array(input, func, "input").astype(float)
    g = as_real_array(grad_output, func, "grad_output").astype(float)
    x, unbatched = _batched(x, nd, func, "input")
    g, unbatched_g = _batched(g, nd, func, "grad_output")
    if unbatched != unbatched_g:
        raise ValueError(f"{func}: input (shape {x.shape[1:] if unbatched else x.shape}) and "
                         f"grad_output (shape {g.shape[1:] if unbatched_g else g.shape}) must both "
                         f"be batched or both unbatched")
    wsize = _shape(weight_size, func, "weight_size")
    if len(wsize) != nd + 2:
        raise ValueError(f"{func}: weight_size must be (C_out, C_in // groups, k...) with {nd} kernel "
                         f"axes, but got {wsize}")
    c_out, c_in_g, ks = wsize[0], wsize[1], wsize[2:]
    n, c_in = x.shape[:2]
    _check_layer(n, c_in, x.shape[2:], ("weight_size", wsize), g, groups, s, p, d, func)
    xp = np.pad(x, [(0, 0), (0, 0)] + [(pi, pi) for pi in p])
    conv = F.conv1d if nd == 1 else F.conv2d
    c_out_g = c_out // groups
    blocks = []
    for k in range(groups):
        # the batch axis becomes the channel axis that the correlation sums over
        xg = np.ascontiguousarray(xp[:, k * c_in_g:(k + 1) * c_in_g].swapaxes(0, 1))
        gg = np.ascontiguousarray(g[:, k * c_out_g:(k + 1) * c_out_g].swapaxes(0, 1))
        corr = conv(xg, gg, stride=d, dilation=s)         # stride and dilation swap roles
        corr = corr[(slice(None), slice(None)) + tuple(slice(0, kk) for kk in ks)]
        blocks.append(corr.swapaxes(0, 1))
    return np.concatenate(blocks, axis=0)


def conv1d_input(input_size: Sequence[int], weight: Any, grad_output: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1) -> np.ndarray:
    """The gradient of ``conv1d`` with respect to its input, as ``torch.nn.grad.conv1d_input``.

    Parameters
    ----------
    input_size : tuple of int
        The shape of the layer's input, ``(N, C_in, L)`` or ``(C_in, L)``.
    weight : (C_out, C_in // groups, k) array_like
    grad_output : (N, C_out, L_out) or (C_out, L_out) array_like
        The upstream gradient ``dL/dy``.
    stride, padding, dilation, groups
        The layer's arguments (``padding`` an int or a 1-tuple; zero padding).

    Returns
    -------
    ndarray of shape ``input_size`` (float)
        ``dL/dx``: ``grad_output`` with ``stride - 1`` zeros between its entries, fully
        convolved with the dilated kernel, the padding cropped.

    Raises
    ------
    ValueError
        If the shapes do not fit one layer (channels, batch, or an output size that the
        layer does not produce from ``input_size``).

    See Also
    --------
    convbook.conv_transpose1d : the same map, computed by the core.
    torch.nn.grad.conv1d_input : torch's twin.

    Examples
    --------
    >>> import numpy as np
    >>> conv1d_input((1, 1, 5), np.array([[[1.0, 2.0, 3.0]]]), np.array([[[1.0, 1.0]]]), stride=2)
    array([[[1., 2., 4., 2., 3.]]])

    Entry 2 is read by both windows (as tap 3 of the first and tap 1 of the second):
    ``3 + 1 = 4``.
    """
    return _input_grad(input_size, weight, grad_output, stride, padding, dilation, groups, 1,
                       "conv1d_input")


def conv2d_input(input_size: Sequence[int], weight: Any, grad_output: Any, stride: Any = 1,
                 padding: Any = 0, dilation: Any = 1, groups: int = 1) -> np.ndarray:
    """The gradient of ``conv2d`` with respect to its input, as ``torch.nn.grad.conv2d_input``.

    The arguments are those of :func:`conv1d_input` with two spatial axes: ``input_size``
    ``(N, C_in, H, W)`` or ``(C_in, H, W)``, ``weight`` ``(C_out, C_in // groups, kH, kW)``.

    Examples
    --------
    >>> import numpy as np
    >>> conv2d_input((1, 1, 3, 3), np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)))[0, 0]
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])

    With all-ones kernel and gradient, each entry counts the windows that read it.
    """
    return _input_grad(input_size, weight, grad_output, stride, padding, dilation, groups, 2,
                       "conv2d_input")


def conv1d_weight(input: Any, weight_size: Sequence[int], grad_output: Any, stride: Any = 1,
                  padding: Any = 0, dilation: Any = 1, groups: int = 1) -> np.ndarray:
    """The gradient of ``conv1d`` with respect to its weight, as ``torch.nn.grad.conv1d_weight``.

    Parameters
    ----------
    input : (N, C_in, L) or (C_in, L) array_like
        The layer's input.
    weight_size : tuple of int
        ``(C_out, C_in // groups, k)``.
    grad_output : (N, C_out, L_out) or (C_out, L_out) array_like
        The upstream gradient.
    stride, padding, dilation, groups
        The layer's arguments.

    Returns
    -------
    ndarray of shape ``weight_size`` (float)
        ``dL/dw[o, c, m] = sum over n and the batch of g[o, n] * x_padded[c, s n + d m]``: a
        valid correlation of the padded input with ``g``, with stride ``d`` and dilation ``s``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(1.0, 8.0)[None, None]            # 1 2 3 4 5 6 7
    >>> conv1d_weight(x, (1, 1, 3), np.array([[[1.0, 0.0, -1.0]]]), stride=2)
    array([[[-4., -4., -4.]]])

    Tap 0 meets inputs 1, 3, 5 at the three outputs: ``1 * 1 + 0 * 3 - 1 * 5 = -4``.
    """
    return _weight_grad(input, weight_size, grad_output, stride, padding, dilation, groups, 1,
                        "conv1d_weight")


def conv2d_weight(input: Any, weight_size: Sequence[int], grad_output: Any, stride: Any = 1,
                  padding: Any = 0, dilation: Any = 1, groups: int = 1) -> np.ndarray:
    """The gradient of ``conv2d`` with respect to its weight, as ``torch.nn.grad.conv2d_weight``.

    The arguments are those of :func:`conv1d_weight` with two spatial axes.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> conv2d_weight(x, (1, 1, 2, 2), np.ones((1, 1, 2, 2)))[0, 0]
    array([[ 8., 12.],
           [20., 24.]])

    Tap (0, 0) meets the top-left 2 x 2 block: ``0 + 1 + 3 + 4 = 8``.
    """
    return _weight_grad(input, weight_size, grad_output, stride, padding, dilation, groups, 2,
                        "conv2d_weight")


__all__ = ["linear_map_matrix", "tap_index", "conv1d_input", "conv2d_input", "conv1d_weight", "conv2d_weight"]
