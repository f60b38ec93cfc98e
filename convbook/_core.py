"""The one private core: pad -> windows -> reduce.

Every computing function of convbook ends here: the signals of :mod:`convbook.signal`
(the ``N = C = 1``, stride-1 case), the layers, the pools, ``unfold``/``fold`` and the
transposed convolution of :mod:`convbook.functional`. Arrays are channel-first,
``(N, C, *spatial)``; padding, strides and dilations are per spatial axis.

The pieces:

* :func:`pad` fills the border (zeros, a constant, reflect, replicate, circular);
* :func:`windows` is the strided, dilated sliding-window *view* (no copy);
* :func:`reduce_windows` reduces every window with ``max`` or ``sum``, one kernel
  offset at a time (shift and reduce), :func:`argmax_windows` also says where;
* :func:`correlate` multiplies and sums every window with weights, by one of two
  routes: ``"gemm"`` (im2col, the windows copied into columns, then one matrix
  product per chunk; fast when the channel product ``C_in/g * C_out/g`` is large) or
  ``"shift"`` (shift and add, one multiply-add of a shifted view per kernel offset;
  memory stays at the output's size; fast for depthwise layers and signals);
* :func:`scatter_add` is the adjoint of :func:`windows`: it adds every window back
  where it came from (``fold``); :func:`correlate_transpose` is the adjoint of
  :func:`correlate` (the transposed convolution), one matrix product per kernel
  offset scattered the same way.

Dtypes (the rule, stated once, for every method of every function):

* the result has ``numpy.result_type`` of the inputs when that is a float, as
  :func:`scipy.signal.convolve` does on every method;
* float16 accumulates in float32, and is rounded to float16 once at the end;
* integer and bool inputs are computed exactly in 64-bit integers and returned as
  int64 (uint64 when the pair is unsigned), as :func:`numpy.sum` does: scipy keeps
  the narrow type and can wrap around (int8 ``100 * 100 * 3`` gives 48 there);
  a result that could overflow even int64 raises ``OverflowError``.
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

_NP_PAD_MODE = {"reflect": "reflect", "replicate": "edge", "circular": "wrap"}

# Largest im2col block (in elements) built at once; bounds the memory of the columns
# whatever the batch and the image size (chunks run over the batch, then over rows).
CHUNK_ELEMENTS = 2**24


# ----------------------------------------------------------------------------- dtypes


def result_dtype(*arrays: np.ndarray) -> np.dtype:
    """The dtype of the result (see the module docstring): floats as ``result_type``;
    integers and bools as int64, or uint64 when unsigned."""
    dtype = np.result_type(*arrays)
    if dtype == bool or np.issubdtype(dtype, np.signedinteger):
        return np.dtype(np.int64)
    if np.issubdtype(dtype, np.unsignedinteger):
        return np.dtype(np.uint64)
    return dtype


def accumulator(dtype: np.dtype) -> np.dtype:
    """The dtype sums are accumulated in: float32 for float16, else ``dtype``."""
    return np.dtype(np.float32) if dtype == np.float16 else np.dtype(dtype)


def check_integer_range(x: np.ndarray, k: np.ndarray, terms: int, func: str) -> None:
    """Raise ``OverflowError`` when ``max|x| * max|k| * terms`` may not fit in 64 bits.

    Only 64-bit inputs can overflow the int64 accumulator (narrower ones fit with
    room to spare), so only they are scanned.
    """
    if max(x.dtype.itemsize, k.dtype.itemsize) < 8 or x.dtype.kind == "f" or k.dtype.kind == "f":
        return
    bound = int(np.abs(x).max(initial=0)) * int(np.abs(k).max(initial=0)) * terms
    limit = 2**64 - 1 if result_dtype(x, k) == np.uint64 else 2**63 - 1
    if bound > limit:
        raise OverflowError(
            f"{func}: the integer result may exceed the 64-bit range (|x| up to "
            f"{int(np.abs(x).max())}, |k| up to {int(np.abs(k).max())}, {terms} terms per "
            f"output); convert the inputs to float to accept rounding"
        )


# ----------------------------------------------------------------------------- padding


def pad(x: np.ndarray, pads, mode: str = "zeros", value=0) -> np.ndarray:
    """Pad the last ``len(pads)`` axes of ``x`` (the spatial ones) by ``pads = [(lo, hi), ...]``.

    ``mode`` is ``"zeros"`` (or ``"constant"`` with ``value``), ``"reflect"``,
    ``"replicate"`` or ``"circular"``; the caller has checked the sizes.
    """
    if not any(a or b for a, b in pads):
        return x
    width = [(0, 0)] * (x.ndim - len(pads)) + [tuple(p) for p in pads]
    if mode == "zeros":
        return np.pad(x, width)
    if mode == "constant":
        return np.pad(x, width, constant_values=value)
    return np.pad(x, width, mode=_NP_PAD_MODE[mode])


def output_sizes(spatial, ks, stride, dilation) -> tuple[int, ...]:
    """Output sizes of the valid windows of an already padded input."""
    return tuple((n - d * (k - 1) - 1) // s + 1
                 for n, k, s, d in zip(spatial, ks, stride, dilation))


# ----------------------------------------------------------------------------- windows


def windows(xp: np.ndarray, ks, stride, dilation) -> np.ndarray:
    """Strided, dilated windows of ``xp`` (N, C, *spatial): a view (N, C, *out, *k)."""
    nd = len(ks)
    span = tuple(d * (k - 1) + 1 for d, k in zip(dilation, ks))
    view = sliding_window_view(xp, span, axis=tuple(range(xp.ndim - nd, xp.ndim)))
    lead = (slice(None),) * (xp.ndim - nd)
    index = lead + tuple(slice(None, None, s) for s in stride) \
        + tuple(slice(None, None, d) for d in dilation)
    return view[index]


def _offset_index(offset, dilation, stride, sizes, lead: int):
    """The slice of the padded input that kernel offset ``offset`` meets, for every output."""
    return (slice(None),) * lead + tuple(
        slice(m * d, m * d + s * (o - 1) + 1, s)
        for m, d, s, o in zip(offset, dilation, stride, sizes))


def reduce_windows(xp: np.ndarray, ks, stride, dilation, sizes, op: str,
                   dtype=None) -> np.ndarray:
    """Reduce every window of ``xp`` with ``op`` (``"max"`` or ``"sum"``).

    Equal to ``windows(...).max(axis)`` / ``.sum(axis)`` over the kernel axes, but each
    step is one vectorised operation over the whole output (shift and reduce), which
    is much faster for the small windows of pooling. ``max`` propagates NaN.
    ``dtype`` is the accumulator (default: that of ``xp``).
    """
    ufunc = np.maximum if op == "max" else np.add
    lead = xp.ndim - len(ks)
    out = None
    for offset in itertools.product(*(range(k) for k in ks)):
        part = xp[_offset_index(offset, dilation, stride, sizes, lead)]
        if out is None:
            out = part.astype(dtype or xp.dtype, copy=True)
        else:
            ufunc(out, part, out=out)
    return out


def argmax_windows(xp: np.ndarray, ks, stride, dilation, sizes, pads, spatial):
    """The max of every window and its flat index into the unpadded spatial plane.

    The rule is torch's: windows are scanned in row-major order and a value replaces
    the running max when it is larger or NaN (so ties keep the first, and a NaN wins);
    a window with nothing above -inf points at its first cell inside the input.
    """
    nd = len(ks)
    lead = xp.ndim - nd
    plane = tuple(spatial)
    # first cell of each window inside the input, per axis (torch's start index)
    starts = []
    for o, s, p, d in zip(sizes, stride, pads, dilation):
        i0 = np.arange(o) * s - p
        i0 = i0 + d * np.maximum(0, -(i0 // d) * (i0 < 0))  # step past the left padding
        starts.append(i0)
    best_idx = np.broadcast_to(_flat(starts, plane), xp.shape[:lead] + tuple(sizes)).copy()
    best = None
    for offset in itertools.product(*(range(k) for k in ks)):
        part = xp[_offset_index(offset, dilation, stride, sizes, lead)]
        coords = [np.arange(o) * s + m * d - p
                  for o, s, m, d, p in zip(sizes, stride, offset, dilation, pads)]
        grids = np.meshgrid(*coords, indexing="ij")
        inside = np.ones(grids[0].shape, dtype=bool)
        for g, n in zip(grids, plane):
            inside &= (g >= 0) & (g < n)
        flat = _flat(coords, plane)
        if best is None:
            best = np.full(part.shape, _lowest(xp.dtype), dtype=xp.dtype)
        take = (part > best) & inside
        if np.issubdtype(xp.dtype, np.floating):
            take |= np.isnan(part) & inside
        best = np.where(take, part, best)
        best_idx = np.where(take, flat, best_idx)
    return best, best_idx.astype(np.int64, copy=False)


def _flat(coords, plane):
    """Row-major flat index ``i * W + j`` of every combination of the per-axis ``coords``."""
    strides = [math.prod(plane[a + 1:]) for a in range(len(plane))]
    grids = np.meshgrid(*coords, indexing="ij")
    return sum(g * st for g, st in zip(grids, strides))


def _lowest(dtype):
    if dtype == bool:
        return False
    return -np.inf if np.issubdtype(dtype, np.floating) else np.iinfo(dtype).min


# ----------------------------------------------------------------------------- weights


def choose_route(c_in_g: int, c_out_g: int, kernel: int, positions: int) -> str:
    """``"shift"`` or ``"gemm"`` for a layer with these per-group channel counts.

    Shift and add costs one pass over the output per kernel offset and per input
    channel of a group, at elementwise speed; im2col copies ``kernel`` columns per input
    channel once, then multiplies at matrix-product speed, which pays when the
    per-group channel product ``C_in/g * C_out/g`` is large. The threshold
    ``SHIFT_MAX_CHANNELS`` is measured by ``benchmarks/layers.py`` (the grouped sweep):
    shift and add won every depthwise case (product 1, 2 to 5x), the two routes were
    within about 1.2x of each other at products 2 and 4, and im2col + GEMM won from
    16 on. ``kernel`` and ``positions`` are accepted for a finer rule; this one does not
    need them.
    """
    return "shift" if c_in_g * c_out_g <= SHIFT_MAX_CHANNELS else "gemm"


# Largest per-group channel product C_in/g * C_out/g routed to shift-and-add;
# measured on the grouped sweep of benchmarks/layers.py (see choose_route).
SHIFT_MAX_CHANNELS = 4


def correlate(xp: np.ndarray, w: np.ndarray, stride, dilation, groups: int = 1,
              route: str = "auto") -> np.ndarray:
    """Cross-correlate the padded input ``xp`` (N, C_in, *sp) with ``w`` (C_out, C_in/g, *k).

    Returns (N, C_out, *out) in the accumulator dtype of ``w`` and ``xp``'s result dtype
    (the caller casts). ``route`` is ``"gemm"``, ``"shift"`` or ``"auto"``
    (:func:`choose_route`).
    """
    ks = w.shape[2:]
    sizes = output_sizes(xp.shape[2:], ks, stride, dilation)
    c_out, c_g = w.shape[:2]
    if route == "auto":
        route = choose_route(c_g, c_out // groups, math.prod(ks), math.prod(sizes))
    dtype = accumulator(result_dtype(xp, w))
    if route == "shift":
        return _shift_add(xp, w, stride, dilation, groups, sizes, dtype)
    return _gemm(xp, w, stride, dilation, groups, sizes, dtype)


def _shift_add(xp, w, stride, dilation, groups, sizes, dtype):
    """Shift and add: for each kernel offset, the shifted input times its weights, added
    into a preallocated output. Memory: the output and one buffer of a chunk's size.

    With stride 1 the shifted inputs are contiguous runs of the flattened padded input:
    the output is computed on the padded grid's row length (the few extra columns per
    row are dropped at the end), so every step is one long contiguous multiply-add.
    Strided layers use strided views instead. The batch is taken in chunks of about
    ``SHIFT_CHUNK`` output elements, so that a chunk's output and buffer stay in cache
    across the kernel offsets.
    """
    n = xp.shape[0]
    c_out, c_g = w.shape[:2]
    o_g = c_out // groups
    ks = w.shape[2:]
    nd = len(ks)
    sizes = tuple(sizes)
    padded = xp.shape[2:]
    flat = all(s == 1 for s in stride)
    if flat:  # output positions on the padded grid, flattened
        strides = [math.prod(padded[a + 1:]) for a in range(nd)]
        length = sum((o - 1) * st for o, st in zip(sizes, strides)) + 1
        grid = (sizes[0] * strides[0],)
        xs = xp.reshape(n, groups, c_g, -1)
    else:
        grid = sizes
        xs = xp.reshape((n, groups, c_g) + tuple(padded))
    out = np.empty((n, groups, o_g) + grid, dtype=dtype)
    chunk = max(1, SHIFT_CHUNK // max(c_out * math.prod(grid), 1))
    tmp = np.empty((min(chunk, n), groups, o_g) + ((length,) if flat else grid), dtype=dtype)
    wg = w.reshape((groups, o_g, c_g, math.prod(ks))).astype(dtype, copy=False)
    shape_w = (1, groups, o_g) + (1,) * len(grid)
    offsets = list(itertools.product(*(range(k) for k in ks)))
    for s in range(0, n, chunk):
        o = out[s:s + chunk]
        if flat:
            o = o[..., :length]
        t = tmp[:o.shape[0]]
        block = xs[s:s + chunk]
        first = True
        for c in range(c_g):
            for i, offset in enumerate(offsets):
                if flat:
                    f = sum(m * d * st for m, d, st in zip(offset, dilation, strides))
                    part = block[:, :, c:c + 1, f:f + length]
                else:
                    part = block[(slice(None), slice(None), slice(c, c + 1)) + tuple(
                        slice(m * d, m * d + st * (q - 1) + 1, st)
                        for m, d, st, q in zip(offset, dilation, stride, sizes))]
                weights = wg[:, :, c, i].reshape(shape_w)
                if first:
                    np.multiply(weights, part, out=o, casting="unsafe")
                    first = False
                else:
                    np.multiply(weights, part, out=t, casting="unsafe")
                    o += t
    if not flat:
        return out.reshape((n, c_out) + sizes)
    out = out.reshape((n, c_out, sizes[0]) + tuple(padded[1:]))
    return np.ascontiguousarray(out[(slice(None),) * 3 + tuple(slice(0, m) for m in sizes[1:])])


# Output elements per chunk of shift and add (two float64 buffers of this size fit in a
# typical 1-2 MiB L2 cache).
SHIFT_CHUNK = 2**16


def _gemm(xp, w, stride, dilation, groups, sizes, dtype):
    """im2col and one batched matrix product over all groups, chunk by chunk.

    The windows of a chunk are copied into columns ordered ``(group, channel, kernel
    offset)`` x ``(output position)``, so that the weight matrix
    ``(group, C_out/g, C_in/g * prod(k))`` times the columns gives channel-first output.
    Chunks run over the batch and, for one large sample, over the rows of the first
    output axis, so the columns never exceed ``CHUNK_ELEMENTS`` elements (or one row).
    """
    n = xp.shape[0]
    nd = w.ndim - 2
    c_out, c_g = w.shape[:2]
    ks = w.shape[2:]
    kk = math.prod(ks)
    o_g = c_out // groups
    win = windows(xp, ks, stride, dilation)  # (N, C, out..., k...)
    positions = math.prod(sizes)
    row = positions // sizes[0]
    w_mat = w.reshape(groups, o_g, c_g * kk).astype(dtype, copy=False)
    out = np.empty((n, c_out) + tuple(sizes), dtype=dtype)
    per_sample = c_g * groups * kk * positions
    # (N, C, out..., k...) -> (N, C, k..., out...): long contiguous runs when copying
    perm = (0, 1) + tuple(range(2 + nd, 2 + 2 * nd)) + tuple(range(2, 2 + nd))
    if per_sample <= CHUNK_ELEMENTS:
        chunk = max(1, CHUNK_ELEMENTS // per_sample)
        for s in range(0, n, chunk):
            block = win[s:s + chunk].transpose(perm).astype(dtype, copy=False)
            m = block.shape[0]
            cols = block.reshape(m, groups, c_g * kk, positions)
            np.matmul(w_mat, cols, out=out[s:s + m].reshape(m, groups, o_g, positions))
        return out
    rows = max(1, CHUNK_ELEMENTS // (c_g * groups * kk * row))
    for s in range(n):
        for r in range(0, sizes[0], rows):
            block = win[s:s + 1, :, r:r + rows].transpose(perm).astype(dtype, copy=False)
            m = block.shape[2 + nd]
            cols = block.reshape(1, groups, c_g * kk, m * row)
            part = np.matmul(w_mat, cols)
            out[s:s + 1, :, r:r + m] = part.reshape((1, c_out, m) + tuple(sizes[1:]))
    return out


def columns(xp: np.ndarray, ks, stride, dilation) -> np.ndarray:
    """im2col: (N, C * prod(k), L) with rows ordered (channel, kernel offset), as
    :func:`torch.nn.functional.unfold`."""
    nd = len(ks)
    win = windows(xp, ks, stride, dilation)
    n, c = win.shape[:2]
    perm = (0, 1) + tuple(range(2 + nd, 2 + 2 * nd)) + tuple(range(2, 2 + nd))
    return win.transpose(perm).reshape(n, c * math.prod(ks), -1)


def scatter_add(cols: np.ndarray, padded, ks, stride, dilation, sizes) -> np.ndarray:
    """The adjoint of :func:`windows`: add every window back where it came from.

    ``cols`` is (N, C, *k, *sizes) (one value per window cell); the result is
    (N, C, *padded), zero where no window reaches. One strided add per kernel offset.
    """
    nd = len(ks)
    n, c = cols.shape[:2]
    out = np.zeros((n, c) + tuple(padded), dtype=cols.dtype)
    for offset in itertools.product(*(range(k) for k in ks)):
        index = _offset_index(offset, dilation, stride, sizes, 2)
        out[index] += cols[(slice(None), slice(None)) + offset]
    return out


def correlate_transpose(x: np.ndarray, w: np.ndarray, stride, dilation, groups: int,
                        padded, dtype) -> np.ndarray:
    """The adjoint of :func:`correlate`: x (N, C_in, *in), w (C_in, C_out/g, *k) ->
    (N, C_out, *padded), every input value times its kernel copy, scattered and added.

    One matrix product per kernel offset (``(C_out/g, C_in/g)`` times the input), added
    into the strided slice of the output that offset reaches: memory stays at the size of
    the output plus one product, whatever the kernel size.
    """
    n, c_in = x.shape[:2]
    spatial = x.shape[2:]
    o_g = w.shape[1]
    ks = w.shape[2:]
    c_g = c_in // groups
    kk = math.prod(ks)
    # (g, C_in/g, o_g, kk) -> per offset (g, o_g, C_in/g)
    wg = w.reshape(groups, c_g, o_g, kk).transpose(0, 2, 1, 3).astype(dtype, copy=False)
    xs = x.reshape(n, groups, c_g, -1).astype(dtype, copy=False)
    out = np.zeros((n, groups * o_g) + tuple(padded), dtype=dtype)
    for i, offset in enumerate(itertools.product(*(range(k) for k in ks))):
        part = np.matmul(wg[..., i], xs)  # (N, g, o_g, positions)
        out[_offset_index(offset, dilation, stride, spatial, 2)] += part.reshape(
            (n, groups * o_g) + tuple(spatial))
    return out
