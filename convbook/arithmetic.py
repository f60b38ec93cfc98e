"""Convolution arithmetic with plain integers: output sizes, receptive fields, counts.

Every function takes an int or a tuple of ints for each size argument and answers
in kind: ints in, an int out; tuples in, a tuple out (one entry per spatial axis).
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from ._validate import check_int


def _broadcast(func: str, **named: Any) -> tuple[int | None, dict[str, tuple[int, ...]]]:
    """Expand int-or-tuple arguments to tuples of one common length."""
    lengths = {len(v) for v in named.values() if isinstance(v, (tuple, list))}
    if len(lengths) > 1:
        shown = ", ".join(f"{k}={v!r}" for k, v in named.items())
        raise ValueError(f"{func}: tuple arguments must have the same length, but got {shown}")
    n = lengths.pop() if lengths else None
    out = {}
    for name, value in named.items():
        if isinstance(value, (tuple, list)):
            out[name] = tuple(value)
        else:
            out[name] = (value,) * (n or 1)
    return n, out


def conv_output_size(size: Any, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                     dilation: Any = 1, ceil_mode: bool = False) -> Any:
    """Output size of a convolution or pooling layer along each axis.

    ``o = floor((i + 2p - d(k - 1) - 1) / s) + 1``, with ``ceil`` instead of
    ``floor`` when ``ceil_mode`` is true, as in torch's pooling layers; there the last
    window must start inside the input or its left padding, so an output whose window
    would start in the right padding is dropped.

    Parameters
    ----------
    size, kernel_size, stride, padding, dilation : int or tuple of int
        ``padding`` is per side (torch's convention; d2l's ``p_h`` is the total, twice this).
    ceil_mode : bool

    Returns
    -------
    int or tuple of int

    Raises
    ------
    ValueError
        If the dilated kernel is larger than the padded input (no output at all).

    See Also
    --------
    conv_transpose_output_size, convbook.conv2d, convbook.max_pool2d

    Examples
    --------
    CS231n's AlexNet first layer: 227 pixels, 11x11 kernels, stride 4.

    >>> from convbook import conv_output_size
    >>> conv_output_size(227, 11, stride=4)
    55

    ``(227 - 11) / 4 + 1 = 55``. Padding 1 keeps a 3x3 "same":

    >>> conv_output_size((32, 32), 3, padding=1)
    (32, 32)
    >>> conv_output_size(5, 2, stride=2, ceil_mode=True)
    3
    """
    func = "conv_output_size"
    n, a = _broadcast(func, size=size, kernel_size=kernel_size, stride=stride, padding=padding,
                      dilation=dilation)
    if not isinstance(ceil_mode, (bool, np.bool_)):
        raise TypeError(f"{func}: ceil_mode must be True or False, but got {ceil_mode!r}")
    ceil_mode = bool(ceil_mode)
    result = []
    for i, k, s, p, d in zip(a["size"], a["kernel_size"], a["stride"], a["padding"], a["dilation"]):
        i = check_int(i, func, "size", minimum=1)
        k = check_int(k, func, "kernel_size", minimum=1)
        s = check_int(s, func, "stride", minimum=1)
        p = check_int(p, func, "padding", minimum=0)
        d = check_int(d, func, "dilation", minimum=1)
        span = i + 2 * p - d * (k - 1) - 1
        o = (span + (s - 1 if ceil_mode else 0)) // s + 1
        if ceil_mode and (o - 1) * s >= i + p:
            o -= 1
        if o < 1:
            raise ValueError(
                f"{func}: the dilated kernel (d*(k-1)+1 = {d * (k - 1) + 1}) is larger than the "
                f"padded input (i+2p = {i + 2 * p}); got size={i}, kernel_size={k}, padding={p}, "
                f"dilation={d}"
            )
        result.append(o)
    return tuple(result) if n is not None else result[0]


def conv_transpose_output_size(size: Any, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                               output_padding: Any = 0, dilation: Any = 1) -> Any:
    """Output size of a transposed convolution, as ``torch.nn.ConvTranspose2d``.

    ``o = (i - 1) s - 2p + d (k - 1) + output_padding + 1``: the input size of the
    strided convolution whose shape it inverts. ``output_padding`` (< stride or
    dilation) chooses among the input sizes that the floor maps to the same output.

    Examples
    --------
    >>> from convbook import conv_output_size, conv_transpose_output_size
    >>> conv_output_size(7, 3, stride=2, padding=1)
    4
    >>> conv_transpose_output_size(4, 3, stride=2, padding=1)
    7
    >>> conv_transpose_output_size(4, 3, stride=2, padding=1, output_padding=1)
    8

    Inputs 7 and 8 both give 4 under the strided convolution; output_padding picks 8.
    """
    func = "conv_transpose_output_size"
    n, a = _broadcast(func, size=size, kernel_size=kernel_size, stride=stride, padding=padding,
                      output_padding=output_padding, dilation=dilation)
    result = []
    for i, k, s, p, op, d in zip(a["size"], a["kernel_size"], a["stride"], a["padding"],
                                 a["output_padding"], a["dilation"]):
        i = check_int(i, func, "size", minimum=1)
        k = check_int(k, func, "kernel_size", minimum=1)
        s = check_int(s, func, "stride", minimum=1)
        p = check_int(p, func, "padding", minimum=0)
        op = check_int(op, func, "output_padding", minimum=0)
        d = check_int(d, func, "dilation", minimum=1)
        if op >= max(s, d):
            raise ValueError(
                f"{func}: output_padding must be smaller than stride or dilation, but got "
                f"output_padding={op}, stride={s}, dilation={d}"
            )
        o = (i - 1) * s - 2 * p + d * (k - 1) + op + 1
        if o < 1:
            raise ValueError(f"{func}: the output would have size {o}; padding={p} is too large")
        result.append(o)
    return tuple(result) if n is not None else result[0]


def receptive_field(layers: Sequence[Sequence[int]]) -> int:
    """Receptive field, in input pixels, of one output unit of the last layer.

    ``r = 1 + sum_l d_l (k_l - 1) prod_{i<l} s_i`` for layers ``(k, s)`` or ``(k, s, d)``
    (one axis; apply per axis for rectangles).

    Examples
    --------
    >>> from convbook import receptive_field
    >>> receptive_field([(3, 1), (3, 1), (3, 1)])
    7

    Three 3x3 layers see 7 pixels, as one 7x7 does. Dilations 1, 2, 4 reach 15:

    >>> receptive_field([(3, 1, 1), (3, 1, 2), (3, 1, 4)])
    15
    """
    func = "receptive_field"
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__iter__"):
        raise TypeError(f"{func}: layers must be a sequence of (kernel_size, stride[, dilation]), "
                        f"but got {layers!r}")
    layers = list(layers)
    if not layers:
        raise ValueError(f"{func}: layers must not be empty")
    r, jump = 1, 1
    for layer in layers:
        if not isinstance(layer, (tuple, list)) or len(layer) not in (2, 3):
            raise ValueError(f"{func}: each layer must be (kernel_size, stride) or "
                             f"(kernel_size, stride, dilation), but got {layer!r}")
        k = check_int(layer[0], func, "kernel_size", minimum=1)
        s = check_int(layer[1], func, "stride", minimum=1)
        d = check_int(layer[2], func, "dilation", minimum=1) if len(layer) == 3 else 1
        r += d * (k - 1) * jump
        jump *= s
    return r


def conv_params(in_channels: int, out_channels: int, kernel_size: Any, bias: bool = True,
                groups: int = 1) -> int:
    """Learnable parameters of a convolution layer: ``C_out (C_in / g) prod(k) + C_out``.

    Examples
    --------
    >>> from convbook import conv_params
    >>> conv_params(3, 96, 11)
    34944

    AlexNet's first layer: ``96 * 3 * 11 * 11 = 34,848`` weights plus 96 biases.

    >>> conv_params(32, 32, 3, bias=False, groups=32)
    288
    """
    func = "conv_params"
    c_in = check_int(in_channels, func, "in_channels", minimum=1)
    c_out = check_int(out_channels, func, "out_channels", minimum=1)
    g = check_int(groups, func, "groups", minimum=1)
    if not isinstance(bias, (bool, np.bool_)):
        raise TypeError(f"{func}: bias must be True or False, but got {bias!r}")
    if c_in % g or c_out % g:
        raise ValueError(f"{func}: groups must divide in_channels and out_channels, but got "
                         f"groups={g}, in_channels={c_in}, out_channels={c_out}")
    ks = kernel_size if isinstance(kernel_size, (tuple, list)) else (kernel_size,) * 2
    ks = [check_int(k, func, "kernel_size", minimum=1) for k in ks]
    return c_out * (c_in // g) * math.prod(ks) + (c_out if bias else 0)


def dense_params(in_features: int, out_features: int, bias: bool = True) -> int:
    """Learnable parameters of a fully connected layer: ``in * out + out``.

    Examples
    --------
    Bishop's example: a 1000 x 1000 colour image into 1000 hidden units.

    >>> from convbook import dense_params
    >>> dense_params(3 * 1000 * 1000, 1000, bias=False)
    3000000000
    """
    func = "dense_params"
    i = check_int(in_features, func, "in_features", minimum=1)
    o = check_int(out_features, func, "out_features", minimum=1)
    if not isinstance(bias, (bool, np.bool_)):
        raise TypeError(f"{func}: bias must be True or False, but got {bias!r}")
    return i * o + (o if bias else 0)


def conv_macs(in_channels: int, out_channels: int, kernel_size: Any, output_size: Any,
              groups: int = 1) -> int:
    """Multiply-adds of a convolution layer: ``C_out prod(out) (C_in / g) prod(k)``.

    Each of the layer's weights is used once at each output position; the bias additions
    are not counted. Papers differ in what they call "FLOPs": many count a multiply-add
    as two operations (one multiply, one add), ``2 * conv_macs(...)``; others (ResNet,
    ShuffleNet) quote the multiply-adds themselves.

    Parameters
    ----------
    in_channels, out_channels, groups : int
        As in :func:`conv_params` (``groups`` must divide both channel counts).
    kernel_size : int or tuple of int
        One int for a square kernel, or one per spatial axis.
    output_size : int or tuple of int
        The output's spatial size: one int for a square map, or one per axis (for 1-D,
        a 1-tuple and a 1-tuple kernel).

    Returns
    -------
    int

    Raises
    ------
    TypeError, ValueError
        On a non-integer or non-positive size, or groups that do not divide the channels.

    Examples
    --------
    AlexNet's first layer: 96 filters of 11 x 11 x 3 at each of 55 x 55 positions.

    >>> from convbook.arithmetic import conv_macs
    >>> conv_macs(3, 96, 11, 55)
    105415200
    >>> 2 * conv_macs(3, 96, 11, 55) / 1e6    # "FLOPs" at two per multiply-add, millions
    210.8304
    """
    func = "conv_macs"
    try:
        per_position = conv_params(in_channels, out_channels, kernel_size, bias=False,
                                   groups=groups)
    except (TypeError, ValueError) as exc:
        raise type(exc)(str(exc).replace("conv_params:", f"{func}:", 1)) from None
    if isinstance(output_size, (tuple, list)):
        sizes = [check_int(s, func, "output_size", minimum=1) for s in output_size]
    else:
        sizes = [check_int(output_size, func, "output_size", minimum=1)] * 2
    ks = kernel_size if isinstance(kernel_size, (tuple, list)) else (kernel_size,) * 2
    if len(sizes) != len(ks):
        raise ValueError(f"{func}: output_size and kernel_size must have one entry per spatial "
                         f"axis, but got output_size={output_size!r}, kernel_size={kernel_size!r}")
    return per_position * math.prod(sizes)
