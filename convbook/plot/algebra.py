"""Figures of chapter 4 (algebraic properties), and the small sequence algebra they draw.

A finitely supported sequence on the integers is stored as a pair ``(start, values)``:
``values[i]`` is the value at index ``start + i``, every other value is zero. The
functions :func:`seq_convolve`, :func:`seq_correlate`, :func:`seq_add`, :func:`seq_scale`
and :func:`seq_shift` act on such pairs, so that both sides of a law can be compared as
sequences on Z (index origin included), not as bare arrays. :func:`law_sides` computes
the two sides of a law; :func:`law_figure` draws them and their difference.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .. import signal
from ..functional import conv2d
from . import COLORS, SIGNED_CMAP, axes, figure

LAWS = ("commutative", "associative", "distributive", "scalar", "shift")
OPS = ("convolution", "cross-correlation")
SIGNALS = ("asymmetric", "random", "ramp and box")


# --- sequences on Z -----------------------------------------------------------------------

def _seq(a: Any) -> tuple[int, np.ndarray]:
    if isinstance(a, tuple) and len(a) == 2 and np.ndim(a[0]) == 0:
        return int(a[0]), np.atleast_1d(np.asarray(a[1], dtype=float))
    return 0, np.atleast_1d(np.asarray(a, dtype=float))


def seq_convolve(a: Any, b: Any) -> tuple[int, np.ndarray]:
    """``a * b`` on Z: ``(a * b)[n] = sum_m a[m] b[n - m]``; supports add.

    Examples
    --------
    >>> seq_convolve((1, [1, 2]), (-1, [1, 1]))
    (0, array([1., 3., 2.]))
    """
    sa, va = _seq(a)
    sb, vb = _seq(b)
    return sa + sb, signal.convolve(va, vb, method="direct")


def seq_correlate(a: Any, b: Any) -> tuple[int, np.ndarray]:
    """``a ⋆ b`` on Z: ``(a ⋆ b)[n] = sum_m a[n + m] b[m]``.

    The output starts at ``start(a) - start(b) - (len(b) - 1)``.

    Examples
    --------
    >>> seq_correlate([1, 2, 3], [0, 1, 0.5])
    (-2, array([0.5, 2. , 3.5, 3. , 0. ]))
    """
    sa, va = _seq(a)
    sb, vb = _seq(b)
    return sa - sb - (len(vb) - 1), signal.correlate(va, vb, method="direct")


def align(*seqs: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """Indices ``n`` covering every sequence, and each sequence's values on them."""
    pairs = [_seq(s) for s in seqs]
    lo = min(s for s, _ in pairs)
    hi = max(s + len(v) for s, v in pairs)
    n = np.arange(lo, hi)
    out = []
    for s, v in pairs:
        full = np.zeros(hi - lo)
        full[s - lo:s - lo + len(v)] = v
        out.append(full)
    return n, out


def seq_add(a: Any, b: Any) -> tuple[int, np.ndarray]:
    """``a + b`` on Z (supports need not agree)."""
    n, (va, vb) = align(a, b)
    return int(n[0]), va + vb


def seq_scale(alpha: float, a: Any) -> tuple[int, np.ndarray]:
    """``alpha * a``."""
    s, v = _seq(a)
    return s, float(alpha) * v


def seq_shift(a: Any, tau: int) -> tuple[int, np.ndarray]:
    """``(S_tau a)[n] = a[n - tau]``: the sequence moved ``tau`` steps to the right."""
    s, v = _seq(a)
    return s + int(tau), v.copy()


def example_signals(name: str = "asymmetric", seed: int = 0):
    """Three short signals ``f, g, h`` (as ``(start, values)``) for the law explorer."""
    if name == "asymmetric":
        return (0, np.array([1.0, 2.0, 0.0, -1.0])), (0, np.array([1.0, 0.0, 3.0])), (0, np.array([2.0, -1.0]))
    if name == "random":
        rng = np.random.default_rng(seed)
        return ((0, rng.integers(-3, 4, 5).astype(float)), (0, rng.integers(-3, 4, 3).astype(float)),
                (0, rng.integers(-3, 4, 4).astype(float)))
    if name == "ramp and box":
        return (0, np.arange(1.0, 6.0)), (0, np.ones(3)), (0, np.array([1.0, 0.0, 0.0, 0.0]))
    raise ValueError(f"example_signals: name must be one of {SIGNALS}, but got name={name!r}")


def law_sides(law: str, op: str, f: Any, g: Any, h: Any, *, alpha: float = 2.0, tau: int = 2):
    """The two sides of ``law`` for the product ``op``, as sequences on Z.

    Returns ``(left, right, left_label, right_label)``; the law holds for these
    signals when ``left`` and ``right`` agree (see :func:`align`).

    Examples
    --------
    >>> l, r, _, _ = law_sides("commutative", "cross-correlation", [1], [1, 2], [0])
    >>> l, r
    ((-1, array([2., 1.])), (0, array([1., 2.])))
    """
    if law not in LAWS:
        raise ValueError(f"law_sides: law must be one of {LAWS}, but got law={law!r}")
    if op not in OPS:
        raise ValueError(f"law_sides: op must be one of {OPS}, but got op={op!r}")
    p = seq_convolve if op == "convolution" else seq_correlate
    s = "∗" if op == "convolution" else "⋆"
    if law == "commutative":
        return p(f, g), p(g, f), f"f{s}g", f"g{s}f"
    if law == "associative":
        return p(p(f, g), h), p(f, p(g, h)), f"(f{s}g){s}h", f"f{s}(g{s}h)"
    if law == "distributive":
        return p(f, seq_add(g, h)), seq_add(p(f, g), p(f, h)), f"f{s}(g+h)", f"f{s}g + f{s}h"
    if law == "scalar":
        return (seq_scale(alpha, p(f, g)), p(f, seq_scale(alpha, g)),
                f"{alpha:g}(f{s}g)", f"f{s}({alpha:g}g)")
    return p(seq_shift(f, tau), g), seq_shift(p(f, g), tau), f"(S{tau}f){s}g", f"S{tau}(f{s}g)"


def law_figure(law: str = "commutative", op: str = "convolution", signals: str = "asymmetric",
               seed: int = 0, *, figsize: tuple[float, float] = (8.0, 4.2)):
    """Both sides of a law (top) and their difference (bottom), on the integers.

    Examples
    --------
    >>> fig = law_figure("associative", "cross-correlation")
    >>> len(fig.axes)
    2
    """
    f, g, h = example_signals(signals, seed)
    left, right, ll, rl = law_sides(law, op, f, g, h)
    n, (lv, rv) = align(left, right)
    fig = figure(figsize)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.stem(n - 0.12, lv, linefmt=COLORS[0], markerfmt="o", basefmt=" ", label=ll)
    mk = top.stem(n + 0.12, rv, linefmt=COLORS[1], markerfmt="D", basefmt=" ", label=rl)
    mk.markerline.set_markerfacecolor("none")
    top.axhline(0, color="#777777", linewidth=0.8)
    top.set_ylabel("value")
    top.legend(loc="upper left", fontsize=10, frameon=False, ncols=2, bbox_to_anchor=(0, 1.02))
    holds = np.allclose(lv, rv)
    top.set_title(f"{op}, {law} law: {'holds' if holds else 'FAILS'} for these signals", fontsize=11)
    diff = lv - rv
    bottom.bar(n, diff, color=COLORS[2] if holds else COLORS[3], width=0.6)
    bottom.axhline(0, color="#777777", linewidth=0.8)
    lim = max(1.0, float(np.max(np.abs(diff))) * 1.15)
    bottom.set_ylim(-lim, lim)
    bottom.set_ylabel("left − right")
    bottom.set_xlabel("index n")
    bottom.set_xticks(n)
    bottom.text(0.99, 0.95, f"max |left − right| = {np.max(np.abs(diff)):g}", transform=bottom.transAxes,
                ha="right", va="top", fontsize=10)
    return fig


CASES = tuple(f"{op}: {law}" for op in OPS for law in LAWS)


def law_case_figure(case: str = CASES[0], signals: str = "asymmetric"):
    """:func:`law_figure` for a ``"op: law"`` string from :data:`CASES` (for a one-slider explorer)."""
    if case not in CASES:
        raise ValueError(f"law_case_figure: case must be one of {CASES}, but got case={case!r}")
    op, law = case.split(": ")
    return law_figure(law, op, signals, figsize=(8.0, 4.2))


# --- chapter figures ----------------------------------------------------------------------

def border_figure(f: Any, g: Any, h: Any, ax: Any = None):
    """Two 'same' layers against one 'same' convolution with the full kernel g*h: the
    difference lives only at the border.

    Examples
    --------
    >>> fig = border_figure(np.arange(12.0), np.ones(3), np.array([1.0, 0, -1]))
    >>> len(fig.axes)
    2
    """
    f, g, h = (np.asarray(a, dtype=float) for a in (f, g, h))
    two = signal.convolve(signal.convolve(f, g, "same"), h, "same")
    one = signal.convolve(f, signal.convolve(g, h), "same")
    n = np.arange(len(f))
    fig = figure((8.0, 4.0))
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.plot(n, two, "o-", color=COLORS[0], label="same(same(f, g), h)")
    top.plot(n, one, "D--", color=COLORS[1], mfc="none", label="same(f, g∗h)")
    top.set_ylabel("value")
    top.legend(fontsize=10, frameon=False, loc="upper left")
    diff = two - one
    bottom.bar(n, diff, color=COLORS[3], width=0.6)
    r = (len(g) + len(h) - 2) // 2
    for a in (ax_ for ax_ in (top, bottom)):
        a.axvspan(-0.5, r - 0.5, color="#dddddd", zorder=0)
        a.axvspan(len(f) - r - 0.5, len(f) - 0.5, color="#dddddd", zorder=0)
    bottom.axhline(0, color="#777777", linewidth=0.8)
    bottom.set_ylabel("difference")
    bottom.set_xlabel("index n (grey: within the half-width of g∗h of the border)")
    return fig


def approximate_identity_figure(f: Any, sigmas: Sequence[float], t: Any, smoothed: Sequence[Any],
                                errors_sigmas: Sequence[float], errors: Sequence[float]):
    """Left: ``f`` and ``g_sigma * f`` for shrinking ``sigma``; right: the L1 error against sigma."""
    fig = figure((8.5, 3.4))
    left, right = fig.subplots(1, 2, width_ratios=(3, 2))
    left.plot(t, f(t), color="black", linewidth=2, label="f (a box)")
    for i, (s, y) in enumerate(zip(sigmas, smoothed)):
        left.plot(t, y, color=COLORS[i % len(COLORS)], linewidth=1.5, label=f"g_σ ∗ f, σ = {s:g}")
    left.set_xlabel("t")
    left.set_ylabel("value")
    left.legend(fontsize=9, frameon=False, loc="upper left")
    left.set_ylim(-0.05, 1.0)
    from matplotlib.ticker import NullFormatter

    right.loglog(errors_sigmas, errors, "o-", color=COLORS[0])
    right.xaxis.set_minor_formatter(NullFormatter())
    right.yaxis.set_minor_formatter(NullFormatter())
    right.set_xticks(list(errors_sigmas), [f"{s:g}" for s in errors_sigmas])
    yt = [e for e in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0) if min(errors) / 1.5 <= e <= max(errors) * 1.5]
    right.set_yticks(yt, [f"{e:g}" for e in yt])
    right.set_xlabel("σ")
    right.set_ylabel("‖g_σ ∗ f − f‖₁")
    right.set_title("error → 0, never = 0", fontsize=10)
    return fig


def correlation_pair_figure(f: Any, g: Any):
    """``f ⋆ g`` and ``g ⋆ f`` on the integers: mirror images, not equal."""
    a = seq_correlate(f, g)
    b = seq_correlate(g, f)
    n, (va, vb) = align(a, b)
    fig = figure((8.0, 3.0))
    axs = fig.subplots(1, 2, sharey=True)
    for ax, v, lab, c in ((axs[0], va, "f ⋆ g", COLORS[0]), (axs[1], vb, "g ⋆ f", COLORS[1])):
        ax.stem(n, v, linefmt=c, basefmt=" ")
        ax.axhline(0, color="#777777", linewidth=0.8)
        ax.axvline(0, color="#aaaaaa", linewidth=0.8, linestyle=":")
        ax.set_title(lab, fontsize=11)
        ax.set_xlabel("index n")
        ax.set_xticks(n)
    axs[0].set_ylabel("value")
    return fig


def filtered(image: Any, kernel: Any, padding_mode: str = "zeros") -> np.ndarray:
    """``image`` cross-correlated with an odd ``kernel`` by :func:`convbook.conv2d`, same size."""
    k = np.asarray(kernel, dtype=float)
    pad = (k.shape[0] // 2, k.shape[1] // 2)
    return conv2d(np.asarray(image, dtype=float)[None, None], k[None, None], padding=pad,
                  padding_mode=padding_mode)[0, 0]


def equivariance_figure(image: Any, kernel: Any, shift: tuple[int, int]):
    """Shift then filter against filter then shift, with zero and with circular padding."""
    x = np.asarray(image, dtype=float)
    sx = np.roll(x, shift, axis=(0, 1))
    d_zero = filtered(sx, kernel, "zeros") - np.roll(filtered(x, kernel, "zeros"), shift, axis=(0, 1))
    d_circ = filtered(sx, kernel, "circular") - np.roll(filtered(x, kernel, "circular"), shift, axis=(0, 1))
    fig = figure((9.0, 2.9))
    axs = fig.subplots(1, 4)
    axs[0].imshow(x, cmap="gray")
    axs[0].set_title("x", fontsize=11)
    axs[1].imshow(sx, cmap="gray")
    axs[1].set_title(f"S x (rolled by {shift})", fontsize=11)
    vmax = float(np.max(np.abs(d_zero))) or 1.0
    for ax, d, lab in ((axs[2], d_zero, "zero padding"), (axs[3], d_circ, "circular padding")):
        im = ax.imshow(d, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        ax.set_title(f"T(Sx) − S T(x)\n{lab}: max {np.max(np.abs(d)):.2g}", fontsize=11)
    for ax in axs:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=axs[2:], shrink=0.8)
    return fig


def rotation_figure(image: Any, kernel: Any, symmetric_kernel: Any):
    """Rotate then filter against filter then rotate (circular padding, so only the rotation
    matters): an asymmetric kernel fails, a kernel with the rotation's symmetry passes."""
    x = np.asarray(image, dtype=float)
    rx = np.rot90(x)
    fig = figure((9.0, 2.9))
    axs = fig.subplots(1, 4)
    a = filtered(rx, kernel, "circular")
    b = np.rot90(filtered(x, kernel, "circular"))
    c = filtered(rx, symmetric_kernel, "circular") - np.rot90(filtered(x, symmetric_kernel, "circular"))
    vmax = float(np.max(np.abs(np.concatenate([a.ravel(), b.ravel()])))) or 1.0
    panels = ((a, "T(R x)"), (b, "R T(x)"), (a - b, "T(Rx) − R T(x)"), (c, "same, symmetric kernel"))
    for ax, (d, lab) in zip(axs, panels):
        im = ax.imshow(d, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        ax.set_title(f"{lab}\nmax |·| {np.max(np.abs(d)):.2g}", fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.colorbar(im, ax=list(axs), shrink=0.8)
    return fig


def matrices_figure(matrices: Sequence[Any], titles: Sequence[str]):
    """Small matrices side by side on the signed map (each centred on zero)."""
    fig = figure((2.2 * len(matrices) + 0.3, 2.7))
    axs = fig.subplots(1, len(matrices), squeeze=False)[0]
    for ax, m, t in zip(axs, matrices, titles):
        m = np.asarray(m, dtype=float)
        vmax = float(np.max(np.abs(m))) or 1.0
        ax.imshow(m, cmap=SIGNED_CMAP, vmin=-vmax, vmax=vmax)
        ax.set_title(t, fontsize=12)
        ax.set_xlabel("column m", fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
    axs[0].set_ylabel("row n", fontsize=11)
    return fig


def wraparound_figure(x: Any, k: Any):
    """Linear convolution, circular convolution of length n (the tail wraps around), and
    circular convolution after zero padding to n + k - 1 (equals the linear one)."""
    x = np.asarray(x, dtype=float)
    k = np.asarray(k, dtype=float)
    n, m = len(x), len(k)
    lin = signal.convolve(x, k)
    circ = np.real(np.fft.ifft(np.fft.fft(x) * np.fft.fft(k, n)))
    L = n + m - 1
    pad = np.real(np.fft.ifft(np.fft.fft(x, L) * np.fft.fft(k, L)))
    fig = figure((9.0, 2.9))
    axs = fig.subplots(1, 3, sharey=True)
    for ax, v, lab, c in ((axs[0], lin, "linear x ∗ k (full)", COLORS[0]),
                          (axs[1], circ, f"circular, length {n}", COLORS[1]),
                          (axs[2], pad, f"circular, zero padded to {L}", COLORS[2])):
        ax.stem(np.arange(len(v)), v, linefmt=c, basefmt=" ")
        ax.set_title(lab, fontsize=11)
        ax.set_xlabel("index n")
        ax.set_xlim(-0.7, L - 0.3)
    axs[1].axvspan(-0.5, m - 1.5, color="#dddddd", zorder=0)
    axs[1].text(-0.3, float(np.max(lin)) * 0.8, "tail\nwrapped\nin", fontsize=9)
    axs[0].set_ylabel("value")
    return fig


def crossover_figure(sizes: Sequence[int], direct: Sequence[float], fft: Sequence[float], n: int):
    """Measured time of the direct and FFT methods against the kernel size."""
    fig, ax = axes(figsize=(6.0, 3.4))
    ax.loglog(sizes, np.asarray(direct) * 1e3, "o-", color=COLORS[0], label="direct")
    ax.loglog(sizes, np.asarray(fft) * 1e3, "s-", color=COLORS[1], label="fft")
    ax.set_xlabel(f"kernel size k (signal length {n})")
    ax.set_ylabel("time (ms)")
    ax.legend(frameon=False)
    return fig


def two_layers_figure(w1: Any, w2: Any, x: Any, stacked: Any, single: Any):
    """The two kernels, their convolution, and the outputs of the stack and of the single layer."""
    w1, w2 = np.ravel(w1), np.ravel(w2)
    w = signal.convolve(w1, w2)
    fig = figure((9.0, 3.2))
    axs = fig.subplots(1, 4, width_ratios=(1, 1.3, 1.8, 3.2))
    for ax, v, lab, c in ((axs[0], w1, f"k₁ ({len(w1)} taps)", COLORS[0]),
                          (axs[1], w2, f"k₂ ({len(w2)} taps)", COLORS[1]),
                          (axs[2], w, f"k₁ ∗ k₂ ({len(w)} taps)", COLORS[2])):
        ax.stem(np.arange(len(v)), v, linefmt=c, basefmt=" ")
        ax.axhline(0, color="#777777", linewidth=0.8)
        ax.set_title(lab, fontsize=11)
        ax.set_xlabel("tap")
    s = np.ravel(stacked)
    o = np.ravel(single)
    axs[3].plot(s, "-", color=COLORS[0], linewidth=2)
    axs[3].plot(o, "D", color=COLORS[1], mfc="none", markersize=5)
    axs[3].set_xlabel("output index")
    axs[3].set_title("outputs: two layers (line),\none layer k₁ ∗ k₂ (◇)", fontsize=11)
    return fig


__all__ = ["LAWS", "OPS", "SIGNALS", "CASES", "seq_convolve", "seq_correlate", "seq_add", "seq_scale",
           "seq_shift", "align", "example_signals", "law_sides", "law_figure", "law_case_figure",
           "border_figure", "approximate_identity_figure", "correlation_pair_figure", "filtered",
           "equivariance_figure", "rotation_figure", "matrices_figure", "wraparound_figure",
           "crossover_figure", "two_layers_figure"]
