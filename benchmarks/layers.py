"""convbook layers against torch.nn.functional on the issue's cases (float32, same process)."""
from __future__ import annotations

import numpy as np

import convbook

from .timing import median_time, peak_bytes

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
        with torch.no_grad():
            t_ours, t_ref = median_time(ours), median_time(ref)
        rows.append({"case": name, "convbook_ms": round(t_ours * 1e3, 2), "torch_ms": round(t_ref * 1e3, 2),
                     "ratio": round(t_ours / t_ref, 2),
                     "convbook_peak_mib": round(peak_bytes(ours) / 2**20, 1)})
    return rows
