"""Where a sliding window sits: the one-axis index arithmetic the figures of chapters
3, 5 and 7 draw.

Everything here is about indices, one axis at a time, in torch's conventions
(padding per side, ``o = floor((i + 2p - d(k - 1) - 1) / s) + 1``, see
:func:`convbook.conv_output_size`).

Examples
--------
>>> from convbook.windows import taps, usage, window_starts
>>> taps(1, 3, stride=2, padding=1)
[1, 2, 3]
>>> usage(5, 3).tolist()
[1, 2, 3, 2, 1]
>>> window_starts(5, 3, "full")
[-2, -1, 0, 1, 2, 3, 4]
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ._validate import check_choice, check_int
from .arithmetic import conv_output_size, receptive_field

__all__ = ["MODES", "PADDING_MODES", "NP_PAD_MODE", "taps", "usage", "window_starts",
           "step_arithmetic", "padded_letters", "dilated_footprint", "receptive_fields"]

MODES = ("full", "same", "valid")
PADDING_MODES = ("zeros", "reflect", "replicate", "circular")
#: The :func:`numpy.pad` mode of each layer ``padding_mode``.
NP_PAD_MODE = {"zeros": "constant", "reflect": "reflect", "replicate": "edge",
               "circular": "wrap"}


def taps(out_index: int, kernel_size: int, stride: int = 1, padding: int = 0,
         dilation: int = 1) -> list[int]:
    """Input indices read by output ``out_index`` along one axis (torch semantics).

    Indices are in the coordinates of the unpadded input: negative ones, and ones at
    or past the input size, fall in the padding.

    >>> taps(0, 3, padding=1), taps(2, 3, dilation=2)
    ([-1, 0, 1], [2, 4, 6])
    """
    func = "taps"
    n = check_int(out_index, func, "out_index", minimum=0)
    k = check_int(kernel_size, func, "kernel_size", minimum=1)
    s = check_int(stride, func, "stride", minimum=1)
    p = check_int(padding, func, "padding", minimum=0)
    d = check_int(dilation, func, "dilation", minimum=1)
    return [n * s - p + j * d for j in range(k)]


def usage(size: int, kernel_size: int, stride: int = 1, padding: int = 0,
          dilation: int = 1) -> np.ndarray:
    """How many output windows read each of the ``size`` input cells along one axis.

    In 2-D with the same settings on both axes the count is ``np.outer(u, u)``.
    Cells that no window reads (stride larger than the kernel) count 0.

    >>> usage(5, 1, stride=2).tolist()
    [1, 0, 1, 0, 1]
    """
    i = check_int(size, "usage", "size", minimum=1)
    o = conv_output_size(i, kernel_size, stride, padding, dilation)
    read = np.array([taps(n, kernel_size, stride, padding, dilation) for n in range(o)])
    read = read[(read >= 0) & (read < i)]
    return np.bincount(read, minlength=i).astype(int)


def window_starts(n: int, k: int, mode: str, convention: str = "scipy") -> list[int]:
    """Index of the first input sample under the kernel, for each output of a 1-D
    cross-correlation of ``n`` samples with ``k`` taps (negative: in the zero padding).

    ``convention="scipy"`` is convbook's and scipy's ``mode``; ``"torch"`` is
    ``torch.nn.functional.conv1d(..., padding="same")``, which puts the extra zero
    of an even kernel on the right instead of the left.

    >>> window_starts(5, 3, "full"), window_starts(5, 3, "valid")
    ([-2, -1, 0, 1, 2, 3, 4], [0, 1, 2])
    >>> window_starts(4, 2, "same"), window_starts(4, 2, "same", "torch")
    ([-1, 0, 1, 2], [0, 1, 2, 3])
    """
    func = "window_starts"
    n = check_int(n, func, "n", minimum=1)
    k = check_int(k, func, "k", minimum=1)
    check_choice(mode, MODES, func, "mode")
    check_choice(convention, ("scipy", "torch"), func, "convention")
    if mode == "full":
        return [i - (k - 1) for i in range(n + k - 1)]
    if mode == "valid":
        return list(range(n - k + 1))
    left = k // 2 if convention == "scipy" else (k - 1) // 2
    return [i - left for i in range(n)]


def _num(v: float) -> str:
    s = f"{v:g}"
    return f"({s})" if v < 0 else s


def step_arithmetic(x: Any, k: Any, step: int, *, flip: bool = False) -> tuple[str, float]:
    """The sum computed at output ``step`` (row-major) of a valid 2-D correlation of
    ``x`` with ``k`` (with the kernel rotated by 180 degrees first when ``flip``: a
    convolution), written out term by term, and its value.

    >>> step_arithmetic(np.arange(9).reshape(3, 3), np.array([[0, 1], [2, 3]]), 0)
    ('0·0 + 1·1 + 3·2 + 4·3 = 19', 19.0)
    """
    func = "step_arithmetic"
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    if x.ndim != 2 or k.ndim != 2 or k.shape[0] > x.shape[0] or k.shape[1] > x.shape[1]:
        raise ValueError(f"{func}: x and k must be 2-D with k no larger than x, but got "
                         f"shapes {x.shape} and {k.shape}")
    oh, ow = x.shape[0] - k.shape[0] + 1, x.shape[1] - k.shape[1] + 1
    step = check_int(step, func, "step", minimum=0)
    if step >= oh * ow:
        raise ValueError(f"{func}: step must be in 0..{oh * ow - 1}, but got step={step}")
    kk = np.flip(k) if flip else k
    i, j = divmod(step, ow)
    win = x[i:i + k.shape[0], j:j + k.shape[1]]
    terms = " + ".join(f"{_num(a)}·{_num(b)}" for a, b in zip(win.ravel(), kk.ravel()))
    value = float(np.sum(win * kk))
    return f"{terms} = {value:g}", value


def padded_letters(letters: Sequence[str], pad: int, mode: str) -> str:
    """The ``| a b c d |`` picture of padding a short row of symbols by ``pad`` per side.

    ``mode`` is a layer's ``padding_mode``; the padded cells are found with the
    matching :func:`numpy.pad` mode (:data:`NP_PAD_MODE`).

    >>> padded_letters("abcd", 2, "reflect"), padded_letters("ab", 1, "zeros")
    ('c b | a b c d | c b', '0 | a b | 0')
    """
    func = "padded_letters"
    letters = [str(c) for c in letters]
    pad = check_int(pad, func, "pad", minimum=0)
    check_choice(mode, PADDING_MODES, func, "mode")
    if not letters:
        raise ValueError(f"{func}: letters must not be empty")
    symbols = np.array(letters + ["0"], dtype=object)
    if mode == "zeros":
        idx = np.pad(np.arange(len(letters)), pad, constant_values=len(letters))
    else:
        if mode == "reflect" and pad >= len(letters):
            raise ValueError(f"{func}: reflect padding needs pad < len(letters), but got "
                             f"pad={pad} with {len(letters)} letters")
        idx = np.pad(np.arange(len(letters)), pad, mode=NP_PAD_MODE[mode])
    cells = list(symbols[idx])
    n = len(letters)
    return " ".join(cells[:pad] + ["|"] + cells[pad:pad + n] + ["|"] + cells[pad + n:])


def dilated_footprint(dilations: Sequence[int], kernel_size: int = 3) -> np.ndarray:
    """Paths from each input cell to one output of stacked 1-D dilated all-ones kernels.

    The result has the length of the receptive field; zeros inside it are the
    gridding gaps.

    >>> dilated_footprint([1, 2]).tolist()
    [1.0, 1.0, 2.0, 1.0, 2.0, 1.0, 1.0]
    """
    k = check_int(kernel_size, "dilated_footprint", "kernel_size", minimum=1)
    out = np.ones(1)
    for d in dilations:
        d = check_int(d, "dilated_footprint", "dilation", minimum=1)
        tap = np.zeros(d * (k - 1) + 1)
        tap[::d] = 1
        out = np.convolve(out, tap)
    return out


def receptive_fields(layers: Sequence[Sequence[int]]) -> list[int]:
    """Receptive field after each layer of a stack: ``receptive_field(layers[:i+1])``.

    >>> receptive_fields([(3, 1), (2, 2), (3, 1)])
    [3, 4, 8]
    """
    layers = list(layers)
    return [receptive_field(layers[:i + 1]) for i in range(len(layers))]
