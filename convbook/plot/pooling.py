"""Figures and measures for the pooling chapter (chapter 7).

The measures are pure functions of NumPy arrays (tested in ``tests/test_pooling.py``);
the figures are thin shells over them. Shifts are circular (``np.roll``) so that the
border plays no part: what is measured is the pooling itself.

Examples
--------
>>> import numpy as np
>>> from convbook.plot import pooling
>>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
>>> pooling.strided_pool(x)
array([0., 1., 0., 1.])
>>> pooling.strided_pool(pooling.shift_right(x, 1))
array([1., 1., 1., 1.])
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from .. import functional as F
from ..arithmetic import receptive_field
from . import COLORS, axes, figure, grid

#: Zhang's (2019) blur filters: binomial rows, normalised to sum 1.
BLUR_FILTERS = {1: (1.0,), 2: (1.0, 1.0), 3: (1.0, 2.0, 1.0), 5: (1.0, 4.0, 6.0, 4.0, 1.0)}


# ----------------------------------------------------------------------------- measures

def shift_right(x: Any, t: int) -> np.ndarray:
    """``x`` moved ``t`` pixels along its last axis, circularly (``np.roll``).

    >>> shift_right(np.array([1, 2, 3, 4]), 1)
    array([4, 1, 2, 3])
    """
    return np.roll(np.asarray(x), int(t), axis=-1)


def strided_pool(x: Any, kernel_size: int = 2, kind: str = "max") -> np.ndarray:
    """Max or average pooling of a signal (L,) or an image (H, W), stride = window.

    A thin wrapper over ``convbook.max_pool1d/2d`` and ``avg_pool1d/2d`` for one channel.

    >>> strided_pool(np.array([1.0, 3.0, 2.0, 0.0]), 2, "avg")
    array([2., 1.])
    """
    z = np.asarray(x, dtype=float)
    if kind not in ("max", "avg") or z.ndim not in (1, 2):
        raise ValueError(f"strided_pool: need kind 'max' or 'avg' and a 1-D or 2-D x, but got "
                         f"kind={kind!r}, shape {z.shape}")
    fn = {("max", 1): F.max_pool1d, ("max", 2): F.max_pool2d,
          ("avg", 1): F.avg_pool1d, ("avg", 2): F.avg_pool2d}[kind, z.ndim]
    return fn(z[None], kernel_size)[0]


def fraction_unchanged(pool: Callable[[np.ndarray], np.ndarray], x: Any, shift: int,
                       *, atol: float = 1e-12) -> float:
    """Fraction of the outputs of ``pool`` that keep their value when ``x`` shifts.

    ``pool`` maps an (H, W) array to its pooled map; the input is shifted ``shift``
    pixels to the right (circularly) and the two pooled maps are compared position
    by position. 1.0 means invariant to that shift.

    >>> x = np.array([0.9, 0.1, 0.2, 0.3])
    >>> fraction_unchanged(strided_pool, x, 1)
    0.5
    """
    a = np.asarray(pool(np.asarray(x, dtype=float)))
    b = np.asarray(pool(shift_right(np.asarray(x, dtype=float), shift)))
    return float(np.mean(np.isclose(a, b, atol=atol, rtol=0.0)))


def blur_filter(taps: int) -> np.ndarray:
    """The 2-D binomial blur of Zhang (2019): the outer product of a binomial row."""
    if taps not in BLUR_FILTERS:
        raise ValueError(f"blur_filter: taps must be one of {sorted(BLUR_FILTERS)}, but got {taps!r}")
    row = np.array(BLUR_FILTERS[taps])
    row = row / row.sum()
    return np.outer(row, row)


def blur_pool(x: Any, *, kind: str = "max", kernel_size: int = 2, stride: int = 2,
              taps: int = 3) -> np.ndarray:
    """Anti-aliased pooling of an (H, W) array (Zhang 2019), with circular borders.

    ``kind="max"``: max over ``kernel_size`` windows with stride 1, then blur, then keep
    every ``stride``-th sample (MaxBlurPool). ``kind="avg"``: blur, then subsample
    (BlurPool on an average). ``taps=1`` skips the blur, so ``kind="max", taps=1`` is
    ordinary strided max pooling (with circular borders).

    >>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    >>> blur_pool(x)
    array([0.5, 1. , 0.5, 1. ])
    """
    if kind not in ("max", "avg"):
        raise ValueError(f"blur_pool: kind must be 'max' or 'avg', but got {kind!r}")
    z = np.asarray(x, dtype=float)
    if z.ndim not in (1, 2):
        raise ValueError(f"blur_pool: x must be (L,) or (H, W), but got shape {z.shape}")
    nd = z.ndim
    if kind == "max":
        k = kernel_size
        z = np.pad(z, [(0, k - 1)] * nd, mode="wrap")
        z = (F.max_pool1d if nd == 1 else F.max_pool2d)(z[None], k, stride=1)[0]
    b = blur_filter(taps)
    if nd == 1:
        b = b.sum(axis=0)
    r = taps // 2
    z = np.pad(z, [(r, taps - 1 - r)] * nd, mode="wrap")
    z = (F.conv1d if nd == 1 else F.conv2d)(z[None, None], b[None, None])[0, 0]
    return z[(slice(None, None, stride),) * nd]


def equivariance_error(pool: Callable[[np.ndarray], np.ndarray], x: Any, shift: int,
                       stride: int = 2) -> float:
    """How far ``pool(shifted x)`` is from a shifted copy of ``pool(x)``.

    The input moves ``shift`` pixels right; an equivariant pool with this ``stride``
    would move its output ``shift / stride`` pixels. The error is the mean absolute
    difference to the nearer of the two whole-pixel shifts ``floor`` and ``ceil`` of
    ``shift / stride``: zero when the output is exactly a shifted copy.

    >>> x = np.array([0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    >>> equivariance_error(strided_pool, x, 2), equivariance_error(strided_pool, x, 1)
    (0.0, 0.5)
    """
    a = np.asarray(pool(np.asarray(x, dtype=float)))
    b = np.asarray(pool(shift_right(np.asarray(x, dtype=float), shift)))
    us = {shift // stride, -(-shift // stride)}
    return float(min(np.mean(np.abs(b - shift_right(a, u))) for u in us))


def receptive_fields(layers: Sequence[Sequence[int]]) -> list[int]:
    """Receptive field after each layer of a stack: ``receptive_field(layers[:i+1])``.

    >>> receptive_fields([(3, 1), (2, 2), (3, 1)])
    [3, 4, 8]
    """
    return [receptive_field(layers[:i + 1]) for i in range(len(layers))]


# ----------------------------------------------------------------------------- figures

def pool_example(x: Any, kernel_size: int = 2, stride: int = 1, *, padding: int = 0,
                 window: tuple[int, int] = (0, 0)):
    """The input grid with one window outlined, next to its max and average pools.

    ``window`` is the output position whose window is outlined (and whose outputs are
    outlined in the pooled maps).
    """
    x = np.asarray(x, dtype=float)
    mx = F.max_pool2d(x[None], kernel_size, stride, padding)[0]
    av = F.avg_pool2d(x[None], kernel_size, stride, padding)[0]
    h, w = x.shape
    fig = figure((2.2 + 0.55 * (w + mx.shape[1] + av.shape[1]) + 0.5, 0.55 * h + 1.0))
    widths = [w, mx.shape[1], av.shape[1]]
    axs = fig.subplots(1, 3, gridspec_kw={"width_ratios": widths})
    i0, j0 = window
    rows = [r - padding for r in range(i0 * stride, i0 * stride + kernel_size)]
    cols = [c - padding for c in range(j0 * stride, j0 * stride + kernel_size)]
    mask = np.zeros(x.shape, bool)
    for r in rows:
        for c in cols:
            if 0 <= r < h and 0 <= c < w:
                mask[r, c] = True
    grid(x, axs[0], title="input", highlight=mask)
    grid(mx, axs[1], title="max pool", highlight=[window])
    grid(av, axs[2], title="average pool", highlight=[window], fmt="{:.3g}")
    return fig


def invariance_curves(curves: dict[str, Sequence[float]], shifts: Sequence[int], ax: Any = None,
                      *, expected: dict[str, Sequence[float]] | None = None,
                      expected_label: str = "expected", title: str | None = None):
    """Fraction of pooled outputs unchanged against the shift, one line per pool.

    ``expected`` draws thin dashed black reference curves for the keys it shares with
    ``curves``, labelled ``expected_label`` in the legend.
    """
    fig, ax = axes(ax, figsize=(6.4, 3.6))
    markers = "osD^vP*"
    for i, (name, ys) in enumerate(curves.items()):
        ax.plot(shifts, ys, marker=markers[i % len(markers)], color=COLORS[i % len(COLORS)],
                label=name, linewidth=1.8)
        if expected and name in expected:
            ax.plot(shifts, expected[name], linestyle="--", color="black", linewidth=1.0,
                    label=expected_label if i == 0 else None, zorder=3)
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_ylabel("fraction of outputs unchanged")
    ax.set_ylim(-0.03, 1.05)
    ax.set_xticks(list(shifts))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, frameon=False)
    if title:
        ax.set_title(title, fontsize=10)
    return fig


def aliasing_1d(x: Any, *, taps: int = 3):
    """Zhang's example: a period-4 signal and its one-pixel shift, through max pooling
    and through anti-aliased max pooling (stem plots)."""
    x = np.asarray(x, dtype=float).ravel()
    xs = shift_right(x, 1)
    rows = [("input", x, xs)]
    rows.append(("max pool (k=2, s=2)", strided_pool(x), strided_pool(xs)))
    rows.append((f"max + blur {taps} + subsample", blur_pool(x, taps=taps),
                 blur_pool(xs, taps=taps)))
    fig = figure((8.0, 5.0))
    axs = fig.subplots(len(rows), 2, sharey=True)
    for r, (name, a, b) in enumerate(rows):
        for c, (v, label) in enumerate([(a, "original"), (b, "shifted by 1 pixel")]):
            ax = axs[r, c]
            n = np.arange(len(v))
            ml, sl, bl = ax.stem(n, v, basefmt=" ")
            color = COLORS[0] if c == 0 else COLORS[1]
            ml.set_color(color)
            sl.set_color(color)
            ax.set_ylim(-0.15, 1.45)
            ax.set_xticks(n)
            ax.set_xlim(-0.6, len(x) - 0.4 if r == 0 else len(v) - 0.4)
            ax.tick_params(labelsize=9)
            for i, val in enumerate(v):
                if r > 0:
                    ax.text(i, val + 0.07, f"{val:g}", ha="center", va="bottom", fontsize=9)
            ax.set_title(f"{name}: {label}", fontsize=10)
        axs[r, 0].set_ylabel("value")
    axs[-1, 0].set_xlabel("index")
    axs[-1, 1].set_xlabel("index")
    return fig


def aliasing_curves(curves: dict[str, Sequence[float]], shifts: Sequence[int], ax: Any = None):
    """Equivariance error against the shift, one line per pool."""
    fig, ax = axes(ax, figsize=(6.4, 3.6))
    markers = "osD^vP*"
    for i, (name, ys) in enumerate(curves.items()):
        ax.plot(shifts, ys, marker=markers[i % len(markers)], color=COLORS[i % len(COLORS)],
                label=name, linewidth=1.8)
    ax.set_xlabel("shift of the input (pixels)")
    ax.set_ylabel("distance to a shifted copy\n(mean absolute difference)")
    ax.set_xticks(list(shifts))
    top = max(max(ys) for ys in curves.values()) or 1.0
    ax.set_ylim(-0.03 * top, 1.4 * top)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, frameon=False, ncol=2, loc="upper center")
    return fig


def receptive_field_growth(stacks: dict[str, Sequence[Sequence[int]]], ax: Any = None):
    """Receptive field after each layer, for several stacks of ``(kernel, stride)`` layers."""
    fig, ax = axes(ax, figsize=(6.4, 3.6))
    markers = "osD^vP*"
    for i, (name, layers) in enumerate(stacks.items()):
        rf = receptive_fields(layers)
        ax.plot(range(1, len(rf) + 1), rf, marker=markers[i % len(markers)],
                color=COLORS[i % len(COLORS)], label=name, linewidth=1.8)
    n = max(len(v) for v in stacks.values())
    ax.set_xticks(range(1, n + 1))
    ax.set_xlabel("layers")
    ax.set_ylabel("receptive field (input pixels)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, frameon=False)
    return fig


def explorer_pattern(name: str = "noise", size: int = 24) -> np.ndarray:
    """Inputs for the shift explorer: ``"noise"`` (uniform, seeded), ``"blob"`` (a bright
    square on a dark ground) or ``"stripes"`` (period 4, Zhang's example)."""
    if name == "noise":
        return np.random.default_rng(0).random((size, size))
    if name == "blob":
        z = np.full((size, size), 0.1)
        c = size // 3
        z[c:c + 5, c:c + 5] = 1.0
        z[c + 1:c + 4, c + 1:c + 4] = 0.55
        z[c + 2, c + 2] = 0.8
        return z
    if name == "stripes":
        row = ((np.arange(size) // 2) % 2).astype(float)
        return np.tile(row, (size, 1))
    raise ValueError(f"explorer_pattern: name must be 'noise', 'blob' or 'stripes', but got {name!r}")


def shift_explorer(shift: int = 0, kernel_size: int = 2, pattern: str = "noise",
                   max_shift: int = 6):
    """Render one frame of the shift explorer.

    The shifted input (pooling windows drawn as a lattice), its max- and average-pooled
    maps with the outputs that changed since shift 0 outlined, and the fraction of
    outputs unchanged for shifts 0..``max_shift`` with the current shift marked.
    """
    x = explorer_pattern(pattern)
    k = int(kernel_size)
    pools = {"max pool": lambda z: strided_pool(z, k, "max"),
             "average pool": lambda z: strided_pool(z, k, "avg")}
    xs = shift_right(x, shift)
    fig = figure((9.0, 3.1))
    axs = fig.subplots(1, 4, gridspec_kw={"width_ratios": [1, 1, 1, 1.25]})
    axs[0].imshow(xs, cmap="gray", vmin=0, vmax=1)
    for v in np.arange(-0.5, x.shape[1], k):
        axs[0].axvline(v, color=COLORS[4], linewidth=0.8)
        axs[0].axhline(v, color=COLORS[4], linewidth=0.8)
    axs[0].set_title(f"input shifted by {shift}\n(windows {k}x{k})", fontsize=10)
    for ax, (name, pool) in zip(axs[1:3], pools.items()):
        a, b = pool(x), pool(xs)
        ax.imshow(b, cmap="gray", vmin=0, vmax=1)
        changed = ~np.isclose(a, b, atol=1e-12, rtol=0)
        for i, j in np.argwhere(changed):
            ax.plot(j, i, marker="x", color=COLORS[1], markersize=6, markeredgewidth=1.5)
        ax.set_title(f"{name}\n{int(changed.sum())} of {changed.size} changed (x)", fontsize=10)
    for ax in axs[:3]:
        ax.set_xticks([])
        ax.set_yticks([])
    shifts = list(range(max_shift + 1))
    for i, (name, pool) in enumerate(pools.items()):
        ys = [fraction_unchanged(pool, x, t) for t in shifts]
        axs[3].plot(shifts, ys, marker="os"[i], color=COLORS[i], label=name)
    axs[3].axvline(shift, color=COLORS[6], linestyle=":", linewidth=1.2)
    axs[3].set_ylim(-0.03, 1.05)
    axs[3].set_xticks(shifts)
    axs[3].set_xlabel("shift (pixels)", fontsize=9)
    axs[3].set_ylabel("fraction unchanged", fontsize=9)
    axs[3].tick_params(labelsize=9)
    axs[3].legend(fontsize=9, frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  ncol=2, handlelength=1.2, columnspacing=0.8)
    axs[3].grid(alpha=0.3)
    return fig
