"""A convolution layer as a matrix (chapter 1): every linear map is determined by
what it does to a basis.

>>> from convbook.matrices import conv_matrix, weight_index
>>> conv_matrix([1, 2, 3], (5,))
array([[1., 2., 3., 0., 0.],
       [0., 1., 2., 3., 0.],
       [0., 0., 1., 2., 3.]])
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import _args
from ._validate import check_int
from .signal import correlate

__all__ = ["conv_matrix", "weight_index"]

MAX_ENTRIES = 4096   # input entries: the basis has MAX_ENTRIES**2 numbers (128 MiB)


def _shape(input_shape: Any, func: str) -> tuple[int, ...]:
    if not isinstance(input_shape, (tuple, list)) or not input_shape:
        raise TypeError(f"{func}: input_shape must be a tuple of ints, but got "
                        f"{input_shape!r}")
    return tuple(check_int(n, func, "input_shape", minimum=1) for n in input_shape)


def conv_matrix(kernel: Any, input_shape: tuple[int, ...]) -> np.ndarray:
    """The matrix ``A`` with ``A @ x.ravel() == correlate(x, kernel, "valid").ravel()``.

    Column ``j`` is the layer's response to the ``j``-th unit image (a single 1 at
    flattened position ``j``). In 1-D the matrix is Toeplitz (constant along
    diagonals); in 2-D it is doubly block Toeplitz (Toeplitz blocks, arranged in a
    Toeplitz pattern).

    >>> conv_matrix([[1, 2]], (2, 2))
    array([[1., 2., 0., 0.],
           [0., 0., 1., 2.]])
    """
    kernel = _args.reals(kernel, "conv_matrix", "kernel")
    shape = _shape(input_shape, "conv_matrix")
    if kernel.size == 0:
        raise ValueError(f"conv_matrix: kernel is empty (shape {kernel.shape}); give at "
                         f"least one weight")
    if len(shape) != kernel.ndim or any(k > n for k, n in zip(kernel.shape, shape)):
        raise ValueError(f"conv_matrix: kernel shape {kernel.shape} does not fit input shape "
                         f"{shape}")
    size = int(np.prod(shape))
    if size > MAX_ENTRIES:
        raise ValueError(f"conv_matrix: input_shape={shape} has {size} entries; the dense "
                         f"matrix is built for at most {MAX_ENTRIES} (use "
                         f"scipy.sparse for larger inputs)")
    basis = np.eye(size).reshape((size,) + shape)
    return np.stack([correlate(e, kernel, "valid").ravel() for e in basis], axis=1)


def weight_index(kernel_shape: tuple[int, ...], input_shape: tuple[int, ...]) -> np.ndarray:
    """Which shared weight each entry of :func:`conv_matrix` holds: 1, 2, ... in the
    kernel's row-major order, 0 where there is no connection.

    >>> weight_index((2,), (4,))
    array([[1, 2, 0, 0],
           [0, 1, 2, 0],
           [0, 0, 1, 2]])
    """
    ks = _shape(kernel_shape, "weight_index")
    labels = np.arange(1, int(np.prod(ks)) + 1, dtype=float).reshape(ks)
    return np.rint(conv_matrix(labels, input_shape)).astype(int)
