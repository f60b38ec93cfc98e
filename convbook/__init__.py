"""convbook: the tested NumPy helpers of ConvBook, a textbook on convolutional filters.

Conventions (stated once; every docstring refers here)
------------------------------------------------------

===========================  =====================================================
Signals                      ``(L,)``, ``(H, W)``, or any number of dimensions
Batched layer input/output   ``(N, C, L)`` / ``(N, C, H, W)`` (channels first)
Unbatched layer input        ``(C, L)`` / ``(C, H, W)``, accepted as torch does
Layer weights                ``(C_out, C_in // groups, k)`` / ``(..., kH, kW)``
Transposed-layer weights     ``(C_in, C_out // groups, k)`` / ``(..., kH, kW)``
Layers compute               cross-correlation (no flip), as torch.nn.functional
``convolve`` computes        true convolution (the kernel flipped), as scipy.signal
Padding                      per side (torch's convention)
Output dtype                 floats as ``numpy.result_type``; integers exact, int64
Output size                  ``o = floor((L + 2p - d(k - 1) - 1) / s) + 1``
===========================  =====================================================

The public names follow ``torch.nn.functional`` (``conv2d``, ``max_pool2d``, ...)
and ``scipy.signal`` (``convolve``, ``correlate``), so what a reader learns here
transfers. ``import convbook`` needs only NumPy: torch is never imported.

Bad input raises ``TypeError`` or ``ValueError`` naming the function, the argument,
the value received and what is allowed. Inputs are never modified.
"""
from . import arithmetic, continuous, data, exercises, functional, plot, quiz, signal, widgets
from .arithmetic import (conv_output_size, conv_params, conv_transpose_output_size, dense_params,
                         receptive_field)
from .functional import (avg_pool1d, avg_pool2d, conv1d, conv2d, conv_transpose1d,
                         conv_transpose2d, fold, lp_pool1d, lp_pool2d, max_pool1d, max_pool2d,
                         max_unpool1d, max_unpool2d, unfold)
from .signal import convolve, correlate

__version__ = "0.1.0"

__all__ = [
    "convolve", "correlate",
    "conv1d", "conv2d", "conv_transpose1d", "conv_transpose2d", "unfold", "fold",
    "max_pool1d", "max_pool2d", "max_unpool1d", "max_unpool2d", "avg_pool1d", "avg_pool2d",
    "lp_pool1d", "lp_pool2d",
    "conv_output_size", "conv_transpose_output_size", "receptive_field", "conv_params",
    "dense_params",
    "signal", "functional", "arithmetic", "continuous", "data", "exercises", "plot", "quiz",
    "widgets",
]
