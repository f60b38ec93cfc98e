"""Signals: direct against FFT against auto across kernel sizes, and the teaching loops."""
from __future__ import annotations

import numpy as np

import convbook

from .timing import median_time

KERNELS = [3, 5, 7, 9, 11, 15, 19, 23, 31, 39, 47, 55, 63]


def run_signals(size: int = 512) -> list[dict]:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((size, size))
    rows = []
    for k in KERNELS:
        kern = rng.standard_normal((k, k))
        t = {m: median_time(lambda m=m: convbook.correlate(x, kern, "same", method=m), repeats=3)
             for m in ("direct", "fft", "auto")}
        best = min(t["direct"], t["fft"])
        rows.append({"kernel": k, "direct_ms": round(t["direct"] * 1e3, 1), "fft_ms": round(t["fft"] * 1e3, 1),
                     "auto_ms": round(t["auto"] * 1e3, 1),
                     "auto_choice": convbook.signal.choose_method(x, kern, "same"),
                     "auto_vs_best": round(t["auto"] / best, 2),
                     "fft_speedup": round(t["direct"] / t["fft"], 1)})
    return rows


def run_loops() -> dict:
    rng = np.random.default_rng(0)
    x, k = rng.standard_normal((64, 64)), rng.standard_normal((3, 3))
    t = {m: median_time(lambda m=m: convbook.correlate(x, k, "valid", method=m), repeats=3)
         for m in ("loops", "direct", "fft")}
    return {"case": "64x64 * 3x3 valid", "loops_ms": round(t["loops"] * 1e3, 2),
            "direct_ms": round(t["direct"] * 1e3, 3), "fft_ms": round(t["fft"] * 1e3, 3),
            "loops_over_direct": round(t["loops"] / t["direct"], 1)}


def plot_crossover(rows: list[dict], path) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 3.6), layout="constrained")
    ax = fig.add_subplot()
    ks = [r["kernel"] for r in rows]
    for key, label, color in (("direct_ms", "direct", "#0072B2"), ("fft_ms", "fft", "#D55E00"),
                              ("auto_ms", "auto", "#009E73")):
        ax.plot(ks, [r[key] for r in rows], marker="o", label=label, color=color,
                linestyle="--" if key == "auto_ms" else "-")
    ax.set_yscale("log")
    ax.set_xlabel("kernel size k (k x k kernel, 512 x 512 image)")
    ax.set_ylabel("median time (ms)")
    ax.set_title("correlate(..., 'same'): where the FFT pays")
    ax.legend()
    fig.savefig(path, dpi=100, metadata={"Software": None})
