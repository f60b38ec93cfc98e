"""convbook layers against torch.nn.functional on the issue's cases (float32, same process).

convbook and torch take turns and the best of 15 rounds counts, so that other work on a
shared machine slows both alike.
"""
from __future__ import annotations

import numpy as np

import convbook

from .timing import interleaved_best, peak_bytes

CASES = [
    ("conv2d (8,16,64,64)*(32,16,3,3) p1", "conv2d", (8, 16, 64, 64), (32, 16, 3, 3), dict(padding=1)),
    ("conv2d (1,3,224,224)*(64,3,7,7) s2 p3", "conv2d", (1, 3, 224, 224), (64, 3, 7, 7),
     dict(stride=2, padding=3)),
    ("conv2d depthwise (8,32,56,56)*(32,1,3,3) g32 p1", "conv2d", (8, 32, 56, 56), (32, 1, 3, 3),
     dict(padding=1, groups=32)),
    ("conv2d dilated (8,16,64,64)*(32,16,3,3) d2 p2", "conv2d", (8, 16, 64, 64), (32, 16, 3, 3),
     dict(padding=2, dilation=2)),
    ("max_pool2d (8,64,56,56) k3 s2 p1", "max_pool2d", (8, 64, 56, 56), 3, dict(stride=2, padding=1)),
    ("avg_pool2d (8,64,56,56) k2", "avg_pool2d", (8, 64, 56, 56), 2, {}),
]


def run_layers() -> list[dict]:
    import torch
    import torch.nn.functional as F

    rng = np.random.default_rng(0)
    rows = []
    for name, fn, xshape, second, kwargs in CASES:
        x = rng.standard_normal(xshape, dtype=np.float32)
        xt = torch.from_numpy(x)
        if fn == "conv2d":
            w = rng.standard_normal(second, dtype=np.float32)
            wt = torch.from_numpy(w)
            ours = lambda: convbook.conv2d(x, w, **kwargs)  # noqa: E731
            ref = lambda: F.conv2d(xt, wt, **kwargs)  # noqa: E731
        else:
            ours = lambda: getattr(convbook, fn)(x, second, **kwargs)  # noqa: E731
            ref = lambda: getattr(F, fn)(xt, second, **kwargs)  # noqa: E731
        np.testing.assert_allclose(ours(), ref().numpy(), rtol=1e-3, atol=1e-3)
        with torch.no_grad():  # taking turns, best of 15 rounds each (see timing.py)
            best = interleaved_best({"ours": ours, "ref": ref})
        t_ours, t_ref = best["ours"], best["ref"]
        rows.append({"case": name, "convbook_ms": round(t_ours * 1e3, 2), "torch_ms": round(t_ref * 1e3, 2),
                     "ratio": round(t_ours / t_ref, 2),
                     "convbook_peak_mib": round(peak_bytes(ours) / 2**20, 1)})
    return rows


GROUP_SWEEP = [(c, g, m) for c in (32, 64) for g in (1, 2, 4, 8, 16, 32, 64) if g <= c
               for m in ((1, 2) if g == c else (1,))]


def run_groups(shape=(8, None, 56, 56), repeats: int = 11) -> list[dict]:
    """Grouped 3x3 convolutions, padding 1, float32: the core's two routes side by side.

    For each channel count C and group count g (C_out = C, or 2C for depthwise with a
    channel multiplier of 2), time shift-and-add and im2col + GEMM on the same padded
    input, interleaved, and report the best of ``repeats`` runs each (the minimum is the
    least disturbed by other load on a shared machine), the route the rule picks, and
    how far that choice is from the faster route.
    """
    import time

    from convbook import _core

    rng = np.random.default_rng(0)
    rows = []
    for c, g, mult in GROUP_SWEEP:
        x = rng.standard_normal((shape[0], c) + shape[2:], dtype=np.float32)
        xp = _core.pad(x, [(1, 1), (1, 1)])
        c_out = c * mult
        w = rng.standard_normal((c_out, c // g, 3, 3), dtype=np.float32)
        best = {"shift": float("inf"), "gemm": float("inf")}
        for route in best:  # warm up
            _core.correlate(xp, w, (1, 1), (1, 1), g, route)
        for _ in range(repeats):
            for route in best:
                start = time.perf_counter()
                _core.correlate(xp, w, (1, 1), (1, 1), g, route)
                best[route] = min(best[route], time.perf_counter() - start)
        choice = _core.choose_route(c // g, c_out // g, 9, shape[2] * shape[3])
        faster = min(best, key=best.get)
        rows.append({"C_in": c, "C_out": c_out, "groups": g,
                     "channel_product": (c // g) * (c_out // g),
                     "shift_ms": round(best["shift"] * 1e3, 2),
                     "gemm_ms": round(best["gemm"] * 1e3, 2), "faster": faster,
                     "rule": choice, "rule_vs_best": round(best[choice] / best[faster], 2)})
    return rows
