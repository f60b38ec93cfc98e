"""What a layer costs: weights and multiply-adds (chapters 1 and 6).

The parameter counts come from :func:`convbook.conv_params`; what is added here is
the count of multiply-adds and the comparison with dense and locally connected
layers.

>>> from convbook.costs import layer_costs, layer_counts
>>> layer_costs(1000, 3, 1, 3)["convolutional"]
(27, 27000000)
>>> layer_counts(3, 96, 11, size=55)["params"]
34944
"""
from __future__ import annotations

import math
from typing import Any

from ._validate import check_int, int_tuple
from .arithmetic import conv_params

__all__ = ["layer_costs", "layer_counts"]


def layer_costs(image_size: int, channels: int, feature_maps: int,
                kernel_size: int) -> dict[str, tuple[int, int]]:
    """Weights and multiply-adds of three layers that map the same image to the same
    output.

    The input is an ``image_size x image_size`` image with ``channels`` channels;
    every layer produces ``feature_maps`` values at each of the ``image_size ** 2``
    positions (zero padding keeps the size, as ``padding="same"``). Biases are not
    counted.

    - dense: every output sees every input: ``(s^2 c)(s^2 m)`` weights, as many
      multiply-adds;
    - locally connected: each output sees a ``k x k x c`` window with its own
      weights: ``s^2 m k^2 c`` weights and multiply-adds;
    - convolutional: the same windows, one shared set of ``m k^2 c`` weights
      (:func:`convbook.conv_params` without bias), still ``s^2 m k^2 c``
      multiply-adds.

    Returns ``{layer: (weights, multiply_adds)}`` with plain Python ints.

    Examples
    --------
    Bishop's colour image, 1000 x 1000 pixels, one feature map, a 3 x 3 window:

    >>> layer_costs(1000, 3, 1, 3)
    {'dense': (3000000000000, 3000000000000), 'locally connected': (27000000, 27000000), 'convolutional': (27, 27000000)}
    """
    func = "layer_costs"
    s = check_int(image_size, func, "image_size", minimum=1)
    c = check_int(channels, func, "channels", minimum=1)
    m = check_int(feature_maps, func, "feature_maps", minimum=1)
    k = check_int(kernel_size, func, "kernel_size", minimum=1)
    if k > s:
        raise ValueError(f"{func}: kernel_size={k} is larger than image_size={s}")
    positions = s * s
    dense = positions * c * positions * m
    conv = conv_params(c, m, k, bias=False)
    local = positions * conv
    return {"dense": (dense, dense), "locally connected": (local, local),
            "convolutional": (conv, local)}


def layer_counts(c_in: int, c_out: int, kernel_size: Any, groups: int = 1, size: Any = 32,
                 bias: bool = True) -> dict[str, Any]:
    """Weights, biases and multiply-adds of a 2-D layer on a ``size x size`` input.

    ``kernel_size`` and ``size`` are an int or an ``(h, w)`` pair. The layer keeps the
    size ("same" padding, stride 1), so it has ``h * w`` output positions per output
    channel; each output value costs ``(C_in / groups) kH kW`` multiply-adds (the bias
    addition is not counted).

    >>> layer_counts(8, 8, 3, groups=8, size=10)
    {'weights': 72, 'biases': 8, 'params': 80, 'macs': 7200, 'weight_shape': (8, 1, 3, 3)}
    >>> layer_counts(4, 2, (1, 3), size=(5, 6))["macs"]
    720
    """
    func = "layer_counts"
    ks = int_tuple(kernel_size, 2, func, "kernel_size", minimum=1)
    hw = int_tuple(size, 2, func, "size", minimum=1)
    params = conv_params(c_in, c_out, ks, bias=bias, groups=groups)
    weights = conv_params(c_in, c_out, ks, bias=False, groups=groups)
    c_in, c_out, groups = (check_int(v, func, n, minimum=1)
                           for v, n in ((c_in, "c_in"), (c_out, "c_out"), (groups, "groups")))
    return {"weights": weights, "biases": params - weights, "params": params,
            "macs": weights * math.prod(hw),
            "weight_shape": (c_out, c_in // groups) + ks}
